// The event-store contract against a real PostgreSQL, in a database of its own.
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { describeEventStoreContract, contractClock } from '../../testing';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('PostgresEventStore', async () => {
  const database: TestDatabase = await createTestDatabase('cl_es_pg');
  const stores: PostgresEventStore[] = [await PostgresEventStore.connect(database.url, contractClock)];
  const clients: Client[] = [];
  const raw = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    clients.push(client);
    return client;
  };
  return {
    store: stores[0],
    tamper: async (streamId, revision) => {
      const client = await raw();
      await client.query(`UPDATE events SET data = '{"tampered": true}' WHERE stream_id = $1 AND revision = $2`, [streamId, revision]);
    },
    tamperRecordedAt: async (streamId, revision, recordedAt) => {
      const client = await raw();
      await client.query('UPDATE events SET recorded_at = $3 WHERE stream_id = $1 AND revision = $2', [streamId, revision, recordedAt]);
    },
    appendHeldOpen: async (streamId, type) => {
      const client = await raw();
      await client.query('BEGIN');
      await stores[0].appendOn(client, streamId, [{ type, data: { late: true } }], {
        expectedRevision: 'no_stream',
        metadata: { actor: { id: 'late', role: 'writer' } },
      });
      return { release: async () => void (await client.query('COMMIT')) };
    },
    reopen: async () => {
      const store = await PostgresEventStore.connect(database.url, contractClock);
      stores.push(store);
      return store;
    },
    close: async () => {
      for (const client of clients) await client.end().catch(() => undefined);
      for (const store of stores) await store.close();
      await database.drop();
    },
  };
});
