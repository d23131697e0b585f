// Our PostgreSQL event store as the benchmark uses it: how to open it, and where its rows live.
import { Pool } from 'pg';
import { PostgresEventStore, systemClock } from '@campaign-ledger/event-store';

export interface OursSystem {
  readonly store: PostgresEventStore;
  /** Events stored so far. */
  count(): Promise<number>;
  /** SQL selecting the first `limit` stored events in global (log) order, with the payload columns. */
  globalOrderSql(limit: number): string;
  /** Tables to VACUUM (ANALYZE) before the read. */
  readonly tables: readonly string[];
  close(): Promise<void>;
}

/** Opens the store the way the API does (its own pool, migrated at start), with a pool big enough for 8 writers. */
export async function createOursSystem(connectionString: string, poolSize: number): Promise<OursSystem> {
  const groupCommit = process.env.BENCH_GROUP_COMMIT === 'off' ? false : undefined;
  const store = await PostgresEventStore.connect(connectionString, systemClock, { pool: { max: poolSize }, groupCommit });
  const admin = new Pool({ connectionString, max: 1 });
  return {
    store,
    async count() {
      return Number((await admin.query('SELECT count(*) AS n FROM events')).rows[0].n);
    },
    globalOrderSql: (limit) => `SELECT stream_id, revision, type, data, metadata FROM events ORDER BY transaction_id, position LIMIT ${Math.trunc(limit)}`,
    tables: ['events'],
    async close() {
      await store.close();
      await admin.end();
    },
  };
}
