// `ledger rebuild` on a real PostgreSQL (and the embedded database): the rebuilt tables equal the projector's fold of the same log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@campaign-ledger/event-store';
import {
  dumpSchema,
  keyOf,
  openReadModelDataSource,
  projectInMemory,
  snapshotTables,
  TABLE_NAMES,
  typeOrmSql,
  type TableName,
} from '@campaign-ledger/projections';
import { loadConfig, openStorage } from '@campaign-ledger/runtime';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { projectLive, runLedger, seedOffice, untilVisible, wholeLog } from './testing/cli-harness';

jest.setTimeout(120_000);

const sorted = (tables: Record<TableName, unknown[]>) =>
  Object.fromEntries(TABLE_NAMES.map((t) => [t, [...tables[t]].sort((a, b) => (keyOf(t, a as object) < keyOf(t, b as object) ? -1 : 1))]));

async function readModelTables(url: string) {
  const dataSource = await openReadModelDataSource({ url, poolSize: 1 });
  try {
    return sorted(await dumpSchema(typeOrmSql(dataSource), 'rm'));
  } finally {
    await dataSource.destroy();
  }
}

describe('ledger rebuild', () => {
  let database: TestDatabase;
  let dir: string;
  let events: number;
  const env = () => ({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data') });

  beforeEach(async () => {
    database = await createTestDatabase('cl_rebuild');
    dir = mkdtempSync(join(tmpdir(), 'cl-rebuild-'));
    const store = await PostgresEventStore.connect(database.url);
    events = await seedOffice(store);
    await store.close();
    await untilVisible(database.url, events);
  });

  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has --help', async () => {
    const help = await runLedger(['rebuild', '--help'], env(), dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ledger rebuild [options]');
    expect(help.stdout).toContain('rebuild the read models');
    expect(help.stdout).toContain('Exit code: 0 rebuilt');
  });

  it("rebuilds into fresh tables equal to the projector's fold of the log, with progress and a summary; again over damaged tables", async () => {
    const live = await PostgresEventStore.connect(database.url);
    await projectLive(database.url, live);
    await live.close();
    const projected = await readModelTables(database.url);
    const outcome = await runLedger(['rebuild'], env(), dir);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(
      new RegExp(
        `^rebuilt the read models from ${events} events \\(0 appended during the rebuild\\) into \\d+ rows in \\d+\\.\\d\\d s \\(\\d+ events/s\\)$`,
        'm',
      ),
    );
    expect(outcome.stdout).toMatch(/^checkpoint \d+\/\d+$/m);
    expect(outcome.stderr).toMatch(new RegExp(`^rebuild: ${events}/${events} events \\(100%\\), \\d+ events/s$`, 'm'));

    const store = await PostgresEventStore.connect(database.url);
    const expected = sorted(snapshotTables(projectInMemory(await wholeLog(store))));
    await store.close();
    const rebuilt = await readModelTables(database.url);
    expect(rebuilt).toEqual(projected);
    expect(rebuilt).toEqual(expected);
    expect((rebuilt.instance as { instance_key: string }[]).map((i) => i.instance_key).sort()).toEqual(['T05:branch:B1', 'T05:branch:B2', 'T07:member:M1']);

    // Damage the live tables, then rebuild: the fresh tables replace them whole, and no rebuild schema is left behind.
    const pool = quietPool(new Pool({ connectionString: database.url, max: 1 }));
    await pool.query('DELETE FROM rm.counter');
    await pool.query(`UPDATE rm.session SET present = 99`);
    const again = await runLedger(['rebuild', '--page-size', '7', '--json'], env(), dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ events, tailEvents: 0, checkpoint: expect.stringMatching(/^\d+\/\d+$/) });
    expect(await readModelTables(database.url)).toEqual(expected);
    const schemas = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm%' ORDER BY 1`);
    expect(schemas.rows.map((r) => r.nspname)).toEqual(['rm', 'rm_control']);
    await pool.end();
  });

  it('bad arguments and a store without read-model tables: 2 with a message', async () => {
    expect(await runLedger(['rebuild', '--page-size', '0'], env(), dir)).toMatchObject({ code: 2 });
    const memory = await runLedger(['rebuild'], { EVENT_STORE: 'memory', DATA_DIR: join(dir, 'data') }, dir);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('EVENT_STORE=memory keeps no read-model tables to rebuild');
  });

  it('works on the embedded database (the default without DATABASE_URL)', async () => {
    const embedded = { EVENT_STORE: 'pglite', DATA_DIR: join(dir, 'embedded') };
    expect((await runLedger(['export', '--out', 'log.ndjson'], env(), dir)).code).toBe(0);
    const imported = await runLedger(['import', '--in', 'log.ndjson'], embedded, dir);
    expect(imported.code).toBe(0);
    const outcome = await runLedger(['rebuild'], embedded, dir);
    expect(outcome.stderr).toMatch(new RegExp(`^rebuild: ${events}/${events} events \\(100%\\)`, 'm'));
    expect(outcome).toMatchObject({ code: 0 });
    expect(outcome.stdout).toContain(`rebuilt the read models from ${events} events`);

    const storage = await openStorage(loadConfig(embedded));
    try {
      const expected = sorted(snapshotTables(projectInMemory(await wholeLog(storage.eventStore))));
      expect(await readModelTables(storage.readModelUrl)).toEqual(expected);
    } finally {
      await storage.close();
    }
  });
});
