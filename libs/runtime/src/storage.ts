// Opens the configured event store (and the embedded PostgreSQL when no DATABASE_URL is given) and the evidence files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  EmbeddedPostgres,
  InMemoryEventStore,
  KurrentDbEventStore,
  PostgresEventStore,
  createPgliteEventStore,
  systemClock,
  type Clock,
  type EventStore,
} from '@campaign-ledger/event-store';
import type { AppConfig } from './app-config';
import { copyLegacyBlobs, InMemoryBlobStore, PostgresBlobStore, type BlobStore, type LegacyCopyReport } from './blob-store';

export interface Storage {
  readonly eventStore: EventStore;
  /** PostgreSQL that holds the read models: DATABASE_URL, or the embedded server's socket. */
  readonly readModelUrl: string;
  readonly embedded: EmbeddedPostgres | null;
  /**
   * Evidence files: the `evidence_files` table of the read-model database (shared by every process on it); in memory
   * for EVENT_STORE=memory.
   */
  readonly blobs: BlobStore;
  /** What start-up copied from DATA_DIR/blobs (where earlier releases kept the files); null in memory. */
  readonly legacyBlobs: LegacyCopyReport | null;
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
  let blobs: BlobStore;
  let blobPool: Pool | null = null;
  let legacyBlobs: LegacyCopyReport | null = null;
  try {
    if (config.eventStore === 'memory' || !readModelUrl) blobs = new InMemoryBlobStore();
    else {
      // One connection on the embedded database: it is one session, and work there goes one statement at a time anyway.
      blobPool = new Pool({ connectionString: readModelUrl, max: embedded ? 1 : 4 });
      blobPool.on('error', () => undefined);
      const store = new PostgresBlobStore(blobPool);
      await store.ensureTable();
      const legacyDirectory = join(config.dataDir, 'blobs');
      legacyBlobs = await copyLegacyBlobs(legacyDirectory, store);
      if (legacyBlobs.damaged.length > 0) {
        process.emitWarning(
          `${legacyBlobs.damaged.length} evidence file(s) under ${legacyDirectory} do not hash to their names and were not copied ` +
            `into the database (restore them from a backup): ${legacyBlobs.damaged.slice(0, 10).join(', ')}`,
        );
      }
      blobs = store;
    }
  } catch (error) {
    await blobPool?.end().catch(() => undefined);
    await eventStore.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    eventStore,
    readModelUrl,
    embedded,
    blobs,
    legacyBlobs,
    async close() {
      await eventStore.close();
      await blobPool?.end();
      await embedded?.stop();
    },
  };
}
