// The embedded default: PGlite on a data directory, locked to one process, served on a loopback port.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as lockfile from 'proper-lockfile';
import { DataDirectoryLockedError } from '../errors';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres/postgres-event-store';
import { systemClock, type Clock } from '../types';

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /** Loopback port; 0 or omitted lets the OS choose. */
  readonly port?: number;
  /** Socket connections served at once; the pools of every client (event store, TypeORM) share them. */
  readonly maxConnections?: number;
}

type WorkerMessage =
  | { type: 'started'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped'; error?: string };

// PGlite runs in a worker thread: its WASM work stays off the caller's event loop, and its lazy `import()` of Node
// built-ins works there even when the caller runs inside a VM sandbox (Jest without --experimental-vm-modules).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketServer } = require(workerData.socketPath);
(async () => {
  let db = null;
  let server = null;
  try {
    db = await PGlite.create(workerData.dataDir);
    server = new PGLiteSocketServer({
      db, host: workerData.host, port: workerData.port, maxConnections: workerData.maxConnections,
    });
    await server.start();
    parentPort.postMessage({ type: 'started', port: Number(server.getServerConn().split(':').pop()) });
  } catch (error) {
    if (db) await db.close().catch(() => undefined);
    parentPort.postMessage({ type: 'failed', message: String((error && error.stack) || error) });
    return;
  }
  parentPort.on('message', async (message) => {
    if (!message || message.type !== 'stop') return;
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    } catch (error) {
      parentPort.postMessage({ type: 'stopped', error: String((error && error.stack) || error) });
    }
  });
})();
`;

export class EmbeddedPostgres {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly dataDir: string,
    readonly host: string,
    readonly port: number,
    private readonly worker: Worker,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  /** postgres:// URL for `pg`, TypeORM or psql. */
  get connectionString(): string {
    return `postgres://postgres@${this.host}:${this.port}/postgres`;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    let releaseLock: () => Promise<void>;
    try {
      // PGlite takes no lock of its own: two processes on one directory would corrupt it.
      releaseLock = await lockfile.lock(dataDir, {
        stale: 15_000,
        update: 5_000,
        retries: 0,
        onCompromised: (error) => process.emitWarning(`lock on ${dataDir} compromised: ${error.message}`),
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirectoryLockedError(dataDir, { cause: error });
      throw error;
    }
    const host = '127.0.0.1';
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        dataDir,
        host,
        port: options.port ?? 0,
        maxConnections: options.maxConnections ?? 100,
        pglitePath: require.resolve('@electric-sql/pglite'),
        socketPath: require.resolve('@electric-sql/pglite-socket'),
      },
    });
    try {
      const port = await new Promise<number>((done, fail) => {
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`embedded PostgreSQL exited during start (code ${code})`)));
        worker.once('message', (message: WorkerMessage) => {
          if (message.type === 'started') done(message.port);
          else fail(new Error(`embedded PostgreSQL failed to start on ${dataDir}: ${'message' in message ? message.message : message.type}`));
        });
      });
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      worker.on('error', (error) => process.emitWarning(`embedded PostgreSQL worker failed: ${error.message}`));
      return new EmbeddedPostgres(dataDir, host, port, worker, releaseLock);
    } catch (error) {
      await worker.terminate().catch(() => undefined);
      await releaseLock().catch(() => undefined);
      throw error;
    }
  }

  /** Closes the server and the database (flushing it to disk), then releases the directory. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        const stopped = new Promise<WorkerMessage>((done) => {
          this.worker.once('message', done);
          this.worker.once('exit', () => done({ type: 'stopped', error: 'worker exited' }));
        });
        this.worker.postMessage({ type: 'stop' });
        const outcome = await stopped;
        if (outcome.type === 'stopped' && outcome.error && outcome.error !== 'worker exited') {
          process.emitWarning(`embedded PostgreSQL did not stop cleanly: ${outcome.error}`);
        }
        await this.worker.terminate();
      } finally {
        await this.releaseLock();
      }
    })();
    return this.stopping;
  }
}

/** A PostgresEventStore over a pool on the embedded server's socket, migrated and ready. */
export async function createPgliteEventStore(
  embedded: EmbeddedPostgres,
  clock: Clock = systemClock,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  return PostgresEventStore.connect(embedded.connectionString, clock, {
    ...options,
    backend: 'pglite',
    namedStatements: false,
    advisoryLock: false,
    pool: { max: 4, ...options.pool },
  });
}
