// Opens the event store exactly as the API does (same environment variables), and what only PostgreSQL offers on top.
import { Pool } from 'pg';
import { DataDirectoryLockedError, EventStoreUnavailableError, type EventStore } from '@campaign-ledger/event-store';
import { PostgresRestoreTarget, RestoreNotSupportedError, type RestoreTarget } from '@campaign-ledger/audit';
import { setOfficeTimeZone } from '@campaign-ledger/office-time';
import { ConfigError, loadConfig, openStorage, PostgresBlobStore, type AppConfig, type BlobStore, type Storage } from '@campaign-ledger/runtime';
import { CliError, ExitCode, type CliIo } from './cli-io';

export interface LedgerSession {
  readonly config: AppConfig;
  readonly store: EventStore;
  /** PostgreSQL holding the read models (DATABASE_URL, or the embedded server's socket); null when there is none. */
  readonly readModelUrl: string | null;
  /** Evidence files, as the API keeps them. */
  readonly blobs: BlobStore;
  /** Events in the log, for progress; null when the backend cannot count cheaply. */
  countEvents(): Promise<number | null>;
  /** Where an import writes sealed events and evidence files, in one transaction (PostgreSQL and the embedded store only). */
  restoreTarget(): RestoreTarget;
  close(): Promise<void>;
}

export async function openLedgerSession(io: CliIo): Promise<LedgerSession> {
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`${error.message}\n(the ledger command reads the same environment as the API)`, ExitCode.usage);
    throw error;
  }
  // Days given and shown are office days, as the API counts them.
  setOfficeTimeZone(config.officeTimeZone);
  let storage: Storage;
  try {
    storage = await openStorage(config);
  } catch (error) {
    throw explainOpenFailure(error, config);
  }
  // The same database the store writes to: DATABASE_URL, or the embedded server's socket.
  const sql = config.eventStore === 'postgres' || config.eventStore === 'pglite' ? new Pool({ connectionString: storage.readModelUrl, max: 2 }) : null;
  sql?.on('error', () => undefined);
  return {
    config,
    store: storage.eventStore,
    readModelUrl: storage.readModelUrl || null,
    blobs: storage.blobs,
    async countEvents() {
      if (!sql) return null;
      const result = await sql.query('SELECT count(*)::bigint AS n FROM events');
      return Number(result.rows[0].n);
    },
    restoreTarget() {
      if (!sql) {
        throw new RestoreNotSupportedError(
          `EVENT_STORE=${config.eventStore} cannot be restored into: import into PostgreSQL (EVENT_STORE=postgres, DATABASE_URL) or the embedded store (EVENT_STORE=pglite, DATA_DIR)`,
        );
      }
      // The files go in on the restore's own connection: the evidence_files table is in that same database.
      return new PostgresRestoreTarget(sql, { blobsOn: (client) => new PostgresBlobStore(client) });
    },
    async close() {
      await sql?.end();
      await storage.close();
    },
  };
}

function explainOpenFailure(error: unknown, config: AppConfig): unknown {
  if (error instanceof DataDirectoryLockedError) {
    return new CliError(
      `the embedded database in ${config.dataDir} is in use by another process (is the API running on this DATA_DIR?). ` +
        'Stop it first, or run the ledger command against the server it uses: EVENT_STORE=postgres DATABASE_URL=postgres://...',
      ExitCode.usage,
    );
  }
  if (error instanceof EventStoreUnavailableError) return new CliError(`cannot reach the event store: ${error.message}`, ExitCode.usage);
  const code = (error as { code?: string }).code;
  if (code === '3D000' || code === '28P01' || code === '28000') {
    return new CliError(`cannot open the database in DATABASE_URL: ${(error as Error).message}`, ExitCode.usage);
  }
  return error;
}
