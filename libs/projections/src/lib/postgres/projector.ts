// The live projector: follows the log from its checkpoint and writes each batch's rows and checkpoint in one
// transaction, fenced by the lease so that two processes never both write.
import { randomUUID } from 'node:crypto';
import {
  formatPosition,
  systemClock,
  type Clock,
  type EventStore,
  type HeldBackEvents,
  type LogPosition,
  type RecordedEvent,
  type Subscription,
} from '@campaign-ledger/event-store';
import { CHECKPOINT_ID, checkpointPosition, projectEvents } from '../read-models/read-models.projection';
import { WindowRows } from '../rows/row-set';
import type { CheckpointRow, TableName } from '../read-models/read-models.tables';
import { quoteIdent, READ_MODEL_SCHEMA } from './ddl';
import { ProjectorLease, type LeaseState } from './lease';
import { loadMisses, selectList, writeRows } from './row-io';
import type { SqlDatabase, SqlExecutor } from './sql';
import { TableStatistics } from './table-statistics';

export interface ProjectorOptions {
  readonly eventStore: EventStore;
  readonly db: SqlDatabase;
  readonly schema?: string;
  /** This process's name in the lease row. */
  readonly owner?: string;
  readonly leaseTtlMs?: number;
  readonly batchSize?: number;
  /**
   * Batches start at least this far apart (default 0): under a steady stream of small appends, waiting a few tens of
   * milliseconds lets the next batch carry many events in one transaction instead of one or two, which spares the
   * database most of the projector's statements; the lag grows by at most this much.
   */
  readonly minBatchIntervalMs?: number;
  readonly clock?: Clock;
  /** Counts events after a position, up to `cap` (default: reads them through `eventStore.readAll`). */
  readonly countEventsAfter?: (position: LogPosition | null, cap: number) => Promise<number>;
  /** A table is analysed once this many rows (and at least its row estimate) were written to it since it last was (default 1,000). */
  readonly analyzeMinRows?: number;
  /** Test hook: runs inside each batch transaction after the rows are written, before the commit. */
  readonly beforeCommit?: (batch: { events: readonly RecordedEvent[]; rowsWritten: number }) => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export interface CheckpointMoved {
  readonly position: LogPosition;
  readonly checkpoint: string;
  readonly applied: number;
  readonly rowsWritten: number;
}

export interface ProjectionStatus {
  readonly me: string;
  readonly state: ProjectorState;
  readonly lease: LeaseState | null;
  readonly checkpoint: string | null;
  readonly eventsApplied: number;
  readonly lastRecordedAt: string | null;
  readonly eventsBehind: number;
  /** True when more events are behind than were counted (`eventsBehind` is a lower bound). */
  readonly eventsBehindCapped: boolean;
  readonly secondsBehind: number;
  /**
   * Committed events the projector may not read yet because a transaction older than them is still open somewhere on
   * the database server (null when none): the figures are that far behind although `eventsBehind` says 0.
   */
  readonly heldBack: HeldBackEvents | null;
}

export type ProjectorState = 'stopped' | 'standby' | 'active';

const LAG_COUNT_CAP = 10_000;

export async function readCheckpoint(db: SqlExecutor, schema: string = READ_MODEL_SCHEMA): Promise<CheckpointRow | undefined> {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${selectList('checkpoint')} FROM ${quoteIdent(schema)}."checkpoint" WHERE id = $1`, [CHECKPOINT_ID]);
  return rows[0];
}

/** Folds one batch into the database inside `tx`: loads what the fold reads, folds again until nothing is missing, writes the changes. */
export async function projectBatch(
  tx: SqlExecutor,
  schema: string,
  events: readonly RecordedEvent[],
): Promise<{ applied: number; rowsWritten: number; rowsByTable: Partial<Record<TableName, number>>; window: WindowRows }> {
  const window = new WindowRows();
  for (let attempt = 0; ; attempt += 1) {
    window.reset();
    const applied = projectEvents(window, events);
    if (window.misses.length === 0) {
      const changes = window.changes();
      const rowsWritten = await writeRows(tx, schema, changes, 'upsert');
      const rowsByTable: Partial<Record<TableName, number>> = {};
      for (const [table, rows] of Object.entries(changes)) rowsByTable[table as TableName] = rows.length;
      return { applied, rowsWritten, rowsByTable, window };
    }
    if (attempt > 50) throw new Error('projection kept reading rows it had not loaded');
    await loadMisses(tx, schema, window, window.misses);
  }
}

export class Projector {
  readonly me: string;
  private readonly lease: ProjectorLease;
  private readonly schema: string;
  private readonly clock: Clock;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(moved: CheckpointMoved) => void>();
  private current: ProjectorState = 'stopped';
  private lastError: unknown = null;
  /** Events applied by this process since it started (for the metrics counter). */
  eventsProjected = 0;
  /** Analyses the tables this projector grows (see table-statistics.ts). */
  private readonly statistics: TableStatistics;

  constructor(private readonly options: ProjectorOptions) {
    this.me = options.owner ?? `projector-${randomUUID()}`;
    this.schema = options.schema ?? READ_MODEL_SCHEMA;
    this.clock = options.clock ?? systemClock;
    this.lease = new ProjectorLease(options.db, this.me, options.leaseTtlMs ?? 10_000);
    this.statistics = new TableStatistics(options.db, this.schema, options.analyzeMinRows);
  }

  get state(): ProjectorState {
    return this.current;
  }

  get error(): unknown {
    return this.lastError;
  }

  /** Called after each committed batch. Returns an unsubscribe function. */
  onCheckpoint(listener: (moved: CheckpointMoved) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await ProjectorLease.ensureTable(this.options.db);
    this.running = true;
    this.current = 'standby';
    this.loop = this.run();
  }

  /** Stops following the log and gives the lease back. */
  async stop(options: { release?: boolean } = { release: true }): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.stop().catch(() => undefined);
    await this.loop;
    this.loop = null;
    if (options.release !== false) await this.lease.release().catch(() => undefined);
    else this.lease.abandon();
    this.current = 'stopped';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const ttl = this.lease.ttlMs;
    while (this.running) {
      let acquired = false;
      try {
        acquired = await this.lease.acquire();
      } catch (error) {
        this.report(error);
      }
      if (!acquired) {
        this.current = 'standby';
        await this.sleep(Math.max(50, Math.floor(ttl / 3)));
        continue;
      }
      this.current = 'active';
      try {
        await this.follow();
      } catch (error) {
        this.report(error);
      }
      if (this.renewTimer) clearInterval(this.renewTimer);
      this.renewTimer = null;
      if (this.running) {
        this.current = 'standby';
        await this.sleep(Math.max(50, Math.floor(ttl / 3)));
      }
    }
  }

  private async follow(): Promise<void> {
    const checkpoint = await readCheckpoint(this.options.db, this.schema);
    let failure: unknown = null;
    const subscription = this.options.eventStore.subscribeToAll({
      from: checkpointPosition(checkpoint),
      batchSize: this.options.batchSize ?? 500,
      onEvents: (events) => this.applyBatch(events),
      onError: (error) => {
        failure = error;
      },
    });
    this.subscription = subscription;
    this.renewTimer = setInterval(
      () => {
        this.lease.renew().then(
          (held) => {
            if (!held) void subscription.stop();
          },
          (error) => this.report(error),
        );
      },
      Math.max(20, Math.floor(this.lease.ttlMs / 3)),
    );
    await subscription.finished;
    this.subscription = null;
    if (failure) throw failure;
  }

  private async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    const startedAt = Date.now();
    const result = await this.options.db.transaction(async (tx) => {
      await this.lease.verify(tx);
      const outcome = await projectBatch(tx, this.schema, events);
      await this.options.beforeCommit?.({ events, rowsWritten: outcome.rowsWritten });
      return outcome;
    });
    this.eventsProjected += result.applied;
    const last = events[events.length - 1].logPosition;
    const moved: CheckpointMoved = { position: last, checkpoint: formatPosition(last), applied: result.applied, rowsWritten: result.rowsWritten };
    for (const listener of this.listeners) {
      try {
        listener(moved);
      } catch (error) {
        this.report(error);
      }
    }
    // The batch is committed: statistics that fail to update are reported, not retried with the batch.
    await this.statistics.afterBatch(result.rowsByTable).catch((error: unknown) => this.report(error));
    // The subscription reads the next batch when this returns: what arrives meanwhile goes into it.
    const rest = (this.options.minBatchIntervalMs ?? 0) - (Date.now() - startedAt);
    if (rest > 0 && this.running) await this.sleep(rest);
  }

  private report(error: unknown): void {
    this.lastError = error;
    this.options.onError?.(error);
  }

  async status(): Promise<ProjectionStatus> {
    return projectionStatus({ ...this.options, schema: this.schema, clock: this.clock }, { me: this.me, state: this.current, lease: this.lease });
  }
}

/** Lag and lease of the read model in `schema` (usable without a running projector, e.g. for /api/health). */
export async function projectionStatus(
  options: Pick<ProjectorOptions, 'eventStore' | 'db' | 'schema' | 'clock' | 'countEventsAfter'>,
  self: { me: string; state: ProjectorState; lease?: ProjectorLease } = { me: '-', state: 'stopped' },
): Promise<ProjectionStatus> {
  const schema = options.schema ?? READ_MODEL_SCHEMA;
  const checkpoint = await readCheckpoint(options.db, schema).catch(() => undefined);
  const position = checkpointPosition(checkpoint);
  const count =
    options.countEventsAfter ?? (async (from: LogPosition | null, cap: number) => (await options.eventStore.readAll({ from, maxCount: cap })).length);
  const behind = await count(position, LAG_COUNT_CAP + 1);
  const lease = self.lease ? await self.lease.state() : await new ProjectorLease(options.db, self.me, 1).state().catch(() => null);
  const now = (options.clock ?? systemClock).now().getTime();
  const lastRecordedAt = checkpoint?.last_recorded_at ?? null;
  let secondsBehind = 0;
  if (behind > 0) {
    // The lag is the age of the oldest event not yet projected: an event appended a moment ago (an auditor's read
    // recorded just before this question) is a moment behind, however long the log had been quiet before it.
    const oldest = (await options.eventStore.readAll({ from: position, maxCount: 1 }))[0]?.recordedAt.getTime() ?? now;
    secondsBehind = Math.max(0, (now - oldest) / 1000);
  }
  const heldBack = (await options.eventStore.heldBack?.().catch(() => null)) ?? null;
  return {
    me: self.me,
    state: self.state,
    lease,
    checkpoint: position ? formatPosition(position) : null,
    eventsApplied: checkpoint?.events_applied ?? 0,
    lastRecordedAt,
    eventsBehind: Math.min(behind, LAG_COUNT_CAP),
    eventsBehindCapped: behind > LAG_COUNT_CAP,
    secondsBehind,
    heldBack,
  };
}
