// The embedded default: PGlite on a data directory, locked to one process, served on a loopback port.
import { mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
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

/** What the worker (embedded-postgres.worker.ts) is started with. */
export interface EmbeddedWorkerData {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly maxConnections: number;
}

export type EmbeddedWorkerMessage = { type: 'started'; port: number } | { type: 'failed'; message: string } | { type: 'stopped'; error?: string };

/**
 * PGlite runs in a worker thread: its WASM work stays off the caller's event loop, and its lazy `import()` of Node
 * built-ins works there even when the caller runs inside a VM sandbox (Jest without --experimental-vm-modules).
 * The entry is the compiled .js next to this file, or (tests, running from sources) the .ts through ts-node.
 */
function workerEntry(): { filename: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  const extension = extname(__filename);
  const filename = join(__dirname, `embedded-postgres.worker${extension}`);
  if (extension !== '.ts') return { filename };
  let root = __dirname;
  while (!existsSync(join(root, 'tsconfig.base.json')) && resolve(root, '..') !== root) root = resolve(root, '..');
  return {
    filename,
    execArgv: ['--require', 'ts-node/register/transpile-only'],
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  };
}

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
    const releaseLock = await lockDataDirectory(dataDir);
    const host = '127.0.0.1';
    const entry = workerEntry();
    const data: EmbeddedWorkerData = { dataDir, host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 100 };
    const worker = new Worker(entry.filename, { workerData: data, execArgv: entry.execArgv, env: entry.env, name: 'embedded-postgres' });
    try {
      const port = await new Promise<number>((done, fail) => {
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`embedded PostgreSQL exited during start (code ${code})`)));
        worker.once('message', (message: EmbeddedWorkerMessage) => {
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
        const stopped = new Promise<EmbeddedWorkerMessage>((done) => {
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

/** Who holds a data directory: written beside the lock, so that a lock left by a killed process is known stale at once. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

const ownerFile = (dataDir: string) => `${dataDir}.lock-owner`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The owner recorded for the lock when it is a process of this host that no longer runs; null otherwise. */
function deadOwner(dataDir: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as LockOwner;
    return owner.host === hostname() && owner.pid !== process.pid && !isRunning(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * PGlite takes no lock of its own: two processes on one directory would corrupt it. The lock is proper-lockfile's
 * (refreshed every 5 s, stale after 15 s); a lock whose recorded owner process is gone (kill -9, a power cut of the
 * process) is taken over at once instead of making a restart wait for it to go stale.
 */
async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  const options = {
    stale: 15_000,
    update: 5_000,
    retries: 0,
    onCompromised: (error: Error) => process.emitWarning(`lock on ${dataDir} compromised: ${error.message}`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    const dead = deadOwner(dataDir);
    if (!dead) throw new DataDirectoryLockedError(dataDir, { cause: error });
    process.emitWarning(`the data directory ${dataDir} was locked by process ${dead.pid}, which no longer runs: taking it over`);
    rmSync(`${dataDir}.lock`, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, options);
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw new DataDirectoryLockedError(dataDir, { cause: again });
      throw again;
    }
  }
  writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
  return async () => {
    if (existsSync(ownerFile(dataDir))) rmSync(ownerFile(dataDir), { force: true });
    await release();
  };
}
