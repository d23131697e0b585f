// PostgreSQL-specific behaviour beyond the contract: migrations, several processes on one database, outages.
import { Pool } from 'pg';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors';
import { EVENT_STORE_SCHEMA_VERSION, runMigrations } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

const metadata = { actor: { id: 'u1', role: 'administrator' } };
const one = (n: number) => [{ type: 'Counted', data: { n } }];

describe('PostgresEventStore on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('cl_es_pgx');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reads the log in numeric (transaction, position) order, across digit boundaries and pages', async () => {
    const fresh = await createTestDatabase('cl_es_pgo');
    const store = await PostgresEventStore.connect(fresh.url);
    try {
      await store.append('order-1', Array.from({ length: 12 }, (_, n) => ({ type: 'Counted', data: { n } })), { expectedRevision: 'no_stream', metadata });
      await store.append('order-2', one(0), { expectedRevision: 'no_stream', metadata });
      // Another suite's open transaction on this server holds the xmin horizon back for a moment: wait for it.
      let all = await store.readAll();
      for (const deadline = Date.now() + 15_000; all.length < 13 && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        all = await store.readAll();
      }
      expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: 13 }, (_, i) => BigInt(i + 1)));
      const paged = [];
      for (let from = null as (typeof all)[number]['logPosition'] | null; ; ) {
        const page = await store.readAll({ from, maxCount: 5 });
        if (page.length === 0) break;
        paged.push(...page);
        from = page[page.length - 1].logPosition;
      }
      expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect((await store.readStream('order-1', { fromRevision: 8, maxCount: 3 })).map((e) => e.revision)).toEqual([8, 9, 10]);
    } finally {
      await store.close();
      await fresh.drop();
    }
  });

  it('applies each migration once when several processes start at the same time', async () => {
    const pools = Array.from({ length: 4 }, () => quietPool(new Pool({ connectionString: database.url, max: 1 })));
    try {
      const reports = await Promise.all(pools.map((pool) => runMigrations(pool)));
      expect(reports.flatMap((report) => report.applied)).toEqual([1]);
      expect(reports.every((report) => report.schemaVersion === EVENT_STORE_SCHEMA_VERSION)).toBe(true);
      const { rows } = await pools[0].query('SELECT version FROM event_store_migrations');
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('stays correct when another store instance moved the stream behind its cached head', async () => {
    const a = await PostgresEventStore.connect(database.url);
    const b = await PostgresEventStore.connect(database.url);
    try {
      await a.append('shared-1', one(0), { expectedRevision: 'no_stream', metadata });
      await a.append('shared-1', one(1), { expectedRevision: 0, metadata });
      await b.append('shared-1', one(2), { expectedRevision: 1, metadata });
      // a's cache still says revision 1.
      await expect(a.append('shared-1', one(3), { expectedRevision: 1, metadata })).rejects.toMatchObject({ actual: 2 });
      await b.append('shared-1', one(3), { expectedRevision: 2, metadata });
      await expect(a.append('shared-1', one(4), { expectedRevision: 'no_stream', metadata })).rejects.toBeInstanceOf(ConcurrencyError);
      const any = await a.append('shared-1', one(4), { expectedRevision: 'any', metadata });
      expect(any.nextRevision).toBe(4);
      const exists = await b.append('shared-1', one(5), { expectedRevision: 'exists', metadata });
      expect(exists.nextRevision).toBe(5);
      expect(await a.verifyStream('shared-1')).toMatchObject({ ok: true, checked: 6 });
      expect((await a.readStream('shared-1')).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reports an unreachable server as EventStoreUnavailableError', async () => {
    const store = new PostgresEventStore('postgres://postgres@127.0.0.1:1/none', undefined, {
      pool: { connectionTimeoutMillis: 2_000 },
    });
    try {
      await expect(store.append('s', one(0), { expectedRevision: 'any', metadata })).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(await store.status()).toMatchObject({ backend: 'postgres', ok: false });
    } finally {
      await store.close();
    }
  });

  it('leaves pg type parsing of other code alone', async () => {
    const pool = quietPool(new Pool({ connectionString: database.url }));
    try {
      const store = new PostgresEventStore(pool);
      await store.append('types-1', one(0), { expectedRevision: 'any', metadata });
      const { rows } = await pool.query('SELECT 9007199254740993::bigint AS big');
      expect(rows[0].big).toBe('9007199254740993');
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
