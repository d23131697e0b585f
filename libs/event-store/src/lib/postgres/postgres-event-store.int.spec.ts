// PostgreSQL-specific behaviour beyond the contract: migrations, several processes on one database, outages.
import { Pool } from 'pg';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors';
import { hashEvent } from '../hashing';
import { EVENT_STORE_MIGRATIONS, EVENT_STORE_SCHEMA_VERSION, runMigrations } from './migrations';
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
      await store.append(
        'order-1',
        Array.from({ length: 12 }, (_, n) => ({ type: 'Counted', data: { n } })),
        { expectedRevision: 'no_stream', metadata },
      );
      await store.append('order-2', one(0), { expectedRevision: 'no_stream', metadata });
      // Another suite's open transaction on this server holds the xmin horizon back for a moment: wait for it.
      let all = await store.readAll();
      for (const deadline = Date.now() + 15_000; all.length < 13 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        all = await store.readAll();
      }
      expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: 13 }, (_, i) => BigInt(i + 1)));
      const paged = [];
      for (let from = null as (typeof all)[number]['logPosition'] | null; ;) {
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

  it('reads an acknowledged event from the start even while an older transaction is still open', async () => {
    const fresh = await createTestDatabase('cl_es_pgs');
    const store = await PostgresEventStore.connect(fresh.url);
    const older = quietPool(new Pool({ connectionString: fresh.url, max: 1 }));
    const open = await older.connect();
    try {
      await open.query('BEGIN');
      await open.query('SELECT pg_current_xact_id()'); // holds a transaction id older than the append's
      await store.append('settle-1', one(1), { expectedRevision: 'no_stream', metadata });
      const commitLater = new Promise((resolve) => setTimeout(resolve, 300)).then(() => open.query('COMMIT'));
      const startedAt = Date.now();
      const all = await store.readAll();
      expect(all.map((e) => e.streamId)).toEqual(['settle-1']);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200); // it waited for the older transaction
      await commitLater;
    } finally {
      open.release();
      await older.end();
      await store.close();
      await fresh.drop();
    }
  });

  it("is not held back by a transaction open in another database of the server (transaction ids are the server's)", async () => {
    const fresh = await createTestDatabase('cl_es_pgh');
    const store = await PostgresEventStore.connect(fresh.url);
    const other = quietPool(new Pool({ connectionString: database.url, max: 1 }));
    const open = await other.connect();
    try {
      await open.query('BEGIN');
      await open.query('SELECT pg_current_xact_id()'); // older than the append's, but in another database
      await store.append('elsewhere-1', one(1), { expectedRevision: 'no_stream', metadata });
      const startedAt = Date.now();
      const all = await store.readAll();
      expect(all.map((e) => e.streamId)).toEqual(['elsewhere-1']);
      expect(await store.readAll({ from: null, maxCount: 10 })).toHaveLength(1);
      expect(Date.now() - startedAt).toBeLessThan(2_000); // without the per-database horizon it waits out its 5 s limit
      await open.query('ROLLBACK');
    } finally {
      open.release();
      await other.end();
      await store.close();
      await fresh.drop();
    }
  });

  it('applies each migration once when several processes start at the same time', async () => {
    const pools = Array.from({ length: 4 }, () => quietPool(new Pool({ connectionString: database.url, max: 1 })));
    try {
      const reports = await Promise.all(pools.map((pool) => runMigrations(pool)));
      // Each migration applied exactly once, by one of the processes.
      expect(reports.flatMap((report) => report.applied).sort()).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
      expect(reports.every((report) => report.schemaVersion === EVENT_STORE_SCHEMA_VERSION)).toBe(true);
      const { rows } = await pools[0].query('SELECT version FROM event_store_migrations');
      expect(rows).toEqual(EVENT_STORE_MIGRATIONS.map((m) => ({ version: m.version })));
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

  describe('group commit', () => {
    it('sends appends that arrive together in fewer statements, each with its own result, revision and idempotency key', async () => {
      const store = await PostgresEventStore.connect(database.url, undefined, { groupCommit: { lanes: 1 } });
      try {
        const streams = Array.from({ length: 60 }, (_, i) => `gc-many-${i}`);
        const results = await Promise.all(
          streams.map((streamId, i) =>
            store.append(
              streamId,
              Array.from({ length: 1 + (i % 3) }, (_, n) => ({ type: 'Counted', data: { i, n } })),
              {
                expectedRevision: 'no_stream',
                metadata,
                idempotencyKey: `gc-key-${i}`,
              },
            ),
          ),
        );
        // One statement went alone, the rest waited for it and went together.
        expect(store.groupCommit?.stats).toMatchObject({ appends: 60, fallbacks: 0 });
        expect(store.groupCommit!.stats.statements).toBeLessThanOrEqual(3);
        for (const [i, result] of results.entries()) {
          const events = await store.readStream(streams[i]);
          expect(events.map((e) => e.data)).toEqual(Array.from({ length: 1 + (i % 3) }, (_, n) => ({ i, n })));
          expect(result).toMatchObject({ streamId: streams[i], firstRevision: 0, nextRevision: i % 3, replayed: false });
          expect(result.eventIds).toEqual(events.map((e) => e.id));
          expect(result.globalPosition).toBe(events[events.length - 1].globalPosition);
          expect(await store.verifyStream(streams[i])).toMatchObject({ ok: true });
        }
        const again = await store.append(streams[7], one(0), { expectedRevision: 'no_stream', metadata, idempotencyKey: 'gc-key-7' });
        expect(again).toEqual({ ...results[7], replayed: true });
      } finally {
        await store.close();
      }
    });

    it('refuses only the stale append of a statement, and falls back to one statement each when the whole one fails', async () => {
      const store = await PostgresEventStore.connect(database.url, undefined, { groupCommit: { lanes: 1 } });
      const other = await PostgresEventStore.connect(database.url, undefined, { groupCommit: false });
      try {
        await store.append('gc-stale', one(0), { expectedRevision: 'no_stream', metadata });
        await store.append('gc-plan', one(0), { expectedRevision: 'no_stream', metadata });
        await other.append('gc-plan', one(1), { expectedRevision: 0, metadata });
        const outcomes = await Promise.allSettled([
          store.append('gc-first', one(0), { expectedRevision: 'no_stream', metadata }),
          store.append('gc-ok-1', one(0), { expectedRevision: 'no_stream', metadata }),
          store.append('gc-stale', one(1), { expectedRevision: 'no_stream', metadata }),
          store.append('gc-cond', one(0), { expectedRevision: 'no_stream', metadata, alsoExpect: [{ streamId: 'gc-plan', revision: 0 }] }),
          store.append('gc-ok-2', one(0), { expectedRevision: 'no_stream', metadata }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
        expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ streamId: 'gc-stale' });
        expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ streamId: 'gc-plan', expected: 0, actual: 1 });
        expect(await store.readStream('gc-cond')).toEqual([]);
        expect((await store.readStream('gc-stale')).length).toBe(1);

        // A racing writer takes a revision the statement wanted: the whole statement fails on the unique key, and each
        // append is sent again alone (the winner's stream refuses, the others commit).
        await store.append('gc-race', one(0), { expectedRevision: 'no_stream', metadata });
        const before = store.groupCommit!.stats.fallbacks;
        const held = await other['pool'].connect();
        try {
          await held.query('BEGIN');
          await other.appendOn(held, 'gc-race', one(1), { expectedRevision: 0, metadata });
          const racing = Promise.allSettled([
            store.append('gc-lead', one(0), { expectedRevision: 'no_stream', metadata }),
            store.append('gc-race', one(9), { expectedRevision: 0, metadata }),
            store.append('gc-bystander', one(0), { expectedRevision: 'no_stream', metadata }),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 200));
          await held.query('COMMIT');
          const settled = await racing;
          expect(settled.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
          expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        } finally {
          held.release();
        }
        expect(store.groupCommit!.stats.fallbacks).toBe(before + 1);
        expect((await store.readStream('gc-race')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
        expect(await store.readStream('gc-bystander')).toHaveLength(1);
      } finally {
        await store.close();
        await other.close();
      }
    });
  });

  it('writes the sealed recording time into recorded_at, in group commit too; a row from before sealing verifies as before', async () => {
    let tick = Date.parse('2026-03-01T00:00:00.000Z');
    const store = new PostgresEventStore(database.url, { now: () => new Date((tick += 1_000)) }, { groupCommit: { lanes: 1 } });
    const pool = quietPool(new Pool({ connectionString: database.url }));
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) => store.append(`timed-${i}`, [...one(0), ...one(1)], { expectedRevision: 'no_stream', metadata })));
      expect(store.groupCommit?.stats.statements).toBeLessThan(12);
      const { rows } = await pool.query(
        `SELECT stream_id, revision, recorded_at, metadata->>'recordedAt' AS sealed FROM events WHERE stream_id LIKE 'timed-%'`,
      );
      expect(rows).toHaveLength(24);
      for (const row of rows) expect((row.recorded_at as Date).toISOString()).toBe(row.sealed);
      expect(new Set(rows.map((row) => row.sealed)).size).toBe(12);
      const [first, second] = await store.readStream('timed-3');
      expect(first.recordedAt).toEqual(second.recordedAt);
      expect(first.recordedAt.toISOString()).toBe(first.metadata.recordedAt);

      const legacy = {
        id: '01900000-0000-7000-8000-00000000abcd',
        streamId: 'legacy-1',
        revision: 0,
        type: 'Counted',
        schemaVersion: 1,
        data: { n: 0 },
        metadata: { actor: metadata.actor, occurredAt: '2025-06-01T00:00:00.000Z', correlationId: 'c', causationId: null },
        previousHash: null,
      };
      await pool.query(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
        VALUES ($1, 0, $2, $3, 1, $4, $5, NULL, $6)`,
        [legacy.streamId, legacy.id, legacy.type, JSON.stringify(legacy.data), JSON.stringify(legacy.metadata), hashEvent(legacy)],
      );
      const [old] = await store.readStream('legacy-1');
      expect(old.metadata.recordedAt).toBeUndefined();
      expect(Math.abs(old.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await store.verifyStream('legacy-1')).toMatchObject({ ok: true, checked: 1 });
      await pool.query(`UPDATE events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = 'legacy-1'`);
      expect(await store.verifyStream('legacy-1')).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await pool.end();
      await store.close();
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
