// Runs the projector for the life of the API (in a worker thread of its own, or on the main thread: PROJECTOR) and
// answers queries from the read model it keeps.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { endOfOfficeDay, replayLog } from '@campaign-ledger/audit';
import type { Clock, EventStore, RecordedEvent, Subscription } from '@campaign-ledger/event-store';
import {
  databaseSource,
  MemoryRows,
  openReadModelDataSource,
  projectEvents,
  Projector,
  projectionStatus,
  snapshotSource,
  typeOrmSql,
  type CheckpointMoved,
  type ProjectionStatus,
  type ReadModelSource,
  type SqlDatabase,
} from '@campaign-ledger/projections';
import type { Freshness } from '@campaign-ledger/api-contract';
import type { AppConfig, Storage } from '@campaign-ledger/runtime';
import { officeToday } from '../infrastructure/office-today';
import { APP_CONFIG, CLOCK, EVENT_STORE, STORAGE } from '../infrastructure/tokens';
import { ProjectorThread } from './projector-thread/projector-thread';

export interface ReadModelsSettings {
  readonly leaseTtlMs: number;
  /** Live batches start at least this far apart (PROJECTOR_BATCH_INTERVAL_MS, default 50 ms). */
  readonly minBatchIntervalMs: number;
  readonly poolSize: number;
}

export const READ_MODELS_SETTINGS = Symbol('READ_MODELS_SETTINGS');

@Injectable()
export class ReadModelsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('read-models');
  private dataSource: DataSource | null = null;
  private sql: SqlDatabase | null = null;
  private projector: Projector | null = null;
  private thread: ProjectorThread | null = null;
  /** Without PostgreSQL (EVENT_STORE=memory) the read model is kept in memory by the same fold. */
  private memory: { rows: MemoryRows; subscription: Subscription } | null = null;
  private readonly moved = new Subject<CheckpointMoved>();
  private projectedHere = 0;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODELS_SETTINGS) private readonly settings: ReadModelsSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.storage.readModelUrl) {
      const rows = new MemoryRows();
      const subscription = this.eventStore.subscribeToAll({
        onEvents: async (events) => {
          const applied = projectEvents(rows, events);
          this.afterBatch(events, applied);
        },
        onError: (error) => this.logger.error(`in-memory projection stopped: ${String(error)}`),
      });
      this.memory = { rows, subscription };
      return;
    }
    this.dataSource = await openReadModelDataSource({ url: this.storage.readModelUrl, poolSize: this.settings.poolSize });
    this.sql = typeOrmSql(this.dataSource);
    const onError = (error: unknown) => this.logger.warn(`projector: ${error instanceof Error ? error.message : String(error)}`);
    if (this.config.projector === 'thread') {
      this.thread = new ProjectorThread({
        config: this.config,
        owner: `api-projector-${randomUUID()}`,
        leaseTtlMs: this.settings.leaseTtlMs,
        minBatchIntervalMs: this.settings.minBatchIntervalMs,
        poolSize: 2,
        onError,
        onNotice: (line) => this.logger.warn(line),
      });
      this.thread.onCheckpoint((moved) => {
        this.projectedHere += moved.applied;
        this.moved.next(moved);
      });
      await this.thread.start();
      return;
    }
    this.projector = new Projector({
      eventStore: this.eventStore,
      db: this.sql,
      clock: this.clock,
      leaseTtlMs: this.settings.leaseTtlMs,
      minBatchIntervalMs: this.settings.minBatchIntervalMs,
      onError,
    });
    this.projector.onCheckpoint((moved) => {
      this.projectedHere += moved.applied;
      this.moved.next(moved);
    });
    await this.projector.start();
  }

  private afterBatch(events: readonly RecordedEvent[], applied: number): void {
    this.projectedHere += applied;
    const last = events[events.length - 1].logPosition;
    this.moved.next({ position: last, checkpoint: `${last.commit}/${last.prepare}`, applied, rowsWritten: 0 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector?.stop();
    await this.thread?.stop();
    await this.memory?.subscription.stop();
    this.moved.complete();
    await this.dataSource?.destroy();
  }

  /** Ends every live stream (their observables complete): the first step of a clean stop. */
  endLiveStreams(): void {
    this.moved.complete();
  }

  /** Fires after each batch is committed to the read model. */
  get checkpoints(): Observable<CheckpointMoved> {
    return this.moved.asObservable();
  }

  get eventsProjected(): number {
    return this.projectedHere;
  }

  today(): string {
    return officeToday(this.clock);
  }

  /** The live read model. */
  source(): ReadModelSource {
    if (this.sql) return databaseSource(this.sql);
    if (this.memory) return snapshotSource({ rows: this.memory.rows });
    throw new Error('the read models have not started');
  }

  /**
   * The read model for a day: the live one for today or later; for an earlier day, the log as recorded by the end of
   * that day (office time), replayed in memory through the same fold (`replayLog`, the one `ledger as-of` uses too).
   */
  async sourceAsOf(asOf: string): Promise<ReadModelSource> {
    if (asOf >= this.today()) return this.source();
    return (await replayLog(this.eventStore, endOfOfficeDay(asOf))).source;
  }

  async freshness(): Promise<Freshness> {
    try {
      return freshnessOf(await this.status(), this.clock.now().getTime());
    } catch (error) {
      return { ok: false, delayed: true, eventsBehind: 0, secondsBehind: 0, heldBack: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async status(): Promise<ProjectionStatus> {
    if (this.projector) return this.projector.status();
    if (this.thread && this.sql) {
      const thread = this.thread;
      const sql = this.sql;
      // While the thread is being started again, the lag and lease are still read from the database.
      return thread.status().catch(() => projectionStatus({ eventStore: this.eventStore, db: sql, clock: this.clock }, { me: thread.me, state: 'stopped' }));
    }
    if (this.memory) {
      const position = this.memory.subscription.position;
      const unprojected = await this.eventStore.readAll({ from: position, maxCount: 10_001 });
      const behind = unprojected.length;
      const checkpoint = this.memory.rows.get('checkpoint', { id: 'main' });
      return {
        me: 'in-memory',
        state: 'active',
        lease: null,
        checkpoint: position ? `${position.commit}/${position.prepare}` : null,
        eventsApplied: checkpoint?.events_applied ?? 0,
        lastRecordedAt: checkpoint?.last_recorded_at ?? null,
        eventsBehind: Math.min(behind, 10_000),
        eventsBehindCapped: behind > 10_000,
        // The age of the oldest event not yet projected (see projectionStatus).
        secondsBehind: behind > 0 ? Math.max(0, (this.clock.now().getTime() - unprojected[0].recordedAt.getTime()) / 1000) : 0,
        heldBack: null,
      };
    }
    if (this.sql) return projectionStatus({ eventStore: this.eventStore, db: this.sql, clock: this.clock });
    throw new Error('the read models have not started');
  }
}

/** How current the figures are, as anyone may be told (no session details): for /api/health and the web app's banner. */
export type { Freshness };

/** Behind by more than this many seconds (or held back that long), the figures are reported as delayed. */
const DELAYED_AFTER_SECONDS = 5;

export function freshnessOf(status: ProjectionStatus, now: number): Freshness {
  const heldFor = status.heldBack ? (now - Date.parse(status.heldBack.since)) / 1000 : 0;
  return {
    ok: status.state === 'active' || status.lease?.owner != null,
    delayed: status.secondsBehind > DELAYED_AFTER_SECONDS || heldFor > DELAYED_AFTER_SECONDS,
    eventsBehind: status.eventsBehind,
    secondsBehind: status.secondsBehind,
    heldBack: status.heldBack ? { events: status.heldBack.events, since: status.heldBack.since, blockingPid: status.heldBack.holder?.pid ?? null } : null,
  };
}
