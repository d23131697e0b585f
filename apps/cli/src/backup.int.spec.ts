// `ledger export` then `ledger import` into a fresh database, run in-process as an operator would, on PostgreSQL and on
// the embedded PGlite: the restored ledger answers as-of and diff at earlier moments as the original did, verifies
// against a digest taken before the backup, and serves the same evidence files byte for byte.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BranchWorkCommand } from '@campaign-ledger/domain';
import { loadConfig, openStorage, sha256Of, type Storage } from '@campaign-ledger/runtime';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { runLedger, seedCampaign, seedUnit, seedWork, untilVisible, type Outcome } from './testing/cli-harness';

jest.setTimeout(180_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Log positions are the target's own after a restore: everything else must be equal. */
const withoutPositions = (text: string): unknown => JSON.parse(text, (key, value) => (/position$/i.test(key) ? undefined : value));

const minutes = Buffer.from('%PDF-1.4 机关第一支部 支部委员会会议记录 2009-03-27\n');
const notes = Buffer.from('学习笔记：深入学习实践科学发展观（王一）\n'.repeat(200));
const evidenceOf = (fileName: string, content: Buffer, contentType: string) => ({ fileName, sha256: sha256Of(content), size: content.length, contentType });

const complete = (branchId: string, instanceKey: string, on: string, evidence: ReturnType<typeof evidenceOf>[] = []): BranchWorkCommand => ({
  type: 'CompleteTaskInstance',
  data: { campaignId: 'C1', branchId, instanceKey, note: '已完成', evidence, completedOn: on, by: `acc-sec-${branchId.toLowerCase()}` },
});

interface Place {
  /** The environment `ledger` runs with. */
  readonly env: Record<string, string>;
  /** Waits until the log shows `count` events (PostgreSQL hides rows behind transactions still running elsewhere). */
  visible(count: number): Promise<void>;
  drop(): Promise<void>;
}

type Backend = (dir: string, name: string) => Promise<Place>;

const postgres: Backend = async (dir, name) => {
  const database: TestDatabase = await createTestDatabase(`cl_bk_${name}`);
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, name) },
    visible: (count) => untilVisible(database.url, count),
    drop: () => database.drop(),
  };
};

const pglite: Backend = async (dir, name) => ({
  env: { EVENT_STORE: 'pglite', DATA_DIR: join(dir, name) },
  visible: async () => undefined,
  drop: async () => undefined,
});

describe.each([
  ['PostgreSQL', postgres],
  ['the embedded PGlite', pglite],
])('ledger export and import on %s', (_name, backend) => {
  let dir: string;
  let source: Place;
  let atT: string;
  let endT: string;
  const places: Place[] = [];
  const open = async (place: Place, work: (storage: Storage) => Promise<void>) => {
    const storage = await openStorage(loadConfig(place.env));
    try {
      await work(storage);
    } finally {
      await storage.close();
    }
  };
  const fresh = async (name: string) => {
    const place = await backend(dir, name);
    places.push(place);
    return place;
  };
  const ledger = (place: Place, args: string[]): Promise<Outcome> => runLedger(args, place.env, dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-cli-backup-'));
    source = await fresh('source');
    // An installation of an earlier release kept its files on disk: start-up copies them into the database.
    const legacyDirectory = join(source.env.DATA_DIR, 'blobs', sha256Of(notes).slice(0, 2));
    mkdirSync(legacyDirectory, { recursive: true });
    writeFileSync(join(legacyDirectory, sha256Of(notes)), notes);

    let events = 0;
    await open(source, async ({ eventStore, blobs, legacyBlobs }) => {
      expect(legacyBlobs).toMatchObject({ copied: 1, damaged: [] });
      await blobs.put(minutes);
      events += await seedUnit(eventStore);
      events += await seedCampaign(eventStore, 'C1');
      events += await seedWork(
        eventStore,
        'C1',
        'B1',
        [complete('B1', 'T05:branch:B1', '2009-03-20', [evidenceOf('会议记录.pdf', minutes, 'application/pdf')])],
        '2009-03-20',
      );
      await source.visible(events);
      await pause(30);
      atT = new Date().toISOString();
      await pause(30);
      events += await seedWork(eventStore, 'C1', 'B2', [complete('B2', 'T05:branch:B2', '2009-03-21')], '2009-03-21');
      events += await seedWork(
        eventStore,
        'C1',
        'B1',
        [
          complete('B1', 'T07:member:M1', '2009-03-22', [evidenceOf('学习笔记.txt', notes, 'text/plain')]),
          {
            type: 'ReopenTaskInstance',
            data: { campaignId: 'C1', branchId: 'B1', instanceKey: 'T05:branch:B1', reason: '缺少签到表', on: '2009-03-22', by: 'acc-sec-b1' },
          },
        ],
        '2009-03-22',
      );
      await source.visible(events);
    });
    // Opening again copies nothing twice.
    await open(source, async ({ legacyBlobs }) => expect(legacyBlobs).toMatchObject({ copied: 0, present: 1 }));
    await pause(30);
    endT = new Date().toISOString();
  });

  afterAll(async () => {
    for (const place of places) await place.drop().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps as-of, diff and a digest taken before the backup, and every evidence file byte for byte', async () => {
    const digest = await ledger(source, ['digest', '--manifest', 'heads.json']);
    expect(digest.code).toBe(0);
    const asOf = await ledger(source, ['as-of', 'C1', '--at', atT, '--json']);
    const diff = await ledger(source, ['diff', 'C1', '--from', atT, '--to', endT, '--json']);
    expect(asOf.code).toBe(0);
    expect(JSON.parse(asOf.stdout).overview.totals.done).toBe(1);
    expect(JSON.parse(diff.stdout).summary).toMatchObject({ completed: 2, reopened: 1 });

    const exported = await ledger(source, ['export', '--out', 'backup.ndjson']);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.stdout).toContain(`and 2 evidence files (${minutes.length + notes.length} bytes) to backup.ndjson`);
    expect(exported.stdout).toContain(`digest ${digest.stdout.trim()}`);
    expect(exported.stderr).not.toContain('warning');
    expect(exported.stderr).toMatch(/^export evidence: 2\/2 files \(100%\)$/m);
    const lines = readFileSync(join(dir, 'backup.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines
        .filter((line) => line.kind === 'blob')
        .map((line) => line.sha256)
        .sort(),
    ).toEqual([sha256Of(minutes), sha256Of(notes)].sort());
    expect(lines.at(-1)).toMatchObject({ kind: 'trailer', blobs: 2, digest: digest.stdout.trim() });

    const target = await fresh('target');
    const imported = await ledger(target, ['import', '--in', 'backup.ndjson']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('and 2 evidence files from backup.ndjson; every hash and recording time is the exported one');
    expect(imported.stdout).toContain(`digest now      ${digest.stdout.trim()} (the exported one)`);
    expect(imported.stderr).toMatch(/^import evidence: 2 files$/m);
    expect(imported.stderr).not.toContain('warning');
    await target.visible(lines.length - 4);

    const asOfAfter = await ledger(target, ['as-of', 'C1', '--at', atT, '--json']);
    expect(asOfAfter.code).toBe(0);
    expect(withoutPositions(asOfAfter.stdout)).toEqual(withoutPositions(asOf.stdout));
    const diffAfter = await ledger(target, ['diff', 'C1', '--from', atT, '--to', endT, '--json']);
    expect(withoutPositions(diffAfter.stdout)).toEqual(withoutPositions(diff.stdout));

    const check = await ledger(target, ['verify', '--against', digest.stdout.trim(), '--manifest', 'heads.json']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^UNCHANGED the log up to event \d+ is unchanged, recording times included/m);
    expect((await ledger(target, ['digest'])).stdout).toBe(digest.stdout);

    await open(target, async ({ blobs }) => {
      expect((await blobs.get(sha256Of(minutes)))?.equals(minutes)).toBe(true);
      expect((await blobs.get(sha256Of(notes)))?.equals(notes)).toBe(true);
    });
  });

  it('refuses a backup whose evidence file was altered, naming the file and the line, and imports nothing', async () => {
    await ledger(source, ['export', '--out', 'to-alter.ndjson', '--force']);
    const text = readFileSync(join(dir, 'to-alter.ndjson'), 'utf8').trimEnd().split('\n');
    const index = text.findIndex((line) => line.includes(`"sha256":"${sha256Of(minutes)}"`) && line.includes('"kind":"blob"'));
    const altered = JSON.parse(text[index]);
    text[index] = JSON.stringify({ ...altered, base64: Buffer.from(minutes.toString('latin1').replace('2009', '2010'), 'latin1').toString('base64') });
    writeFileSync(join(dir, 'altered.ndjson'), `${text.join('\n')}\n`);

    const target = await fresh('refused');
    const refused = await ledger(target, ['import', '--in', 'altered.ndjson']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^ledger: import stopped, nothing was written: line ${index + 1}: evidence file 会议记录.pdf ` +
          `\\(sha256 ${sha256Of(minutes)}\\) does not match its line: .* the backup was altered or damaged`,
        'm',
      ),
    );
    expect((await ledger(target, ['verify'])).stdout).toContain('OK 0 events in 0 streams');
    await open(target, async ({ blobs }) => {
      const stored: string[] = [];
      for await (const blob of blobs.list()) stored.push(blob.sha256);
      expect(stored).toEqual([]);
    });
  });
});
