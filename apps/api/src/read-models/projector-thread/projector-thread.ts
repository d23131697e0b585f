// Runs the projector in a worker thread of the API process, so that projecting (reading the log, folding, writing
// rows) never takes the event loop from requests: one process and one URL still, two threads at work. The thread
// holds the projector lease like any projector process; when it dies it is started again (1 s, doubling to 30 s),
// under the same lease owner so that it takes its own lease back at once.
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckpointMoved, ProjectionStatus } from '@campaign-ledger/projections';
import type { FromProjectorThread, ProjectorWorkerData, ToProjectorThread } from './messages';

export interface ProjectorThreadOptions extends ProjectorWorkerData {
  readonly onError?: (error: unknown) => void;
  /** Log lines (start, restart). */
  readonly onNotice?: (line: string) => void;
  readonly restartDelayMs?: number;
  /** How long a status request may take before it is given up (default 5 s). */
  readonly statusTimeoutMs?: number;
}

const MAX_RESTART_DELAY_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The worker's entry: the compiled .js next to this file, or (tests, running from sources) the .ts through ts-node
 * (transpile only) with the workspace's path aliases from tsconfig-paths, both dev dependencies.
 */
function workerEntry(): { filename: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  const extension = extname(__filename);
  const filename = join(__dirname, `projector.worker${extension}`);
  if (extension !== '.ts') return { filename };
  let root = __dirname;
  while (!existsSync(join(root, 'tsconfig.base.json')) && resolve(root, '..') !== root) root = resolve(root, '..');
  return {
    filename,
    execArgv: ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register'],
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  };
}

export class ProjectorThread {
  private worker: Worker | null = null;
  private running = false;
  private startedAt = 0;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(moved: CheckpointMoved) => void>();
  private readonly pending = new Map<number, { resolve: (status: ProjectionStatus) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;
  private stopped: (() => void) | null = null;
  /** Threads started so far (1 + restarts). */
  starts = 0;

  constructor(private readonly options: ProjectorThreadOptions) {}

  get me(): string {
    return this.options.owner;
  }

  /** True while a thread is up and following the log (or waiting for the lease). */
  get alive(): boolean {
    return this.worker !== null && this.startedAt > 0;
  }

  onCheckpoint(listener: (moved: CheckpointMoved) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the thread; resolves once it has connected and started following, rejects if it cannot. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.spawn();
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  private spawn(): Promise<void> {
    const entry = workerEntry();
    const data: ProjectorWorkerData = {
      config: this.options.config,
      owner: this.options.owner,
      leaseTtlMs: this.options.leaseTtlMs,
      poolSize: this.options.poolSize,
      minBatchIntervalMs: this.options.minBatchIntervalMs,
    };
    const worker = new Worker(entry.filename, { workerData: data, execArgv: entry.execArgv, env: entry.env, name: 'projector' });
    this.worker = worker;
    this.startedAt = 0;
    this.starts += 1;
    return new Promise<void>((resolveStart, rejectStart) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) rejectStart(error);
        else resolveStart();
      };
      worker.on('message', (message: FromProjectorThread) => {
        switch (message.type) {
          case 'started':
            this.startedAt = Date.now();
            settle();
            break;
          case 'failed':
            this.options.onError?.(new Error(`projector thread: ${message.message}`));
            settle(new Error(`the projector thread could not start: ${message.message}`));
            break;
          case 'checkpoint':
            this.failures = 0;
            for (const listener of this.listeners) {
              try {
                listener(message.moved);
              } catch (error) {
                this.options.onError?.(error);
              }
            }
            break;
          case 'error':
            this.options.onError?.(new Error(message.message));
            break;
          case 'status': {
            const waiting = this.pending.get(message.id);
            if (!waiting) break;
            this.pending.delete(message.id);
            clearTimeout(waiting.timer);
            if (message.status) waiting.resolve(message.status);
            else waiting.reject(new Error(message.error ?? 'no status'));
            break;
          }
          case 'stopped':
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) => {
        this.options.onError?.(error);
        settle(error);
      });
      worker.on('exit', (code) => {
        // A first start that fails is start()'s to report; a thread that ran, or a restart, is started again.
        const restartable = this.startedAt > 0 || this.starts > 1;
        settle(new Error(`the projector thread exited with code ${code} before it started`));
        if (this.worker === worker) this.worker = null;
        this.startedAt = 0;
        for (const [id, waiting] of this.pending) {
          clearTimeout(waiting.timer);
          waiting.reject(new Error('the projector thread exited'));
          this.pending.delete(id);
        }
        if (this.stopped) {
          this.stopped();
          return;
        }
        if (this.running && restartable) this.scheduleRestart(code);
      });
    });
  }

  private scheduleRestart(code: number): void {
    const delay = Math.min(MAX_RESTART_DELAY_MS, (this.options.restartDelayMs ?? 1_000) * 2 ** this.failures);
    this.failures += 1;
    this.options.onNotice?.(`projector thread exited (code ${code}); starting it again in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.running) return;
      this.spawn().catch((error: unknown) => this.options.onError?.(error));
    }, delay);
    this.restartTimer.unref?.();
  }

  /** The projection's status as the thread sees it (its lease, lag and state). */
  status(): Promise<ProjectionStatus> {
    const worker = this.worker;
    if (!worker || !this.alive) return Promise.reject(new Error('the projector thread is not running'));
    const id = this.nextId++;
    return new Promise<ProjectionStatus>((resolveStatus, rejectStatus) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rejectStatus(new Error('the projector thread did not answer a status request in time'));
      }, this.options.statusTimeoutMs ?? 5_000);
      this.pending.set(id, { resolve: resolveStatus, reject: rejectStatus, timer });
      worker.postMessage({ type: 'status', id } satisfies ToProjectorThread);
    });
  }

  /** Asks the thread to stop (it gives the lease back and closes its connections); ends it after 10 s regardless. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolveExit) => {
      this.stopped = resolveExit;
    });
    worker.postMessage({ type: 'stop' } satisfies ToProjectorThread);
    const force = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(force);
    this.stopped = null;
  }

  /** Test hook: ends the thread abruptly, as a crash would (no lease release, nothing flushed). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }
}
