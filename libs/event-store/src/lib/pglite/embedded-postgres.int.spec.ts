import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataDirectoryLockedError } from '../errors';
import { EVENT_STORE_SCHEMA_VERSION } from '../postgres/migrations';
import { EmbeddedPostgres, createPgliteEventStore } from './embedded-postgres';

const run = promisify(execFile);
const metadata = { actor: { id: 'u1', role: 'administrator' } };

describe('EmbeddedPostgres', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cl-embedded-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a data directory another process or instance holds, and frees it on stop', async () => {
    const dataDir = join(dir, 'data');
    const first = await EmbeddedPostgres.start({ dataDir });
    try {
      await expect(EmbeddedPostgres.start({ dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);

      const script = `require(${JSON.stringify(join(__dirname, 'embedded-postgres.ts'))}).EmbeddedPostgres
        .start({ dataDir: ${JSON.stringify(dataDir)} })
        .then(async (e) => { await e.stop(); console.log('started'); }, (e) => { console.log(e.name); process.exitCode = 3; });`;
      const child = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: join(__dirname, '../../../../..'),
        env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../../../../tsconfig.base.json') },
      }).catch((error: { stdout: string; code: number }) => error);
      expect(child.stdout.trim()).toBe('DataDirectoryLockedError');
    } finally {
      await first.stop();
    }
    const again = await EmbeddedPostgres.start({ dataDir });
    await again.stop();
  }, 60_000);

  it('serves pg clients on a loopback port and keeps the data across restarts', async () => {
    const dataDir = join(dir, 'data');
    let embedded = await EmbeddedPostgres.start({ dataDir });
    let store = await createPgliteEventStore(embedded);
    try {
      expect(embedded.connectionString).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const result = await store.append('kept-1', [{ type: 'Kept', data: { n: 1 } }], { expectedRevision: 'no_stream', metadata });
      expect(await store.status()).toMatchObject({ backend: 'pglite', ok: true, schemaVersion: EVENT_STORE_SCHEMA_VERSION });
      await store.close();
      await embedded.stop();

      embedded = await EmbeddedPostgres.start({ dataDir });
      store = await createPgliteEventStore(embedded);
      const [event] = await store.readStream('kept-1');
      expect(event.id).toBe(result.eventIds[0]);
      expect(await store.verifyStream('kept-1')).toMatchObject({ ok: true, checked: 1 });

      const client = new Client({ connectionString: embedded.connectionString });
      await client.connect();
      const { rows } = await client.query('SELECT (SELECT count(*)::int FROM events) AS n, (SELECT max(version) FROM event_store_migrations) AS v');
      await client.end();
      expect(rows[0]).toEqual({ n: 1, v: EVENT_STORE_SCHEMA_VERSION });
    } finally {
      await store.close();
      await embedded.stop();
    }
  }, 60_000);
});
