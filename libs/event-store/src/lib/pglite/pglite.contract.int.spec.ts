// The event-store contract against embedded PGlite served on its socket, in a temporary data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeEventStoreContract, contractClock } from '../../testing';
import { EmbeddedPostgres, createPgliteEventStore } from './embedded-postgres';
import type { PostgresEventStore } from '../postgres/postgres-event-store';

describeEventStoreContract('PGlite (embedded PostgresEventStore)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cl-pglite-contract-'));
  const embedded = await EmbeddedPostgres.start({ dataDir: join(dir, 'data') });
  const stores: PostgresEventStore[] = [await createPgliteEventStore(embedded, contractClock)];
  const sql = async (text: string, values: unknown[]) => {
    const client = new Client({ connectionString: embedded.connectionString });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  return {
    store: stores[0],
    // No appendHeldOpen: PGlite runs one session, so an open transaction makes every other connection wait.
    tamper: (streamId, revision) => sql(`UPDATE events SET data = '{"tampered": true}' WHERE stream_id = $1 AND revision = $2`, [streamId, revision]),
    tamperRecordedAt: (streamId, revision, recordedAt) =>
      sql('UPDATE events SET recorded_at = $3 WHERE stream_id = $1 AND revision = $2', [streamId, revision, recordedAt]),
    reopen: async () => {
      const store = await createPgliteEventStore(embedded, contractClock);
      stores.push(store);
      return store;
    },
    close: async () => {
      for (const store of stores) await store.close();
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
