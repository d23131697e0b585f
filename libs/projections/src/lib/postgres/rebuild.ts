// Rebuilds the read model from the whole log into a fresh schema, then swaps it in atomically.
import { randomUUID } from 'node:crypto';
import { formatPosition, type EventStore, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import { checkpointPosition, CHECKPOINT_ID, projectEvents } from '../read-models/read-models.projection';
import { MemoryRows } from '../rows/row-set';
import { quoteIdent, READ_MODEL_DDL_VERSIONS, READ_MODEL_SCHEMA } from './ddl';
import { ProjectorLease } from './lease';
import { bulkLoad, writeRows } from './row-io';
import type { SqlDatabase } from './sql';

export interface RebuildOptions {
  readonly eventStore: EventStore;
  readonly db: SqlDatabase;
  /** The live schema to replace (default `rm`). */
  readonly schema?: string;
  readonly owner?: string;
  readonly leaseTtlMs?: number;
  readonly pageSize?: number;
  /** Total events in the log, for progress (default: counted by reading the log once). */
  readonly countEvents?: () => Promise<number>;
  /** Test hook: runs after the fresh schema is filled and before the lease is taken and the schemas are swapped. */
  readonly beforeSwap?: (freshSchema: string) => void | Promise<void>;
}

export interface RebuildProgress {
  readonly phase: 'counting' | 'reading' | 'writing' | 'tail' | 'swapped';
  readonly done: number;
  readonly total: number | null;
  readonly eventsPerSecond: number;
  readonly rowsWritten: number;
}

export interface RebuildReport {
  readonly events: number;
  readonly rows: number;
  readonly tailEvents: number;
  readonly checkpoint: string | null;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export async function rebuildReadModels(options: RebuildOptions, onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildReport> {
  const { eventStore, db } = options;
  const schema = options.schema ?? READ_MODEL_SCHEMA;
  const pageSize = options.pageSize ?? 2_000;
  const started = Date.now();
  const fresh = `${schema}_rebuild_${Date.now().toString(36)}_${randomUUID().slice(0, 4)}`;
  const old = fresh.replace('_rebuild_', '_old_');
  const rate = (done: number) => done / Math.max(0.001, (Date.now() - started) / 1000);

  await ProjectorLease.ensureTable(db);
  for (const ddl of READ_MODEL_DDL_VERSIONS) for (const statement of ddl(fresh)) await db.query(statement);

  try {
    onProgress({ phase: 'counting', done: 0, total: null, eventsPerSecond: 0, rowsWritten: 0 });
    const total = options.countEvents ? await options.countEvents() : await countAll(eventStore, pageSize);
    // Every row is written once at the end: no need to remember what changed until the tail.
    const rows = new MemoryRows({ trackChanges: false });
    let position: LogPosition | null = null;
    let done = 0;
    // The next page is asked for before this one is folded, so the database reads while Node folds.
    let next: Promise<RecordedEvent[]> | null = prefetch(eventStore, null, pageSize);
    while (next) {
      const page: RecordedEvent[] = await next;
      if (page.length === 0) break;
      position = page[page.length - 1].logPosition;
      next = page.length < pageSize ? null : prefetch(eventStore, position, pageSize);
      projectEvents(rows, page);
      done += page.length;
      onProgress({ phase: 'reading', done, total: Math.max(total, done), eventsPerSecond: rate(done), rowsWritten: 0 });
    }
    const rowsWritten = await bulkLoad(db, fresh, rows.tables);
    rows.trackChanges();
    onProgress({ phase: 'writing', done, total: Math.max(total, done), eventsPerSecond: rate(done), rowsWritten });
    await options.beforeSwap?.(fresh);

    // From here on no live projector writes: take the lease (fencing out the current holder), apply the tail, swap.
    const lease = new ProjectorLease(db, options.owner ?? `rebuild-${randomUUID()}`, options.leaseTtlMs ?? 60_000);
    await lease.acquire({ steal: true });
    let tailEvents = 0;
    try {
      // The tail is read before the transaction opens: on the embedded PGlite socket an open transaction holds the one
      // session and the event store's reads would wait for it for ever. The lease keeps the live projector out meanwhile;
      // whatever is appended after the tail lies past the checkpoint, and the projector folds it next.
      for (;;) {
        const page = await eventStore.readAll({ from: position, maxCount: pageSize });
        if (page.length === 0) break;
        projectEvents(rows, page);
        tailEvents += page.length;
        position = page[page.length - 1].logPosition;
      }
      await db.transaction(async (tx) => {
        await lease.verify(tx);
        await writeRows(tx, fresh, rows.takeChanges(), 'upsert');
        const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (exists.rows.length > 0) await tx.query(`ALTER SCHEMA ${quoteIdent(schema)} RENAME TO ${quoteIdent(old)}`);
        await tx.query(`ALTER SCHEMA ${quoteIdent(fresh)} RENAME TO ${quoteIdent(schema)}`);
        if (exists.rows.length > 0) await tx.query(`DROP SCHEMA ${quoteIdent(old)} CASCADE`);
      });
    } finally {
      await lease.release().catch(() => undefined);
    }
    const checkpoint = checkpointPosition(rows.get('checkpoint', { id: CHECKPOINT_ID }));
    const events = done + tailEvents;
    onProgress({ phase: 'swapped', done: events, total: Math.max(total, events), eventsPerSecond: rate(events), rowsWritten: rows.count() });
    const seconds = (Date.now() - started) / 1000;
    return {
      events,
      rows: rows.count(),
      tailEvents,
      checkpoint: checkpoint ? formatPosition(checkpoint) : null,
      seconds,
      eventsPerSecond: events / Math.max(seconds, 0.001),
    };
  } catch (error) {
    await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(fresh)} CASCADE`).catch(() => undefined);
    throw error;
  }
}

/** A page read started now; a failure is reported when (and if) the page is awaited. */
function prefetch(eventStore: EventStore, from: LogPosition | null, pageSize: number): Promise<RecordedEvent[]> {
  const page = eventStore.readAll({ from, maxCount: pageSize });
  page.catch(() => undefined);
  return page;
}

async function countAll(eventStore: EventStore, pageSize: number): Promise<number> {
  let count = 0;
  let from: LogPosition | null = null;
  for (;;) {
    const page = await eventStore.readAll({ from, maxCount: pageSize * 5 });
    count += page.length;
    if (page.length < pageSize * 5) return count;
    from = page[page.length - 1].logPosition;
  }
}
