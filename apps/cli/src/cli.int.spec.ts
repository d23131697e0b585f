// The `ledger` command run in-process against a real PostgreSQL, as `EVENT_STORE=postgres DATABASE_URL=... ledger ...`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import * as lockfile from 'proper-lockfile';
import { PostgresEventStore } from '@campaign-ledger/event-store';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { run } from './cli';

class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const secretary = { id: 'acc-sec', role: 'secretary' };
const admin = { id: 'acc-admin', role: 'administrator' };

async function seed(store: PostgresEventStore): Promise<void> {
  const put = (streamId: string, type: string, data: unknown, actor: { id: string; role: string }, occurredAt: string, reason?: string) =>
    store.append(streamId, [{ type, data }], { expectedRevision: 'any', metadata: { actor, occurredAt, ...(reason ? { reason } : {}) } });
  await put('organisation-u1', 'MemberJoined', { unitId: 'u1', memberId: 'm-7', name: '张三', branchId: 'b1' }, admin, '2024-03-01T02:00:00.000Z');
  await put('campaign-c1', 'CampaignPlanned', { campaignId: 'c1', title: '主题教育' }, admin, '2024-03-02T01:00:00.000Z');
  await put(
    'branchWork-c1:b1',
    'TaskCompleted',
    {
      campaignId: 'c1',
      branchId: 'b1',
      taskId: 't1',
      subjectId: 'b1',
      by: 'acc-sec',
      evidence: [{ fileName: '会议记录.pdf', sha256: 'ab'.repeat(32), size: 10, contentType: 'application/pdf' }],
    },
    secretary,
    '2024-03-04T03:00:00.000Z',
  );
  await put(
    'branchWork-c1:b1',
    'TaskReopened',
    { campaignId: 'c1', branchId: 'b1', taskId: 't1', reason: '材料不全' },
    admin,
    '2024-03-05T03:00:00.000Z',
    '材料不全',
  );
  await put(
    'branchWork-c1:b1',
    'ThreeOnesRecorded',
    { campaignId: 'c1', branchId: 'b1', memberId: 'm-7', title: '谈心' },
    secretary,
    '2024-03-07T03:00:00.000Z',
  );
  await put(
    'branchWork-c2:b1',
    'TaskCompleted',
    { campaignId: 'c2', branchId: 'b1', taskId: 't9', subjectId: 'b1', evidence: [] },
    secretary,
    '2024-03-08T03:00:00.000Z',
  );
}

/** Waits until readAll shows `count` events: it hides rows newer than any transaction running on the (shared) server. */
async function untilVisible(url: string, count: number): Promise<void> {
  const store = await PostgresEventStore.connect(url);
  try {
    for (let waited = 0; (await store.readAll()).length < count; waited += 200) {
      if (waited > 50_000) throw new Error(`only ${(await store.readAll()).length} of ${count} events visible after 50 s`);
      await new Promise((done) => setTimeout(done, 200));
    }
  } finally {
    await store.close();
  }
}

describe('ledger CLI on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dir: string;
  let env: Record<string, string>;

  const ledger = async (args: string[], overrides: Record<string, string | undefined> = {}): Promise<Outcome> => {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await run(args, { stdout, stderr, env: { ...env, ...overrides }, cwd: dir });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };

  beforeEach(async () => {
    database = await createTestDatabase('cl_cli');
    dir = mkdtempSync(join(tmpdir(), 'cl-cli-'));
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data') };
    const store = await PostgresEventStore.connect(database.url);
    await seed(store);
    await store.close();
    await untilVisible(database.url, 6);
    pool = quietPool(new Pool({ connectionString: database.url, max: 2 }));
  });

  afterEach(async () => {
    await pool.end();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help for the program and every command', async () => {
    const top = await ledger(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['verify', 'digest', 'export', 'import', 'history']) expect(top.stdout).toContain(name);
    for (const name of ['verify', 'digest', 'export', 'import', 'history']) {
      const help = await ledger([name, '--help']);
      expect(help).toMatchObject({ code: 0 });
      expect(help.stdout).toContain(`Usage: ledger ${name}`);
    }
  });

  it('verify: 0 on a sound log, with plain progress lines on a non-terminal stderr', async () => {
    const outcome = await ledger(['verify']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('OK 6 events in 4 streams');
    expect(outcome.stderr).toMatch(/^verify: 6\/6 events \(100%\)$/m);
  });

  it('verify: 1 on a tampered database, naming the place', async () => {
    const { rows } = await pool.query(`SELECT event_id::text AS id FROM events WHERE stream_id = 'branchWork-c1:b1' AND revision = 1`);
    await pool.query(`UPDATE events SET data = jsonb_set(data, '{reason}', '"已补齐"') WHERE stream_id = 'branchWork-c1:b1' AND revision = 1`);
    await pool.query(`DELETE FROM events WHERE stream_id = 'organisation-u1'`);
    await pool.query(`DELETE FROM events WHERE stream_id = 'branchWork-c2:b1'`);
    const outcome = await ledger(['verify']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`BROKEN branchWork-c1:b1@1 event ${rows[0].id}`);
    expect(outcome.stdout).toContain('hash_mismatch');
    expect(outcome.stdout).toContain('BROKEN 1 broken place(s) in 4 events');
  });

  it('digest, then verify --against it: unchanged after growth, CHANGED after the last row of a stream is deleted', async () => {
    const digest = await ledger(['digest', '--manifest', 'heads.json']);
    expect(digest.code).toBe(0);
    const line = digest.stdout.trim();
    expect(line).toMatch(/^v2:all:6:[0-9a-f]{64}$/);
    const manifest = JSON.parse(readFileSync(join(dir, 'heads.json'), 'utf8'));
    expect(manifest).toMatchObject({ digest: line, events: 6 });

    const store = await PostgresEventStore.connect(database.url);
    await store.append('campaign-c1', [{ type: 'StageOpened', data: {} }], { expectedRevision: 0, metadata: { actor: admin } });
    await store.close();
    await untilVisible(database.url, 7);
    const grown = await ledger(['verify', '--against', line]);
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain('UNCHANGED the log up to');
    expect(grown.stdout).toContain('1 appended since');

    await pool.query(`DELETE FROM events WHERE stream_id = 'branchWork-c1:b1' AND revision = 2`);
    expect((await ledger(['verify'])).code).toBe(0);
    const blind = await ledger(['verify', '--against', line]);
    expect(blind.code).toBe(1);
    expect(blind.stdout).toContain('CHANGED the log up to');
    const named = await ledger(['verify', '--against', line, '--manifest', 'heads.json']);
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/^CHANGED branchWork-c1:b1: revision 2 was the head, now 1: events deleted$/m);
  });

  it('export, then import into an empty database: same hashes, recording times and digest; a second import is refused', async () => {
    const exported = await ledger(['export', '--out', 'ledger.ndjson']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('exported 6 events in 4 streams and 0 evidence files');
    // The seed names an evidence file that was never uploaded.
    expect(exported.stderr).toContain(`warning: 1 evidence file(s) the events name are not stored and are not in the backup`);
    expect(exported.stderr).toContain(`会议记录.pdf (sha256 ${'ab'.repeat(32)}) named by branchWork-c1:b1@0`);
    const lines = readFileSync(join(dir, 'ledger.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'header', events: 6 });
    expect(lines.at(-1)).toMatchObject({ kind: 'trailer', events: 6 });
    expect((await ledger(['export', '--out', 'ledger.ndjson'])).stderr).toContain('exists; choose another file or add --force');

    const copy = await createTestDatabase('cl_cli_copy');
    try {
      const target = { DATABASE_URL: copy.url };
      const imported = await ledger(['import', '--in', 'ledger.ndjson'], target);
      expect(imported.stderr).toMatch(/^import: 6\/6 events \(100%\)$/m);
      expect(imported).toMatchObject({ code: 0 });
      expect(imported.stdout).toContain('imported 6 events in 4 streams and 0 evidence files');
      expect(imported.stderr).toContain('warning: 1 evidence file(s) the events name are not in the backup nor in this store');
      await untilVisible(copy.url, 6);
      const before = (await ledger(['digest'])).stdout;
      const after = (await ledger(['digest'], target)).stdout;
      expect(after).toBe(before);
      expect(imported.stdout).toContain(`digest now      ${before.trim()} (the exported one)`);
      const copyPool = quietPool(new Pool({ connectionString: copy.url }));
      const hashes = async (p: Pool) => (await p.query('SELECT event_id, hash, data, metadata, recorded_at FROM events ORDER BY position')).rows;
      expect(await hashes(copyPool)).toEqual(await hashes(pool));
      await copyPool.end();
      expect(await ledger(['verify'], target)).toMatchObject({ code: 0 });

      const again = await ledger(['import', '--in', 'ledger.ndjson'], target);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already holds events; import only into an empty store');
    } finally {
      await copy.drop();
    }
  });

  it('import: 1 and the line named when the file was altered; 2 for a missing file', async () => {
    await ledger(['export', '--out', 'ledger.ndjson']);
    const text = readFileSync(join(dir, 'ledger.ndjson'), 'utf8');
    writeFileSync(join(dir, 'altered.ndjson'), text.replace('"材料不全"', '"材料齐全"'));
    const copy = await createTestDatabase('cl_cli_copy');
    try {
      const altered = await ledger(['import', '--in', 'altered.ndjson'], { DATABASE_URL: copy.url });
      expect(altered.code).toBe(1);
      expect(altered.stderr).toMatch(/^ledger: import stopped, nothing was written: line 5: branchWork-c1:b1@1 .* hashes to/m);
      expect(altered.stderr).not.toContain('    at ');
      const missing = await ledger(['import', '--in', 'nowhere.ndjson'], { DATABASE_URL: copy.url });
      expect(missing).toMatchObject({ code: 2, stderr: 'ledger: cannot read nowhere.ndjson: no such file\n' });
    } finally {
      await copy.drop();
    }
  });

  it('history: a readable table for a campaign, a branch and a member; JSON on request; filters by type and day', async () => {
    const campaign = await ledger(['history', '--campaign', 'c1']);
    expect(campaign.code).toBe(0);
    expect(campaign.stdout).toContain('occurred (UTC+8)');
    expect(campaign.stdout).toMatch(/2024-03-04 11:00:00 .* branchWork-c1:b1@0 +TaskCompleted +acc-sec \(secretary\) +abababababababab/);
    expect(campaign.stdout).toMatch(/TaskReopened +acc-admin \(administrator\) +材料不全/);
    expect(campaign.stdout).toContain('events 1-4 of 4');
    expect(campaign.stdout).not.toContain('branchWork-c2');

    const branch = await ledger(['history', '--branch', 'c1:b1', '--type', 'TaskReopened,ThreeOnesRecorded', '--json']);
    expect(JSON.parse(branch.stdout).items.map((e: { type: string }) => e.type)).toEqual(['TaskReopened', 'ThreeOnesRecorded']);

    const member = await ledger(['history', '--member', 'm-7', '--from', '2024-03-02', '--to', '2024-03-07', '--json']);
    expect(JSON.parse(member.stdout).items.map((e: { type: string }) => e.type)).toEqual(['ThreeOnesRecorded']);
  });

  it('bad arguments and configuration: 2 with a message, no stack', async () => {
    const cases: [string[], RegExp, Record<string, string | undefined>?][] = [
      [['history'], /say whose history/],
      [['history', '--campaign', 'c1', '--member', 'm'], /choose one of/],
      [['history', '--branch', 'c1'], /--branch must be CAMPAIGN:BRANCH/],
      [['history', '--member', 'm', '--from', 'yesterday'], /YYYY-MM-DD/],
      [['history', '--member', 'm', '--page', '0'], /must be a whole number/],
      [['verify', '--against', 'v1:nonsense'], /not a ledger digest/],
      [['verify', '--manifest', 'x.json'], /--manifest goes with --against/],
      [['export'], /required option '--out <file>'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['verify'], /EVENT_STORE=postgres needs DATABASE_URL/, { DATABASE_URL: undefined }],
      [['import', '--in', 'x'], /no such file/],
    ];
    for (const [args, message, overrides] of cases) {
      const outcome = await ledger(args, overrides);
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr).toMatch(message);
      expect(outcome.stderr).not.toContain('    at ');
    }
    expect((await ledger([])).code).toBe(2);
  });

  it('says so when the embedded database is held by another process (the API)', async () => {
    const held = join(dir, 'data', 'pglite');
    mkdirSync(held, { recursive: true });
    const release = await lockfile.lock(held, { stale: 15_000, update: 5_000, retries: 0 });
    try {
      const outcome = await ledger(['verify'], { EVENT_STORE: 'pglite', DATABASE_URL: undefined });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain('is in use by another process (is the API running on this DATA_DIR?)');
    } finally {
      await release();
    }
  });
});
