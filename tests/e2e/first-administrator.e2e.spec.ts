// `ledger account`: the first administrator of a fresh installation, created from the command line, signs in to the
// API — on PostgreSQL with DEMO_SEED=false and on the embedded default — and the log holds no password hash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PostgresEventStore } from '@campaign-ledger/event-store';
import { loadConfig } from '@campaign-ledger/runtime';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { createApp } from '../../apps/api/src/bootstrap';
import { seedDemoIfEmpty } from '../../apps/api/src/demo/demo-seeder';
import { run } from '../../apps/cli/src/cli';

class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function ledger(args: string[], env: Record<string, string>, input?: string) {
  const stdout = new Captured();
  const stderr = new Captured();
  const stdin = Readable.from(input === undefined ? [] : [input]);
  const code = await run(args, { stdin, stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function signInThroughApi(env: Record<string, string>, username: string, password: string): Promise<{ status: number; role?: string; seeded: boolean }> {
  const config = loadConfig({ ...env, PORT: '0', PROJECTOR: 'in-process' });
  const app: INestApplication = await createApp(config);
  try {
    await app.init();
    const seeded = (await seedDemoIfEmpty(app, config)).seeded;
    const response = await request(app.getHttpServer()).post('/api/auth/login').send({ username, password });
    return { status: response.status, role: response.body?.account?.role, seeded };
  } finally {
    await app.close();
  }
}

describe('ledger account', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-account-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('on PostgreSQL with DEMO_SEED=false', () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await createTestDatabase('cl_account');
    });
    afterEach(() => database.drop());

    it('creates the first administrator, who signs in to the API; set-password ends the old password; nothing secret in the log', async () => {
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data'), PASSWORD_HASH_COST: '1024', DEMO_SEED: 'false' };
      const created = await ledger(
        ['account', 'create', '--username', 'root', '--display-name', '系统管理员', '--role', 'administrator', '--password-stdin'],
        env,
        'first-root-password\n',
      );
      expect(created).toMatchObject({ code: 0 });
      expect(created.stdout).toMatch(/^created root \(administrator\): [0-9a-f-]{36}$/m);

      expect(await signInThroughApi(env, 'root', 'first-root-password')).toEqual({ status: 200, role: 'administrator', seeded: false });

      const reset = await ledger(['account', 'set-password', 'root', '--password-stdin'], env, 'second-root-password\n');
      expect(reset.code).toBe(0);
      expect((await signInThroughApi(env, 'root', 'first-root-password')).status).toBe(401);
      expect((await signInThroughApi(env, 'root', 'second-root-password')).status).toBe(200);

      const listed = await ledger(['account', 'list'], env);
      expect(listed.stdout).toMatch(/root\s+系统管理员\s+administrator\s+\(installation\)/);

      const store = await PostgresEventStore.connect(database.url);
      try {
        const events = await store.readStream('accounts');
        expect(events.map((e) => [e.type, e.metadata.actor.role])).toEqual([
          ['AccountCreated', 'system'],
          ['AccountPasswordReset', 'system'],
        ]);
        expect(JSON.stringify(events.map((e) => e.data))).not.toMatch(/scrypt|password/i);
      } finally {
        await store.close();
      }
    }, 60_000);

    it('says what to fix: a short password, a unit that does not exist, no --password-stdin on a non-terminal, an unknown account', async () => {
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data'), PASSWORD_HASH_COST: '1024' };
      const short = await ledger(['account', 'create', '--username', 'root', '--role', 'administrator', '--password-stdin'], env, 'short\n');
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('8..200 characters');
      const unit = await ledger(
        ['account', 'create', '--username', 'lead', '--role', 'leading_group', '--unit', 'U9', '--password-stdin'],
        env,
        'long-enough-pass\n',
      );
      expect(unit.code).toBe(2);
      expect(unit.stderr).toContain('not registered');
      const noStdin = await ledger(['account', 'create', '--username', 'root', '--role', 'administrator'], env, 'long-enough-pass\n');
      expect(noStdin.code).toBe(2);
      expect(noStdin.stderr).toContain('--password-stdin');
      const badRole = await ledger(['account', 'create', '--username', 'root', '--role', 'king', '--password-stdin'], env, 'long-enough-pass\n');
      expect(badRole.code).toBe(2);
      const unknown = await ledger(['account', 'set-password', 'nobody', '--password-stdin'], env, 'long-enough-pass\n');
      expect(unknown.code).toBe(1);
      // Nothing was created by any of the refused calls.
      expect((await ledger(['account', 'list'], env)).stdout.trim().split('\n')).toHaveLength(2);
    }, 60_000);
  });

  it('creates the first administrator on the embedded default, who signs in once the API starts on that directory', async () => {
    const env = { DATA_DIR: join(dir, 'data'), PASSWORD_HASH_COST: '1024' };
    const created = await ledger(['account', 'create', '--username', 'root', '--role', 'administrator', '--password-stdin'], env, 'embedded-root-pass\n');
    expect(created.code).toBe(0);
    // The embedded store already holds data: no demo office is seeded over it.
    expect(await signInThroughApi(env, 'root', 'embedded-root-pass')).toEqual({ status: 200, role: 'administrator', seeded: false });
  }, 90_000);
});
