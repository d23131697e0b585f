// Our PostgreSQL event store as the benchmark uses it: how to open it, and where its rows live.
import { Pool } from 'pg';
import * as eventStoreLib from '@campaign-ledger/event-store';
import type { EventStore } from '@campaign-ledger/event-store';

export interface OursSystem {
  readonly store: EventStore;
  /** Events stored so far. */
  count(): Promise<number>;
  /** SQL selecting the first `limit` stored events in global (log) order, with the payload columns. */
  globalOrderSql(limit: number): string;
  /** Tables to VACUUM (ANALYZE) before the read. */
  readonly tables: readonly string[];
  close(): Promise<void>;
}

export async function createOursSystem(connectionString: string, poolSize: number): Promise<OursSystem> {
  const PostgresEventStore = (eventStoreLib as any).PostgresEventStore;
  if (typeof PostgresEventStore !== 'function') {
    throw new Error('PostgresEventStore is not exported from @campaign-ledger/event-store yet');
  }
  const pool = new Pool({ connectionString, max: poolSize });
  const store: EventStore = new PostgresEventStore(pool);
  await (store as any).migrate?.();
  return {
    store,
    async count() {
      return Number((await pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    },
    globalOrderSql: (limit) =>
      `SELECT stream_id, revision, type, data, metadata FROM events ORDER BY transaction_id, position LIMIT ${Math.trunc(limit)}`,
    tables: ['events'],
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
