// Projections benchmark (issue 4) and as-of replay (issue 5), on a city-scale ledger in a fresh PostgreSQL database
// that is dropped at the end (unless --keep):
//   1. generate the city through the real deciders, appended through PostgresEventStore in large batches;
//   2. rebuildReadModels over the whole log, beside a bare keyset read of the same events (before and after);
//   3. projection lag while task completions arrive at a fixed rate, beside the events' visibility to any reader;
//   4. campaignOverview / branchDashboard latency over databaseSource, beside a primary-key read through the same stack;
//   5. as-of: libs/audit stateAsOf for one campaign, and a full in-memory replay of every event, beside the full rebuild.
//
//   npm run bench:projections
//   node dist/tools/bench/projections.bench.js --branches 200          a quick run (members, units and target scale)
//   --branches 5000 --members 100000 --units 100 --events-target 1000000   the defaults (a city: DOMAIN.md, "Scale")
//   --lag-rate 1000 --lag-seconds 30 --lag-warmup 5    offered commands/s, measured and warm-up seconds
//   --command-path api|store    api (default while a unit has ≤ 5,000 members, which the API can fold): the API's command
//                               handlers in-process, then, if they cannot carry the offered rate, the lag is measured again
//                               with the decided events appended through the event store; store: that second run only
//   --queries 200 --seed 2009 --keep   --batch 50 --concurrency 4 (generator: events per append, appends in flight)
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   admin connection (creates/drops the database)
import 'reflect-metadata';
import os from 'node:os';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import {
  branchWorkDecider,
  campaignDecider,
  campaignStream,
  organisationDecider,
  organisationStream,
  type IsoDate,
  type PlannedCampaign,
  type Roster,
} from '@campaign-ledger/domain';
import { comparePositions, formatPosition, PostgresEventStore, systemClock, type EventStore, type LogPosition } from '@campaign-ledger/event-store';
import {
  branchDashboard,
  campaignOverview,
  databaseSource,
  MemoryRows,
  openReadModelDataSource,
  projectInMemory,
  Projector,
  readCheckpoint,
  rebuildReadModels,
  snapshotSource,
  typeOrmSql,
  type CheckpointMoved,
  type ReadModelSource,
  type RebuildProgress,
  type SqlDatabase,
} from '@campaign-ledger/projections';
import { stateAsOf } from '@campaign-ledger/audit';
import { loadConfig } from '@campaign-ledger/runtime';
import { createApp } from '../../apps/api/src/bootstrap';
import { CompleteTaskCommand } from '../../apps/api/src/branch-work/complete-task/complete-task.handler';
import { AggregateStore } from '../../apps/api/src/infrastructure/event-sourcing/aggregate-store';
import { officeToday } from '../../apps/api/src/infrastructure/office-today';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens';
import { ReadModelsService } from '../../apps/api/src/read-models/read-models.service';
import { branchRoster, generateCity, openInstances, planFor } from './city';

// ---------------------------------------------------------------------------------------------------------
// Settings

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) args.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.set(name, argv[(i += 1)]);
    else args.set(name, 'true');
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const KNOWN = [
  'branches',
  'members',
  'units',
  'events-target',
  'lag-rate',
  'lag-seconds',
  'lag-warmup',
  'command-path',
  'queries',
  'seed',
  'keep',
  'batch',
  'concurrency',
];
for (const name of args.keys()) if (!KNOWN.includes(name)) throw new Error(`unknown option --${name} (known: ${KNOWN.map((k) => `--${k}`).join(' ')})`);
const int = (name: string, fallback: number) => {
  const value = args.has(name) ? Number(String(args.get(name)).replace(/[_,]/g, '')) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const BRANCHES = int('branches', 5_000);
const MEMBERS = int('members', BRANCHES * 20);
const UNITS = int('units', Math.max(1, Math.round(BRANCHES / 50)));
const EVENTS_TARGET = int('events-target', BRANCHES * 200);
const LAG_RATE = int('lag-rate', 1_000);
/** The offered rate: LAG_RATE, or lower in a small city that has too few open instances (unless --lag-rate is given). */
let lagRate = LAG_RATE;
const LAG_SECONDS = int('lag-seconds', 30);
const LAG_WARMUP = int('lag-warmup', 5);
const QUERIES = int('queries', 200);
const SEED = int('seed', 2009);
const BATCH = int('batch', 50);
const CONCURRENCY = int('concurrency', 4);
const KEEP = args.get('keep') === 'true';
// The API folds a unit's whole organisation stream per process, in O(members²) (docs/benchmarks.md, issue 3): past a few
// thousand members per unit the first command takes minutes, so the load then goes through the event store.
const API_MAX_MEMBERS_PER_UNIT = 5_000;
const COMMAND_PATH = (args.get('command-path') ?? (MEMBERS / UNITS <= API_MAX_MEMBERS_PER_UNIT ? 'api' : 'store')) as 'api' | 'store';
if (COMMAND_PATH !== 'api' && COMMAND_PATH !== 'store') throw new Error('--command-path must be api or store');
if (UNITS > BRANCHES) throw new Error('--units must not exceed --branches');

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PAGE = 2_000; // rebuildReadModels' default page, used by the bare read and the as-of replay too
const TARGET_REBUILD_RATIO = 0.3;
const TARGET_REBUILD_RATE = 30_000;
const TARGET_LAG_P99_MS = 1_000;
const TARGET_QUERY_P95_MS = 50;
const MIN_RATE_SHARE = 0.95;
/** Commands the load generator lets wait at once (concurrent users); beyond it a due command is not issued. */
const MAX_IN_FLIGHT = 200;
const DRAIN_MS = 30_000;

const log = (line = '') => process.stdout.write(`${line}\n`);
process.stdout.on('error', () => undefined); // a closed pipe (| head) must not stop the cleanup
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const percentile = (sorted: Float64Array | number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
const sortedOf = (values: number[]) => Float64Array.from(values).sort();

/** Progress: one line rewritten in place on a terminal, a line every 5 s otherwise. */
function progressPrinter(): (line: string, final?: boolean) => void {
  const tty = process.stdout.isTTY;
  let last = 0;
  return (line, final = false) => {
    const now = performance.now();
    if (!final && now - last < (tty ? 250 : 5_000)) return;
    last = now;
    if (tty) process.stdout.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
    else log(line);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Database lifetime

const dbName = `cl_projbench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
const benchUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const closers: (() => Promise<unknown>)[] = [];
let dbCreated = false;
let dataDir: string | null = null;

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (closers.length)
      await closers
        .pop()?.()
        .catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (!dbCreated) return;
    if (KEEP) {
      log(`kept database ${dbName} (--keep)`);
      return;
    }
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).then(
      () => log(`dropped database ${dbName}`),
      (error: unknown) => log(`could not drop database ${dbName}: ${String(error)}`),
    );
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------
// 1. Generation

/** What the later phases need of the generated city: ids and, per branch, the instances still open today. */
interface Ledger {
  readonly units: readonly { readonly unitId: string; readonly campaignId: string }[];
  readonly branches: readonly LedgerBranch[];
}

interface LedgerBranch {
  readonly branchId: string;
  readonly unitId: string;
  readonly campaignId: string;
  readonly streamId: string;
  /** Open instance keys, taken by the load generator. */
  readonly keys: string[];
  /** Members on the roster today. */
  readonly roster: Roster;
  /** The campaign's plan as the generator left it, as this branch's decisions see it (its own carried-over work). */
  readonly plan: PlannedCampaign;
  /** The branch stream's revision after generation. */
  readonly revision: number;
}

async function generate(store: PostgresEventStore, today: IsoDate): Promise<Ledger> {
  log('1. Generating the city (real deciders → PostgresEventStore.append, large batches)');
  const started = performance.now();
  const progress = progressPrinter();
  const city = await generateCity(
    { units: UNITS, branches: BRANCHES, members: MEMBERS, eventsTarget: EVENTS_TARGET, seed: SEED },
    {
      store,
      concurrency: CONCURRENCY,
      batchEvents: BATCH,
      today,
      onProgress: (p) => {
        const s = (performance.now() - started) / 1000;
        progress(
          `   week ${String(p.week).padStart(2)} · decided ${fmt(p.decided).padStart(9)} · appended ${fmt(p.appended).padStart(9)} / ${fmt(EVENTS_TARGET)} target · ${fmt(p.appended / s).padStart(6)} ev/s · ${fmt(s)} s`,
        );
      },
    },
  );
  const ms = performance.now() - started;
  progress(`   appended ${fmt(city.events)} events in ${fmt(city.appends)} appends, ${seconds(ms)} (${fmt(city.events / (ms / 1000))} ev/s)`, true);
  const byType = Object.entries(city.counts)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${fmt(n)}`)
    .join(', ');
  log(
    `   campaign weeks 1–${city.weeks} of 24 generated (started ${city.startDate}; today ${today} is in week ${Math.floor((Date.parse(today) - Date.parse(city.startDate)) / (7 * 86_400_000)) + 1})`,
  );
  log(`   events by type: ${byType}`);
  const ledger: Ledger = {
    units: city.units.map((u) => ({ unitId: u.unitId, campaignId: u.campaignId })),
    branches: city.branches.map((b) => ({
      branchId: b.branchId,
      unitId: b.unit.unitId,
      campaignId: b.unit.campaignId,
      streamId: b.streamId,
      keys: openInstances(b, today).map((i) => i.key),
      roster: branchRoster(b, today),
      plan: planFor(b),
      revision: b.revision,
    })),
  };
  // The deciders' states take about a gigabyte at full size; a heap that large makes every later phase pay for it in
  // garbage collection, so only what the load generator needs is kept.
  log(`   generator heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB (the deciders' states are released now)`);
  return ledger;
}

// ---------------------------------------------------------------------------------------------------------
// 2. Rebuild vs bare read

const BARE_COLUMNS = `position::text AS position, transaction_id::text AS transaction_id, stream_id, revision, event_id::text AS event_id,
  type, schema_version, data, metadata, previous_hash, hash, recorded_at`;

/**
 * The floor: the same columns in the same global order, keyset pages, node-postgres decoding jsonb and timestamps.
 * (ORDER BY names the table's columns: the text aliases would otherwise sort as text.)
 */
async function bareRead(): Promise<{ events: number; ms: number }> {
  const client = new Client({ connectionString: benchUrl });
  await client.connect();
  try {
    const started = performance.now();
    let events = 0;
    let after: { tx: string; position: string } | null = null;
    for (;;) {
      const page: { tx: string; position: string } | null = after;
      const { rows } = page
        ? await client.query<{ position: string; transaction_id: string }>({
            name: 'bare_from',
            text: `SELECT ${BARE_COLUMNS} FROM events WHERE (transaction_id, position) > ($2::text::xid8, $3::bigint) ORDER BY events.transaction_id, events.position LIMIT $1`,
            values: [PAGE, page.tx, page.position],
          })
        : await client.query<{ position: string; transaction_id: string }>({
            name: 'bare_first',
            text: `SELECT ${BARE_COLUMNS} FROM events ORDER BY events.transaction_id, events.position LIMIT $1`,
            values: [PAGE],
          });
      events += rows.length;
      if (rows.length < PAGE) break;
      const last: { position: string; transaction_id: string } = rows[rows.length - 1];
      after = { tx: last.transaction_id, position: last.position };
    }
    return { events, ms: performance.now() - started };
  } finally {
    await client.end();
  }
}

interface RebuildFigures {
  readonly bare: { events: number; ms: number }[];
  readonly rebuild: { events: number; rows: number; ms: number };
}

async function rebuildVsBare(store: EventStore, sql: SqlDatabase, countEvents: () => Promise<number>): Promise<RebuildFigures> {
  log('2. Rebuild (rebuildReadModels into a fresh schema + swap) beside a bare keyset read of the same events');
  const bare: { events: number; ms: number }[] = [];
  const runBare = async (label: string) => {
    const r = await bareRead();
    bare.push(r);
    log(`   bare read (${label}): ${fmt(r.events)} events in ${seconds(r.ms)} = ${fmt(r.events / (r.ms / 1000))} ev/s`);
  };
  await runBare('before');
  const progress = progressPrinter();
  const started = performance.now();
  let lastPhase = '';
  const report = await rebuildReadModels({ eventStore: store, db: sql, countEvents }, (p: RebuildProgress) => {
    const line = `   rebuild · ${p.phase.padEnd(8)} ${fmt(p.done).padStart(9)} / ${p.total === null ? '?' : fmt(p.total)} events · ${fmt(p.eventsPerSecond).padStart(6)} ev/s · rows ${fmt(p.rowsWritten)} · ${seconds(performance.now() - started)}`;
    progress(line, p.phase !== lastPhase && p.phase !== 'reading');
    lastPhase = p.phase;
  });
  const ms = performance.now() - started;
  log(
    `   rebuild: ${fmt(report.events)} events → ${fmt(report.rows)} rows in ${seconds(ms)} = ${fmt(report.events / (ms / 1000))} ev/s (checkpoint ${report.checkpoint})`,
  );
  await runBare('after');
  return { bare, rebuild: { events: report.events, rows: report.rows, ms } };
}

// ---------------------------------------------------------------------------------------------------------
// 3. Lag under a fixed command rate

interface LagFigures {
  readonly path: string;
  readonly offered: number;
  readonly achieved: number;
  readonly completed: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly dropped: number;
  readonly lag: Float64Array;
  readonly visible: Float64Array;
  readonly command: Float64Array;
  readonly uncovered: number;
  readonly batches: number;
  readonly batchEvents: number;
}

interface AppendSeen {
  readonly position: LogPosition;
  readonly at: number;
  readonly measured: boolean;
}

/** Records when each append returned and when the projector's checkpoint (and a bare reader) first covered it. */
class LagRecorder {
  private pendingProjector: AppendSeen[] = [];
  private pendingVisible: AppendSeen[] = [];
  readonly lag: number[] = [];
  readonly visible: number[] = [];
  batches = 0;
  batchEvents = 0;
  measuring = false;

  appended(position: LogPosition): void {
    const seen = { position, at: performance.now(), measured: this.measuring };
    this.pendingProjector.push(seen);
    this.pendingVisible.push(seen);
  }

  checkpoint(moved: CheckpointMoved): void {
    const now = performance.now();
    this.batches += 1;
    this.batchEvents += moved.applied;
    this.pendingProjector = this.cover(this.pendingProjector, moved.position, now, this.lag);
  }

  visibleUpTo(position: LogPosition): void {
    this.pendingVisible = this.cover(this.pendingVisible, position, performance.now(), this.visible);
  }

  private cover(pending: AppendSeen[], position: LogPosition, now: number, into: number[]): AppendSeen[] {
    const left: AppendSeen[] = [];
    for (const seen of pending) {
      if (comparePositions(seen.position, position) <= 0) {
        if (seen.measured) into.push(now - seen.at);
      } else left.push(seen);
    }
    return left;
  }

  get uncovered(): number {
    return this.pendingProjector.filter((s) => s.measured).length;
  }

  get settled(): boolean {
    return this.pendingProjector.length === 0 && this.pendingVisible.length === 0;
  }
}

/** A reader that only asks which events any reader may see yet (the event store's own visibility rule). */
function visibilityFollower(recorder: LagRecorder, from: LogPosition | null): { stop(): Promise<void> } {
  const client = new Client({ connectionString: benchUrl });
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    let position = from;
    while (!stopped) {
      const { rows } = position
        ? await client.query({
            name: 'visible_from',
            text: `SELECT transaction_id::text AS tx, position::text AS position FROM events
                   WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AND (transaction_id, position) > ($1::text::xid8, $2::bigint)
                   ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1`,
            values: [position.commit.toString(), position.prepare.toString()],
          })
        : await client.query(`SELECT transaction_id::text AS tx, position::text AS position FROM events
                              WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1`);
      if (rows.length > 0) {
        position = { commit: BigInt(rows[0].tx), prepare: BigInt(rows[0].position) };
        recorder.visibleUpTo(position);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Where the load's commands go: the API's handlers, or the decider + the event store. */
interface CommandPath {
  readonly name: 'api' | 'store';
  readonly description: string;
  execute(target: LedgerBranch, key: string): Promise<void>;
}

/** Open loop: command k is due at start + k / rate, whatever happened to the ones before it (at most MAX_IN_FLIGHT wait). */
async function driveLoad(ledger: Ledger, path: CommandPath, recorder: LagRecorder, follower: { stop(): Promise<void> }): Promise<LagFigures> {
  const commandTimes: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let completed = 0;
  let dropped = 0;
  let issued = 0;
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const measureFrom = start + LAG_WARMUP * 1000;
  const stopAt = measureFrom + LAG_SECONDS * 1000;
  const targets = ledger.branches;
  let cursor = 0;
  const progress = progressPrinter();
  const pick = (): { target: LedgerBranch; key: string } | null => {
    for (let tries = 0; tries < 50; tries += 1) {
      const target = targets[Math.floor(Math.random() * targets.length)];
      if (busy.has(target.branchId) || target.keys.length === 0) continue;
      const [key] = target.keys.splice(Math.floor(Math.random() * target.keys.length), 1);
      return { target, key };
    }
    for (; cursor < targets.length; cursor += 1) {
      const target = targets[cursor];
      if (!busy.has(target.branchId) && target.keys.length > 0) return { target, key: target.keys.pop() as string };
    }
    cursor = 0;
    return null;
  };
  while (performance.now() < stopAt) {
    const now = performance.now();
    recorder.measuring = now >= measureFrom;
    const due = Math.floor(((now - start) / 1000) * lagRate);
    while (issued < due) {
      issued += 1;
      const job = inFlight.size < MAX_IN_FLIGHT ? pick() : null;
      if (!job) {
        if (recorder.measuring) dropped += 1;
        continue;
      }
      const measured = recorder.measuring;
      const t0 = performance.now();
      busy.add(job.target.branchId);
      const promise: Promise<void> = path
        .execute(job.target, job.key)
        .then(
          () => {
            const t1 = performance.now();
            if (measured && t1 <= stopAt) {
              completed += 1;
              commandTimes.push(t1 - t0);
            }
          },
          (error: unknown) => {
            if (!measured) return;
            errors += 1;
            if (errorSamples.length < 5)
              errorSamples.push(`${job.target.branchId} ${job.key}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
          },
        )
        .finally(() => {
          busy.delete(job.target.branchId);
          inFlight.delete(promise);
        });
      inFlight.add(promise);
    }
    const elapsed = (performance.now() - start) / 1000;
    progress(
      `   ${path.name} · ${elapsed < LAG_WARMUP ? 'warm-up ' : 'measured'} ${fmt(elapsed, 0).padStart(3)} s · issued ${fmt(issued)} · in flight ${fmt(inFlight.size)} · completed ${fmt(completed)} · projector batches ${fmt(recorder.batches)} · lag samples ${fmt(recorder.lag.length)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  recorder.measuring = false;
  progress(`   ${path.name} · load stopped after ${fmt(issued)} commands; waiting for ${fmt(inFlight.size)} in flight and the projector`, true);
  const drainFrom = performance.now();
  while (inFlight.size > 0 && performance.now() - drainFrom < DRAIN_MS) await new Promise((resolve) => setTimeout(resolve, 20));
  const abandoned = inFlight.size;
  if (abandoned > 0) log(`   ${path.name} · ${fmt(abandoned)} commands still running after ${seconds(DRAIN_MS)}: not waited for`);
  const settleFrom = performance.now();
  while (!recorder.settled && performance.now() - settleFrom < DRAIN_MS) await new Promise((resolve) => setTimeout(resolve, 20));
  await follower.stop();
  return {
    path: path.description,
    offered: lagRate,
    achieved: completed / LAG_SECONDS,
    completed,
    errors,
    errorSamples,
    dropped,
    lag: sortedOf(recorder.lag),
    visible: sortedOf(recorder.visible),
    command: sortedOf(commandTimes),
    uncovered: recorder.uncovered,
    batches: recorder.batches,
    batchEvents: recorder.batchEvents,
  };
}

interface LagPhase {
  /** The API's command handlers at the offered rate (null with --command-path store). */
  readonly api: LagFigures | null;
  /** Decided events appended through the event store: measured when the API path could not carry the rate. */
  readonly store: LagFigures | null;
}

async function lagUnderLoad(ledger: Ledger, store: PostgresEventStore, sql: SqlDatabase, today: IsoDate): Promise<LagPhase> {
  const available = ledger.branches.reduce((n, t) => n + t.keys.length, 0);
  const runs = COMMAND_PATH === 'api' ? 2 : 1;
  const needed = LAG_RATE * (LAG_SECONDS + LAG_WARMUP) * runs;
  if (available < needed && !args.has('lag-rate')) lagRate = Math.max(1, Math.floor(available / ((LAG_SECONDS + LAG_WARMUP) * runs)));
  log(
    `3. Projection lag at ${fmt(lagRate)} task completions/s (${LAG_WARMUP} s warm-up + ${LAG_SECONDS} s measured); ${fmt(available)} open instances to complete${
      lagRate < LAG_RATE
        ? ` (too few for ${fmt(LAG_RATE)}/s in this small city: the offered rate is lowered)`
        : available < needed
          ? ` (fewer than the ${fmt(needed)} the run may need)`
          : ''
    }`,
  );
  let recorder = new LagRecorder();
  let appendStore: EventStore = store;
  let onCheckpoint: (listener: (moved: CheckpointMoved) => void) => void;
  let stopProjector: () => Promise<void>;
  let projectorName: string;
  let apiPath: CommandPath | null = null;
  const revisions = new Map(ledger.branches.map((b) => [b.streamId, b.revision]));
  if (COMMAND_PATH === 'api') {
    dataDir = mkdtempSync(join(os.tmpdir(), 'cl-projbench-'));
    process.env.DATABASE_URL = benchUrl; // the read-model pool is sized as in a DATABASE_URL deployment
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: benchUrl,
      DATA_DIR: dataDir,
      PORT: '0',
      PASSWORD_HASH_COST: '1024',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    });
    const app: INestApplication = await createApp(config);
    await app.init();
    closers.push(() => app.close());
    const apiStore = app.get<PostgresEventStore>(EVENT_STORE);
    const append = apiStore.append.bind(apiStore);
    apiStore.append = async (streamId, events, options) => {
      const result = await append(streamId, events, options);
      recorder.appended(result.logPosition);
      revisions.set(streamId, result.nextRevision);
      return result;
    };
    appendStore = apiStore;
    // An API that has been serving requests holds the streams it writes folded (AggregateStore's cache, least recently
    // used first out): every branch's work, then every unit's organisation and plan (the most used, so loaded last).
    const warmStarted = performance.now();
    const aggregates = app.get(AggregateStore);
    const warmProgress = progressPrinter();
    for (const [i, branch] of ledger.branches.entries()) {
      await aggregates.load(branch.streamId, branchWorkDecider);
      warmProgress(`   warming the API's aggregate cache: ${fmt(i + 1)} / ${fmt(ledger.branches.length)} branch streams`);
    }
    for (const unit of ledger.units) {
      await aggregates.load(organisationStream(unit.unitId), organisationDecider);
      await aggregates.load(campaignStream(unit.campaignId), campaignDecider);
    }
    warmProgress(
      `   API started; its aggregate cache warmed with ${fmt(ledger.branches.length)} branch streams and ${fmt(ledger.units.length)} units' organisation and plan in ${seconds(performance.now() - warmStarted)}`,
      true,
    );
    const bus = app.get(CommandBus);
    const readModels = app.get(ReadModelsService);
    onCheckpoint = (listener) => void readModels.checkpoints.subscribe(listener);
    stopProjector = async () => undefined; // closed with the app
    projectorName = `the API's ReadModelsService, PROJECTOR=${config.projector}`;
    apiPath = {
      name: 'api',
      description: 'the API in-process: CommandBus → CompleteTaskHandler → BranchWorkWriter → AggregateStore → PostgresEventStore (no HTTP)',
      async execute(target, key) {
        const principal = {
          accountId: `sec-${target.branchId}`,
          username: `sec-${target.branchId}`,
          role: 'secretary' as const,
          unitId: target.unitId,
          branchId: target.branchId,
        };
        await bus.execute(
          new CompleteTaskCommand(principal, target.campaignId, target.branchId, key, { note: '已按要求完成（基准测试）', completedOn: today, files: [] }),
        );
      },
    };
  } else {
    const projector = new Projector({ eventStore: store, db: sql, leaseTtlMs: 10_000 });
    onCheckpoint = (listener) => void projector.onCheckpoint(listener);
    await projector.start();
    stopProjector = () => projector.stop();
    projectorName = 'new Projector({ eventStore, db, leaseTtlMs: 10_000 }), as ReadModelsService builds it';
  }
  onCheckpoint((moved) => recorder.checkpoint(moved));
  const storePath: CommandPath = {
    name: 'store',
    description: "branchWorkDecider.decide (the plan and the branch roster held by the load generator) → PostgresEventStore.append at the stream's revision",
    async execute(target, key) {
      const { plan } = target;
      // The instance is open, so the branch's other work cannot change the decision: the decider gets an empty state.
      const events = branchWorkDecider.decide(
        {
          type: 'CompleteTaskInstance',
          data: {
            campaignId: target.campaignId,
            branchId: target.branchId,
            instanceKey: key,
            note: '已按要求完成（基准测试）',
            evidence: [],
            completedOn: today,
            by: `sec-${target.branchId}`,
          },
        },
        branchWorkDecider.initialState(),
        { plan, roster: target.roster },
      );
      const revision = revisions.get(target.streamId) ?? -1;
      const result = await appendStore.append(target.streamId, events, {
        expectedRevision: revision < 0 ? 'no_stream' : revision,
        metadata: { actor: { id: `sec-${target.branchId}`, role: 'secretary' } },
      });
      if (appendStore === store) recorder.appended(result.logPosition);
      revisions.set(target.streamId, result.nextRevision);
    },
  };

  // The projector first catches up with the log as the rebuild left it.
  const caughtUp = performance.now();
  const head = await lastPosition(sql);
  while (head) {
    const checkpoint = await readCheckpoint(sql);
    if (checkpoint && checkpoint.commit_pos === head.commit.toString() && checkpoint.prepare_pos === head.prepare.toString()) break;
    if (performance.now() - caughtUp > 120_000) throw new Error('the projector did not reach the end of the log within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log(`   projector (${projectorName}) at the end of the log (${head ? formatPosition(head) : 'empty log'}) after ${seconds(performance.now() - caughtUp)}`);

  let api: LagFigures | null = null;
  let viaStore: LagFigures | null = null;
  if (apiPath) {
    api = await driveLoad(ledger, apiPath, recorder, visibilityFollower(recorder, await lastPosition(sql)));
    reportLoad(api);
    if (api.achieved < MIN_RATE_SHARE * lagRate) {
      log(
        `   the API path carried ${fmt(api.achieved)} of ${fmt(lagRate)} commands/s: the projection lag is measured again with the decided events appended through the event store`,
      );
    }
  }
  if (!api || api.achieved < MIN_RATE_SHARE * lagRate) {
    recorder = new LagRecorder();
    viaStore = await driveLoad(ledger, storePath, recorder, visibilityFollower(recorder, await lastPosition(sql)));
    reportLoad(viaStore);
  }
  await stopProjector();
  if (COMMAND_PATH === 'api') await closers.pop()?.();
  return { api, store: viaStore };
}

function reportLoad(run: LagFigures): void {
  log(
    `   commands: ${fmt(run.completed)} completed in the ${LAG_SECONDS} s window = ${fmt(run.achieved)}/s (offered ${fmt(run.offered)}/s), ${fmt(run.errors)} errors, ${fmt(run.dropped)} not issued (${fmt(MAX_IN_FLIGHT)} already in flight, or no open instance on a free branch)`,
  );
  for (const sample of run.errorSamples) log(`     error: ${sample}`);
  log(`   command latency     p50 ${ms(percentile(run.command, 50))} · p95 ${ms(percentile(run.command, 95))} · p99 ${ms(percentile(run.command, 99))}`);
  log(`   visible to a reader p50 ${ms(percentile(run.visible, 50))} · p95 ${ms(percentile(run.visible, 95))} · p99 ${ms(percentile(run.visible, 99))}`);
  log(
    `   projection lag      p50 ${ms(percentile(run.lag, 50))} · p95 ${ms(percentile(run.lag, 95))} · p99 ${ms(percentile(run.lag, 99))} · max ${ms(run.lag[run.lag.length - 1] ?? NaN)} over ${fmt(run.lag.length)} appends${run.uncovered ? `; ${fmt(run.uncovered)} never covered` : ''}`,
  );
  log(`   projector: ${fmt(run.batches)} batches, ${fmt(run.batchEvents / Math.max(1, run.batches), 1)} events per batch`);
  log(`   path: ${run.path}`);
}

async function lastPosition(sql: SqlDatabase): Promise<LogPosition | null> {
  const { rows } = await sql.query<{ tx: string; position: string }>(
    'SELECT transaction_id::text AS tx, position::text AS position FROM events ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1',
  );
  return rows[0] ? { commit: BigInt(rows[0].tx), prepare: BigInt(rows[0].position) } : null;
}

// ---------------------------------------------------------------------------------------------------------
// 4. Queries

interface QueryFigures {
  readonly overview: Float64Array;
  readonly dashboard: Float64Array;
  readonly baseline: Float64Array;
}

async function queryLatency(ledger: Ledger, source: ReadModelSource, today: IsoDate): Promise<QueryFigures> {
  log(`4. Query latency over databaseSource (${fmt(QUERIES)} iterations each, random campaigns and branches, asOf ${today})`);
  const random = Math.random;
  const unitOf = () => ledger.units[Math.floor(random() * ledger.units.length)];
  const branchOf = () => ledger.branches[Math.floor(random() * ledger.branches.length)];
  const overview: number[] = [];
  const dashboard: number[] = [];
  const baseline: number[] = [];
  const time = async (into: number[] | null, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    into?.push(performance.now() - t0);
  };
  for (let i = 0; i < 10; i += 1) {
    await time(null, () => campaignOverview(source, unitOf().campaignId, { asOf: today }));
    const b = branchOf();
    await time(null, () => branchDashboard(source, b.campaignId, b.branchId, { asOf: today }));
  }
  const progress = progressPrinter();
  for (let i = 0; i < QUERIES; i += 1) {
    const unit = unitOf();
    await time(baseline, () => source.rows('campaign', { campaign_id: unit.campaignId }));
    await time(overview, () => campaignOverview(source, unit.campaignId, { asOf: today }));
    const b = branchOf();
    await time(dashboard, () => branchDashboard(source, b.campaignId, b.branchId, { asOf: today }));
    progress(`   ${fmt(i + 1)} / ${fmt(QUERIES)}`);
  }
  progress(`   ${fmt(QUERIES)} iterations done`, true);
  const figures = { overview: sortedOf(overview), dashboard: sortedOf(dashboard), baseline: sortedOf(baseline) };
  for (const [name, values] of Object.entries(figures)) {
    log(
      `   ${name.padEnd(9)} p50 ${fmt(percentile(values, 50), 1)} ms · p95 ${fmt(percentile(values, 95), 1)} ms · p99 ${fmt(percentile(values, 99), 1)} ms · max ${fmt(values[values.length - 1], 1)} ms`,
    );
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// 5. As-of: the state of a campaign at a moment, replayed from the log

interface AsOfFigures {
  /** libs/audit stateAsOf(store, campaign, now): the whole log read, the campaign's events folded, four queries. */
  readonly stateAsOf: { readonly ms: number; readonly eventsRead: number; readonly eventsReplayed: number };
  /** The real CLI, `ledger as-of <campaign> --at <now>`, in a child process on this database: wall time and what it printed. */
  readonly cli: { readonly ms: number; readonly printed: string };
  /** Every event folded (projectInMemory, page by page) + campaignOverview over snapshotSource. */
  readonly fullReplay: { readonly ms: number; readonly events: number; readonly readMs: number; readonly foldMs: number };
}

async function asOfReplay(ledger: Ledger, store: EventStore, today: IsoDate): Promise<AsOfFigures> {
  log('5. As-of: stateAsOf (libs/audit) for a random campaign as of now, and a full in-memory replay of every event');
  const campaignId = ledger.units[Math.floor(Math.random() * ledger.units.length)].campaignId;
  const asOfStarted = performance.now();
  const state = await stateAsOf(store, campaignId, new Date());
  const asOfMs = performance.now() - asOfStarted;
  log(
    `   stateAsOf(${campaignId}, now): ${fmt(state.eventsRead)} events read, ${fmt(state.eventsReplayed)} folded, overview + weekly + overdue + ranking in ${seconds(asOfMs)}`,
  );
  const cli = await ledgerAsOf(campaignId, new Date().toISOString());
  log(`   ledger as-of ${campaignId} --at now (a child process, start-up included): ${seconds(cli.ms)}; it printed "${cli.printed}"`);

  const started = performance.now();
  const rows = new MemoryRows();
  let from: LogPosition | null = null;
  let events = 0;
  let readMs = 0;
  let foldMs = 0;
  for (;;) {
    const t0 = performance.now();
    const page = await store.readAll({ from, maxCount: PAGE });
    const t1 = performance.now();
    projectInMemory(page, rows);
    foldMs += performance.now() - t1;
    readMs += t1 - t0;
    events += page.length;
    if (page.length < PAGE) break;
    from = page[page.length - 1].logPosition;
  }
  await campaignOverview(snapshotSource({ rows }), campaignId, { asOf: today });
  const ms = performance.now() - started;
  log(
    `   full replay: ${fmt(events)} events, read ${seconds(readMs)} + fold ${seconds(foldMs)} + overview = ${seconds(ms)} (heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`,
  );
  return { stateAsOf: { ms: asOfMs, eventsRead: state.eventsRead, eventsReplayed: state.eventsReplayed }, cli, fullReplay: { ms, events, readMs, foldMs } };
}

/** Runs the built CLI (apps/cli/bin/ledger.js) as a user would, against the bench database. */
function ledgerAsOf(campaignId: string, at: string): Promise<{ ms: number; printed: string }> {
  const bin = join(__dirname, '../../../apps/cli/bin/ledger.js');
  const env = { ...process.env, EVENT_STORE: 'postgres', DATABASE_URL: benchUrl };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=4096', bin, 'as-of', campaignId, '--at', at],
      { env, maxBuffer: 64 * 2 ** 20 },
      (error, _stdout, stderr) => {
        const ms = performance.now() - started;
        if (error) return reject(new Error(`ledger as-of failed: ${error.message}\n${stderr}`));
        const printed =
          stderr
            .split('\n')
            .filter((line) => line.startsWith('as-of:'))
            .pop() ?? '(no timing line)';
        resolve({ ms, printed });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Report

interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly result: 'PASS' | 'MISSED' | 'info';
}

function table(rows: Row[]): string {
  const header = ['figure', 'measured', 'baseline (same run)', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.figure, r.measured, r.baseline, r.ratio, r.target, r.result]);
  const all = [header, ...cells];
  const widths = header.map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const right = new Set([1, 3]);
  const render = (c: string[]) => `| ${c.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [render(header), rule, ...cells.map(render)].join('\n');
}

const verdict = (ok: boolean): 'PASS' | 'MISSED' => (ok ? 'PASS' : 'MISSED');
const ms = (n: number) => `${fmt(n, n < 100 ? 1 : 0)} ms`;

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const serverVersion = await admin(async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  dbCreated = true;
  const cpus = os.cpus();
  const today = officeToday(systemClock);
  log('Projections benchmark (issue 4) and as-of replay (issue 5)');
  log(`date        ${new Date().toISOString()}`);
  log(
    `machine     ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(`node        ${process.version} (heap limit ${fmt((await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20)} MiB)`);
  log(`postgresql  ${serverVersion} at ${new URL(ADMIN_URL).host}, database ${dbName}`);
  log(
    `city        ${fmt(UNITS)} unit${UNITS === 1 ? '' : 's'} · ${fmt(BRANCHES)} branches · ${fmt(MEMBERS)} members · sdp-2009 in every unit · events target ${fmt(EVENTS_TARGET)} · seed ${SEED}`,
  );
  log(`command     node dist/tools/bench/projections.bench.js ${process.argv.slice(2).join(' ')}`.trimEnd());
  log('');

  const store = await PostgresEventStore.connect(benchUrl, systemClock, { pool: { max: CONCURRENCY + 2 } });
  closers.push(() => store.close());
  const ledger = await generate(store, today);
  const vacuumStarted = performance.now();
  const vacuum = new Client({ connectionString: benchUrl });
  await vacuum.connect();
  await vacuum.query('VACUUM (ANALYZE) events');
  const size = (await vacuum.query(`SELECT count(*)::bigint AS n, pg_size_pretty(pg_total_relation_size('events')) AS size FROM events`)).rows[0];
  await vacuum.end();
  log(`   VACUUM (ANALYZE) events in ${seconds(performance.now() - vacuumStarted)}: ${fmt(Number(size.n))} events, ${size.size} with indexes`);
  log('');

  const dataSource: DataSource = await openReadModelDataSource({ url: benchUrl, poolSize: 4 });
  closers.push(() => dataSource.destroy());
  const sql = typeOrmSql(dataSource);
  const countEvents = async () => Number((await sql.query<{ n: string }>('SELECT count(*)::bigint AS n FROM events')).rows[0].n);
  const rebuild = await rebuildVsBare(store, sql, countEvents);
  log('');
  const lagPhase = await lagUnderLoad(ledger, store, sql, today);
  const lag = (lagPhase.store ?? lagPhase.api) as LagFigures;
  log('');
  const queries = await queryLatency(ledger, databaseSource(sql), today);
  log('');
  const asOf = await asOfReplay(ledger, store, today);
  log('');

  const bareEvents = rebuild.bare.reduce((n, b) => n + b.events, 0);
  const bareRate = bareEvents / (rebuild.bare.reduce((n, b) => n + b.ms, 0) / 1000);
  const rebuildRate = rebuild.rebuild.events / (rebuild.rebuild.ms / 1000);
  const lagP99 = percentile(lag.lag, 99) + (lag.uncovered > 0 ? Infinity : 0);
  const rows: Row[] = [
    {
      figure: `rebuild, ${fmt(rebuild.rebuild.events)} events`,
      measured: `${fmt(rebuildRate)} ev/s`,
      baseline: `bare read ${fmt(bareRate)} ev/s`,
      ratio: `${(rebuildRate / bareRate).toFixed(2)}×`,
      target: `≥ ${TARGET_REBUILD_RATIO}× bare`,
      result: verdict(rebuildRate / bareRate >= TARGET_REBUILD_RATIO),
    },
    {
      figure: 'rebuild rate',
      measured: `${fmt(rebuildRate)} ev/s`,
      baseline: '—',
      ratio: '—',
      target: `≥ ${fmt(TARGET_REBUILD_RATE)} ev/s`,
      result: verdict(rebuildRate >= TARGET_REBUILD_RATE),
    },
    {
      figure: `projection lag p99 (${lagPhase.store ? 'events via the store' : 'API commands'})`,
      measured: ms(lagP99),
      baseline: `visible p99 ${ms(percentile(lag.visible, 99))}`,
      ratio: `${(lagP99 / percentile(lag.visible, 99)).toFixed(1)}×`,
      target: `≤ ${fmt(TARGET_LAG_P99_MS)} ms`,
      result: verdict(lagP99 <= TARGET_LAG_P99_MS && lag.achieved >= MIN_RATE_SHARE * lag.offered),
    },
    ...[lagPhase.api, lagPhase.store]
      .filter((run): run is LagFigures => run !== null)
      .map((run): Row => ({
        figure: `command rate (${run === lagPhase.api ? 'API command path' : 'decided events via the store'})`,
        measured: `${fmt(run.achieved)}/s`,
        baseline: `offered ${fmt(run.offered)}/s`,
        ratio: `${(run.achieved / run.offered).toFixed(2)}×`,
        target: `≥ ${MIN_RATE_SHARE}× offered, 0 errors`,
        result: verdict(run.achieved >= MIN_RATE_SHARE * run.offered && run.errors === 0),
      })),
    {
      figure: 'campaignOverview p95',
      measured: ms(percentile(queries.overview, 95)),
      baseline: `PK read p95 ${ms(percentile(queries.baseline, 95))}`,
      ratio: `${(percentile(queries.overview, 95) / percentile(queries.baseline, 95)).toFixed(1)}×`,
      target: `≤ ${TARGET_QUERY_P95_MS} ms`,
      result: verdict(percentile(queries.overview, 95) <= TARGET_QUERY_P95_MS),
    },
    {
      figure: 'branchDashboard p95',
      measured: ms(percentile(queries.dashboard, 95)),
      baseline: `PK read p95 ${ms(percentile(queries.baseline, 95))}`,
      ratio: `${(percentile(queries.dashboard, 95) / percentile(queries.baseline, 95)).toFixed(1)}×`,
      target: `≤ ${TARGET_QUERY_P95_MS} ms`,
      result: verdict(percentile(queries.dashboard, 95) <= TARGET_QUERY_P95_MS),
    },
    {
      figure: `as-of: stateAsOf, ${fmt(asOf.stateAsOf.eventsRead)} events read`,
      measured: seconds(asOf.stateAsOf.ms),
      baseline: `full rebuild ${seconds(rebuild.rebuild.ms)}`,
      ratio: `${(asOf.stateAsOf.ms / rebuild.rebuild.ms).toFixed(2)}×`,
      target: '— (none set)',
      result: 'info',
    },
    {
      figure: '`ledger as-of` (CLI process, wall)',
      measured: seconds(asOf.cli.ms),
      baseline: `full rebuild ${seconds(rebuild.rebuild.ms)}`,
      ratio: `${(asOf.cli.ms / rebuild.rebuild.ms).toFixed(2)}×`,
      target: '— (none set)',
      result: 'info',
    },
    {
      figure: `as-of: full in-memory replay, ${fmt(asOf.fullReplay.events)} events`,
      measured: seconds(asOf.fullReplay.ms),
      baseline: `full rebuild ${seconds(rebuild.rebuild.ms)}`,
      ratio: `${(asOf.fullReplay.ms / rebuild.rebuild.ms).toFixed(2)}×`,
      target: '— (none set)',
      result: 'info',
    },
  ];
  log(table(rows));
  log('');
  log(
    `Lag: p50 ${ms(percentile(lag.lag, 50))} · p95 ${ms(percentile(lag.lag, 95))} · p99 ${ms(percentile(lag.lag, 99))} (append returned → projector checkpoint covering it, ${fmt(lag.lag.length)} appends in the measured window, at ${fmt(lag.achieved)} commands/s).`,
  );
  if (lagPhase.api)
    log(
      `API command path: ${fmt(lagPhase.api.achieved)} commands/s of ${fmt(lagRate)} offered, latency p50 ${ms(percentile(lagPhase.api.command, 50))} / p99 ${ms(percentile(lagPhase.api.command, 99))}, projection lag p99 ${ms(percentile(lagPhase.api.lag, 99))}.`,
    );
  log(
    `Queries: campaignOverview p50 ${ms(percentile(queries.overview, 50))} / p99 ${ms(percentile(queries.overview, 99))}; branchDashboard p50 ${ms(percentile(queries.dashboard, 50))} / p99 ${ms(percentile(queries.dashboard, 99))}.`,
  );
  const missed = rows.filter((r) => r.result === 'MISSED').map((r) => r.figure);
  log(missed.length === 0 ? 'All targets met.' : `MISSED: ${missed.join('; ')}`);
  log(`peak RSS of the Node process: ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error);
  })
  .finally(() => cleanup().then(() => process.exit()));
