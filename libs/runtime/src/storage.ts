// Opens the configured event store (and the embedded PostgreSQL when no DATABASE_URL is given).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  EmbeddedPostgres, InMemoryEventStore, KurrentDbEventStore, PostgresEventStore, createPgliteEventStore,
  systemClock, type Clock, type EventStore,
} from '@campaign-ledger/event-store';
import type { AppConfig } from './app-config';

export interface Storage {
  readonly eventStore: EventStore;
  /** PostgreSQL that holds the read models: DATABASE_URL, or the embedded server's socket. */
  readonly readModelUrl: string;
  readonly embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

export async function openStorage(config: AppConfig, clock: Clock = systemClock): Promise<Storage> {
  let embedded: EmbeddedPostgres | null = null;
  const needsEmbedded = config.databaseUrl === null && config.eventStore !== 'memory';
  if (needsEmbedded) {
    mkdirSync(config.dataDir, { recursive: true });
    embedded = await EmbeddedPostgres.start({ dataDir: join(config.dataDir, 'pglite') });
  }
  const readModelUrl = config.databaseUrl ?? embedded?.connectionString ?? '';
  let eventStore: EventStore;
  try {
    switch (config.eventStore) {
      case 'pglite':
        if (!embedded) throw new Error('EVENT_STORE=pglite runs on the embedded database: unset DATABASE_URL or choose EVENT_STORE=postgres');
        eventStore = await createPgliteEventStore(embedded, clock);
        break;
      case 'postgres':
        eventStore = await PostgresEventStore.connect(config.databaseUrl as string, clock, { groupCommit: { lanes: config.appendLanes } });
        break;
      case 'kurrentdb':
        eventStore = new KurrentDbEventStore(config.kurrentDbUrl as string, clock, { timeoutMs: config.kurrentDbTimeoutMs });
        break;
      case 'memory':
        eventStore = new InMemoryEventStore(clock);
        break;
      default: {
        const never: never = config.eventStore;
        throw new Error(`unknown event store ${String(never)}`);
      }
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    eventStore,
    readModelUrl,
    embedded,
    async close() {
      await eventStore.close();
      await embedded?.stop();
    },
  };
}
