// Test helpers for the read models on a real PostgreSQL: the demo office in an event store, a read-model data source, waiting for the projector.
import type { DataSource } from 'typeorm';
import { PostgresEventStore, comparePositions, formatPosition, type EventStore, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import {
  dumpSchema,
  keyOf,
  openReadModelDataSource,
  readCheckpoint,
  snapshotTables,
  TABLE_NAMES,
  typeOrmSql,
  type ReadModelSnapshot,
  type SqlDatabase,
  type TableName,
} from '@campaign-ledger/projections';
import { branchWorkStream } from '@campaign-ledger/domain';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { buildDemoOffice, DEMO_CAMPAIGN_ID, type DemoPlan } from '@api/demo/demo-office';

export const SYSTEM = { actor: { id: 'system:test', role: 'system' } };

/**
 * Appends `count` completions of made-up branch-level instances (`X<n>:branch:B01`, numbered from `from`) to branch
 * B01's stream, one append each, `gapMs` apart: a steady trickle of small appends for the projector to follow.
 */
export async function appendTrickle(store: EventStore, today: string, count: number, options: { from?: number; gapMs?: number } = {}): Promise<LogPosition> {
  const from = options.from ?? 0;
  let last: LogPosition | null = null;
  for (let i = from; i < from + count; i += 1) {
    ({ logPosition: last } = await store.append(
      branchWorkStream(DEMO_CAMPAIGN_ID, 'B01'),
      [
        {
          type: 'TaskCompleted',
          data: {
            campaignId: DEMO_CAMPAIGN_ID,
            branchId: 'B01',
            instanceKey: `X${i}:branch:B01`,
            taskId: 'T01',
            stageId: 'S1',
            phaseId: 'S1P1',
            trackId: null,
            scope: 'branch',
            subjectId: 'B01',
            weekOf: null,
            dueDate: today,
            mandatory: true,
            completedOn: today,
            onTime: true,
            by: 'sec-B01',
            note: `trickle ${i}`,
            evidence: [],
            commandId: null,
          },
        },
      ],
      { expectedRevision: 'any', metadata: SYSTEM },
    ));
    if (options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
  }
  if (!last) throw new Error('appendTrickle appends at least one event');
  return last;
}

export interface ReadModelTestBed {
  readonly database: TestDatabase;
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  readonly sql: SqlDatabase;
  readonly demo: DemoPlan;
  readonly today: string;
  close(): Promise<void>;
}

export async function demoTestBed(today = '2026-04-20'): Promise<ReadModelTestBed> {
  const database = await createTestDatabase('cl_rm');
  const store = await PostgresEventStore.connect(database.url);
  const demo = buildDemoOffice(today);
  // Handed out once the whole demo is readable, so that a wait for the log's head starts from all of it.
  await waitUntilReadable(store, await appendDemo(store, demo));
  const dataSource = await openReadModelDataSource({ url: database.url, poolSize: 4 });
  return {
    database,
    store,
    dataSource,
    sql: typeOrmSql(dataSource),
    demo,
    today,
    async close() {
      await dataSource.destroy();
      await store.close();
      await database.drop();
    },
  };
}

/** Appends the demo's streams; returns the position of the last event written. */
export async function appendDemo(store: EventStore, demo: DemoPlan): Promise<LogPosition> {
  let last: LogPosition | null = null;
  for (const batch of demo.batches) last = (await store.append(batch.streamId, batch.events, { expectedRevision: 'no_stream', metadata: SYSTEM })).logPosition;
  if (!last) throw new Error('the demo has no events');
  return last;
}

/** Every event visible in the log, in order. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let from: LogPosition | null = null;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 1_000 });
    all.push(...page);
    if (page.length < 1_000) return all;
    from = page[page.length - 1].logPosition;
  }
}

/**
 * Waits until the read model's checkpoint is the position of the log's last event. Pass `reached`, the position of the
 * last event the test appended: readAll shows an event only once no older transaction is open anywhere on the server
 * (other suites run beside this one), so without it the "last event" seen may be an earlier one, and the wait end early.
 */
export async function waitForCheckpoint(sql: SqlDatabase, store: EventStore, options: { reached?: LogPosition; timeoutMs?: number } = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const log = await readWholeLog(store);
    const last = log.length > 0 ? log[log.length - 1].logPosition : null;
    const head = last ? formatPosition(last) : null;
    const checkpoint = await readCheckpoint(sql).catch(() => undefined);
    const at = checkpoint ? `${checkpoint.commit_pos}/${checkpoint.prepare_pos}` : null;
    const reached = !options.reached || (last !== null && comparePositions(last, options.reached) >= 0);
    if (head !== null && reached && at === head) return head;
    if (Date.now() > deadline) throw new Error(`read model at ${at}, log head at ${head}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sortRows = (table: TableName, rows: unknown[]) =>
  [...rows].sort((a, b) => {
    const ka = keyOf(table, a as object);
    const kb = keyOf(table, b as object);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

export async function databaseTables(sql: SqlDatabase, schema = 'rm'): Promise<Record<TableName, unknown[]>> {
  const dump = await dumpSchema(sql, schema);
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, sortRows(t, dump[t])])) as Record<TableName, unknown[]>;
}

export function memoryTables(snapshot: ReadModelSnapshot): Record<TableName, unknown[]> {
  const tables = snapshotTables(snapshot);
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, sortRows(t, tables[t])])) as Record<TableName, unknown[]>;
}

/** Waits until readAll delivers `position` (PostgreSQL shows an event only once no older transaction is open anywhere on the server). */
export async function waitUntilReadable(store: EventStore, position: LogPosition, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await readWholeLog(store);
    if (log.length > 0 && comparePositions(log[log.length - 1].logPosition, position) >= 0) return;
    if (Date.now() > deadline) throw new Error(`event at ${formatPosition(position)} never became readable`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
