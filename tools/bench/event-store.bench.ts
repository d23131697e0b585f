// Event-store benchmark (issue 2): our PostgresEventStore side by side with bare node-postgres inserts and
// @event-driven-io/emmett-postgresql, on a fresh database that is dropped at the end.
//
//   npm run bench:event-store
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   admin connection (creates/drops the database)
//   BENCH_SECONDS=5            measured seconds per system, per round, per append row
//   BENCH_WARMUP_SECONDS=1     warm-up before each measurement (not counted)
//   BENCH_ROUNDS=2             rounds per row; the systems' order alternates between rounds
//   BENCH_READ_EVENTS=1000000  events read in global order in row 5
//   BENCH_EMMETT_READ=1        0 skips Emmett's (unindexed) global read
//   BENCH_GROUP_COMMIT=on      off opens our store without group commit (to compare)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import type { LogPosition } from '@campaign-ledger/event-store';
import { createOursSystem, type OursSystem } from './ours';
import { EVENT_TYPE, ACTOR, storedMetadata, taskCompletedPayload } from './payload';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 1_000_000);
const EMMETT_READ = process.env.BENCH_EMMETT_READ !== '0';
const PAGE = 1_000;
const WRITERS = 8;

type SystemName = 'ours' | 'bare' | 'emmett';

/** One command handler: owns its streams and knows each one's revision, like a real handler after loading. */
interface Writer {
  append(count: number): Promise<void>;
  /** Gives back a dedicated connection, if the writer holds one. */
  release?(): void;
}

interface AppendSystem {
  readonly name: SystemName;
  writer(tag: string, eventsPerStream: number): Promise<Writer>;
  appended: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : (a / b).toFixed(2));
const log = (line: string) => process.stdout.write(`${line}\n`);
process.stdout.on('error', () => undefined); // a closed pipe (| head) must not stop the cleanup

// ---------------------------------------------------------------------------------------------------------
// Database lifetime

const dbName = `cl_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
const benchUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const closers: (() => Promise<unknown>)[] = [];
let dbCreated = false;
let cleaning: Promise<void> | null = null;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: Parameters<typeof clearTimeout>[0];
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(
      closers.reverse().map((close) =>
        withTimeout(
          close().catch(() => undefined),
          3_000,
        ),
      ),
    );
    if (!dbCreated) return;
    const admin = new Client({ connectionString: ADMIN_URL });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      log(`dropped database ${dbName}`);
    } catch (error) {
      log(`could not drop database ${dbName}: ${(error as Error).message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
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
// The three systems' writers

/** Bare: one connection per writer; BEGIN; INSERT 1 row; COMMIT, or one multi-row INSERT in BEGIN/COMMIT. */
function bareSystem(pool: Pool): AppendSystem {
  const system: AppendSystem = {
    name: 'bare',
    appended: 0,
    async writer(tag, eventsPerStream) {
      const client: PoolClient = await pool.connect();
      const correlationId = randomUUID();
      let streamNo = 0;
      let stream = `bare-${tag}-0`;
      let revision = -1;
      const sqlFor = new Map<number, string>();
      const insertSql = (count: number) => {
        let sql = sqlFor.get(count);
        if (!sql) {
          const rows = Array.from({ length: count }, (_, i) => {
            const p = i * 5;
            return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
          });
          sql = `INSERT INTO bare_events (stream_id, revision, type, data, metadata) VALUES ${rows.join(', ')}`;
          sqlFor.set(count, sql);
        }
        return sql;
      };
      return {
        release: () => client.release(),
        async append(count) {
          if (revision + count >= eventsPerStream) {
            streamNo += 1;
            stream = `bare-${tag}-${streamNo}`;
            revision = -1;
          }
          const metadata = storedMetadata(correlationId);
          const params: unknown[] = [];
          for (let i = 1; i <= count; i++) params.push(stream, revision + i, EVENT_TYPE, taskCompletedPayload, metadata);
          await client.query('BEGIN');
          try {
            await client.query(insertSql(count), params);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
          revision += count;
          system.appended += count;
        },
      };
    },
  };
  return system;
}

type EmmettStore = ReturnType<typeof getPostgreSQLEventStore>;

function emmettSystem(store: EmmettStore): AppendSystem {
  const system: AppendSystem = {
    name: 'emmett',
    appended: 0,
    async writer(tag, eventsPerStream) {
      const correlationId = randomUUID();
      let streamNo = 0;
      let stream = `emmett-${tag}-0`;
      let version = 0n; // Emmett counts events: 0n is an empty stream, n the stream after its n-th event
      return {
        async append(count) {
          if (Number(version) + count > eventsPerStream) {
            streamNo += 1;
            stream = `emmett-${tag}-${streamNo}`;
            version = 0n;
          }
          const metadata = storedMetadata(correlationId);
          const events = Array.from({ length: count }, () => ({ type: EVENT_TYPE, data: taskCompletedPayload, metadata }));
          const result = await store.appendToStream(stream, events, { expectedStreamVersion: version });
          version = result.nextExpectedStreamVersion;
          system.appended += count;
        },
      };
    },
  };
  return system;
}

function oursAppendSystem(ours: OursSystem): AppendSystem {
  const system: AppendSystem = {
    name: 'ours',
    appended: 0,
    async writer(tag, eventsPerStream) {
      const correlationId = randomUUID();
      let streamNo = 0;
      let stream = `ours-${tag}-0`;
      let revision = -1;
      return {
        async append(count) {
          if (revision + count >= eventsPerStream) {
            streamNo += 1;
            stream = `ours-${tag}-${streamNo}`;
            revision = -1;
          }
          const events = Array.from({ length: count }, () => ({ type: EVENT_TYPE, data: taskCompletedPayload }));
          const result = await ours.store.append(stream, events, {
            expectedRevision: revision < 0 ? 'no_stream' : revision,
            metadata: { actor: ACTOR, correlationId, causationId: null },
          });
          revision = result.nextRevision;
          system.appended += count;
        },
      };
    },
  };
  return system;
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

/** Runs every writer in a loop until the deadline; the time includes the appends in flight at the deadline. */
async function runFor(writers: Writer[], count: number, seconds: number): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  let events = 0;
  await Promise.all(
    writers.map(async (writer) => {
      while (performance.now() < stopAt) {
        await writer.append(count);
        events += count;
      }
    }),
  );
  return { events, seconds: (performance.now() - started) / 1000 };
}

interface RowResult {
  readonly label: string;
  readonly kind: 'append' | 'read';
  readonly rates: Record<SystemName, number | null>;
  readonly notes: string[];
}

async function appendRow(
  label: string,
  systems: AppendSystem[],
  writerCount: number,
  count: number,
  eventsPerStream: number,
  rowTag: string,
): Promise<RowResult> {
  const writers = new Map<SystemName, Writer[]>();
  for (const system of systems) {
    writers.set(system.name, await Promise.all(Array.from({ length: writerCount }, (_, i) => system.writer(`${rowTag}-w${i}`, eventsPerStream))));
  }
  const totals = new Map<SystemName, { events: number; seconds: number }>(systems.map((s) => [s.name, { events: 0, seconds: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? systems : [...systems].reverse();
    for (const system of order) {
      const ws = writers.get(system.name) ?? [];
      if (WARMUP_SECONDS > 0) await runFor(ws, count, WARMUP_SECONDS);
      const measured = await runFor(ws, count, SECONDS);
      const total = totals.get(system.name) ?? { events: 0, seconds: 0 };
      total.events += measured.events;
      total.seconds += measured.seconds;
      totals.set(system.name, total);
      log(`  ${label} · round ${round + 1}/${ROUNDS} · ${system.name.padEnd(6)} ${fmt(measured.events / measured.seconds).padStart(9)} ev/s`);
    }
  }
  for (const ws of writers.values()) for (const writer of ws) writer.release?.();
  const rates = { ours: null, bare: null, emmett: null } as Record<SystemName, number | null>;
  for (const [name, total] of totals) rates[name] = total.events / total.seconds;
  return { label, kind: 'append', rates, notes: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Row 5: global read

async function fillOurs(ours: OursSystem, oursSystem: AppendSystem, target: number): Promise<void> {
  const missing = target - (await ours.count());
  if (missing <= 0) {
    log(`  our store already holds ≥ ${fmt(target)} events`);
    return;
  }
  log(`  filling our store with ${fmt(missing)} more events (100-event appends, ${WRITERS} writers, streams of 1,000 events)`);
  const writers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => oursSystem.writer(`fill-w${i}`, 1_000)));
  const started = performance.now();
  let done = 0;
  let lastPrint = started;
  const tty = process.stdout.isTTY;
  const progress = (final = false) => {
    const now = performance.now();
    if (!final && now - lastPrint < (tty ? 500 : 5_000)) return;
    lastPrint = now;
    const line = `  filled ${fmt(done).padStart(9)} / ${fmt(missing)} events · ${fmt(done / ((now - started) / 1000))} ev/s · ${((now - started) / 1000).toFixed(0)} s`;
    if (tty) process.stdout.write(`\r${line}${final ? '\n' : ''}`);
    else log(line);
  };
  let next = 0;
  await Promise.all(
    writers.map(async (writer) => {
      while (next < missing) {
        const count = Math.min(100, missing - next);
        next += count;
        await writer.append(count);
        done += count;
        progress();
      }
    }),
  );
  progress(true);
}

async function timedRead(label: string, read: () => Promise<number>): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  const events = await read();
  const seconds = (performance.now() - started) / 1000;
  log(`  read · ${label.padEnd(6)} ${fmt(events)} events in ${seconds.toFixed(2)} s = ${fmt(events / seconds)} ev/s`);
  return { events, seconds };
}

async function readRow(ours: OursSystem, oursSystem: AppendSystem, pool: Pool, emmettTable: string | null): Promise<RowResult> {
  const label = `5. read ${fmt(READ_EVENTS)} in global order (pages of ${fmt(PAGE)})`;
  const notes: string[] = [];
  let stage = performance.now();
  await fillOurs(ours, oursSystem, READ_EVENTS);
  log(`  our store filled in ${((performance.now() - stage) / 1000).toFixed(1)} s`);

  stage = performance.now();
  await pool.query(
    `CREATE TABLE bare_read (position bigserial PRIMARY KEY, stream_id text NOT NULL, revision int NOT NULL,
       type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`,
  );
  await pool.query(
    `INSERT INTO bare_read (stream_id, revision, type, data, metadata)
     SELECT stream_id, revision, type, data, metadata FROM (${ours.globalOrderSql(READ_EVENTS)}) AS o`,
  );
  log(`  bare_read filled by INSERT ... SELECT from our store in ${((performance.now() - stage) / 1000).toFixed(1)} s`);

  let emmettExecutor: ReturnType<typeof dumbo> | null = null;
  if (emmettTable) {
    stage = performance.now();
    // Emmett's own append path was measured above; for the read, the same events go in with one INSERT ... SELECT.
    await pool.query(
      `INSERT INTO ${emmettTable} (stream_position, transaction_id, stream_id, message_schema_version, message_id,
          message_type, message_data, message_metadata)
       SELECT revision + 1, pg_current_xact_id(), 'read-' || stream_id, '1', gen_random_uuid()::text, type, data, metadata
       FROM (${ours.globalOrderSql(READ_EVENTS)}) AS o`,
    );
    log(`  ${emmettTable} filled by INSERT ... SELECT from our store in ${((performance.now() - stage) / 1000).toFixed(1)} s`);
    emmettExecutor = dumbo({ connectionString: benchUrl });
    const executor = emmettExecutor;
    closers.push(() => executor.close());
  }
  stage = performance.now();
  for (const table of ['bare_read', ...ours.tables, ...(emmettTable ? [emmettTable] : [])]) {
    await pool.query(`VACUUM (ANALYZE) ${table}`);
  }
  log(`  VACUUM (ANALYZE) in ${((performance.now() - stage) / 1000).toFixed(1)} s`);

  const readers: Record<'ours' | 'bare', () => Promise<number>> = {
    ours: async () => {
      let from: LogPosition | null = null;
      let read = 0;
      while (read < READ_EVENTS) {
        const page = await ours.store.readAll({ from, maxCount: Math.min(PAGE, READ_EVENTS - read) });
        if (page.length === 0) break;
        read += page.length;
        from = page[page.length - 1].logPosition;
      }
      return read;
    },
    bare: async () => {
      const client = await pool.connect();
      try {
        let after = '0';
        let read = 0;
        while (read < READ_EVENTS) {
          const { rows } = await client.query(
            'SELECT position, stream_id, revision, type, data, metadata FROM bare_read WHERE position > $1 ORDER BY position LIMIT $2',
            [after, Math.min(PAGE, READ_EVENTS - read)],
          );
          if (rows.length === 0) break;
          read += rows.length;
          after = rows[rows.length - 1].position;
        }
        return read;
      } finally {
        client.release();
      }
    },
  };
  const totals = { ours: { events: 0, seconds: 0 }, bare: { events: 0, seconds: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    const order: ('ours' | 'bare')[] = round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
    for (const name of order) {
      const r = await timedRead(name, readers[name]);
      if (r.events < READ_EVENTS) throw new Error(`${name} read only ${r.events} of ${READ_EVENTS} events`);
      totals[name].events += r.events;
      totals[name].seconds += r.seconds;
    }
  }

  let emmettRate: number | null = null;
  if (emmettExecutor) {
    // No index covers Emmett's global order (its messages table has only the per-stream primary key), so every
    // page is a scan of the whole table plus a top-N sort; the read is capped in time and the rate extrapolated.
    const cap = Math.max(SECONDS, 5) * 2;
    const emmettRows = Number((await pool.query(`SELECT count(*) AS n FROM ${emmettTable}`)).rows[0].n);
    const started = performance.now();
    let after = 0n;
    let read = 0;
    let pages = 0;
    while (read < READ_EVENTS && performance.now() - started < cap * 1000) {
      const batch = await readMessagesBatch(emmettExecutor.execute, { after, batchSize: Math.min(PAGE, READ_EVENTS - read) });
      if (batch.messages.length === 0) break;
      read += batch.messages.length;
      pages += 1;
      after = batch.currentGlobalPosition;
    }
    const seconds = (performance.now() - started) / 1000;
    emmettRate = read / seconds;
    log(
      `  read · emmett ${fmt(read)} events (${pages} pages) in ${seconds.toFixed(2)} s = ${fmt(emmettRate)} ev/s${read < READ_EVENTS ? ' (stopped at the time cap)' : ''}`,
    );
    if (read < READ_EVENTS) {
      notes.push(
        `Emmett read: readMessagesBatch (its consumers' global read) read ${fmt(read)} of ${fmt(READ_EVENTS)} events in ` +
          `${seconds.toFixed(1)} s before the ${cap} s cap; its messages table has no index on (transaction_id, global_position), ` +
          `so each page of ${fmt(PAGE)} scans and sorts the whole table (${fmt(emmettRows)} rows): the full read would take ` +
          `~${(READ_EVENTS / emmettRate / 60).toFixed(1)} min at that rate, and longer as the table grows.`,
      );
    }
  } else {
    notes.push('Emmett read: skipped (BENCH_EMMETT_READ=0).');
  }
  return {
    label,
    kind: 'read',
    rates: {
      ours: totals.ours.events / totals.ours.seconds,
      bare: totals.bare.events / totals.bare.seconds,
      emmett: emmettRate,
    },
    notes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report

function table(rows: RowResult[]): string {
  const header = ['row', 'ours ev/s', 'bare ev/s', 'Emmett ev/s', 'ours/bare', 'Emmett/bare', 'ours/Emmett', 'target', 'result'];
  const lines = rows.map((row) => {
    const { ours, bare, emmett } = row.rates;
    const target = row.kind === 'append' ? 0.8 : 0.7;
    const pass = ours !== null && bare !== null && ours / bare >= target;
    return [
      row.label,
      ours === null ? 'n/a' : fmt(ours),
      bare === null ? 'n/a' : fmt(bare),
      emmett === null ? 'n/a' : fmt(emmett),
      ratio(ours, bare),
      ratio(emmett, bare),
      ratio(ours, emmett),
      `ours/bare ≥ ${target}`,
      pass ? 'PASS' : 'MISS',
    ];
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 || i >= 7 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i >= 7 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const serverVersion = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  await admin.query(`CREATE DATABASE ${dbName}`);
  dbCreated = true;
  await admin.end();

  const cpus = os.cpus();
  log('Event store benchmark (issue 2)');
  log(`date        ${new Date().toISOString()}`);
  log(
    `machine     ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
  );
  log(`node        ${process.version}`);
  log(`postgresql  ${serverVersion} at ${new URL(ADMIN_URL).host}, database ${dbName}`);
  log(
    `payload     ${Buffer.byteLength(JSON.stringify(taskCompletedPayload))} bytes data + ${Buffer.byteLength(JSON.stringify(storedMetadata(randomUUID())))} bytes metadata (jsonb), type ${EVENT_TYPE}`,
  );
  log(`settings    ${SECONDS} s measured + ${WARMUP_SECONDS} s warm-up per system, ${ROUNDS} rounds (order alternates), ${fmt(READ_EVENTS)} events read`);
  log('');

  const pool = new Pool({ connectionString: benchUrl, max: WRITERS + 2 });
  closers.push(() => pool.end());
  await pool.query(
    `CREATE TABLE bare_events (position bigserial PRIMARY KEY, stream_id text NOT NULL, revision int NOT NULL,
       type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`,
  );

  const ours = await createOursSystem(benchUrl, WRITERS + 2);
  closers.push(() => ours.close());

  const emmettStore = getPostgreSQLEventStore(benchUrl);
  closers.push(() => emmettStore.close());
  await emmettStore.schema.migrate();
  const emmettTable = 'emt_messages';

  const oursSystem = oursAppendSystem(ours);
  const systems = [oursSystem, bareSystem(pool), emmettSystem(emmettStore)];

  // Warm-up before the first row: JIT, prepared statements, connections, the first pages of each table.
  log('Warm-up');
  for (const system of systems) {
    const single = await system.writer('warm-single', 100);
    await runFor([single], 1, Math.max(2 * WARMUP_SECONDS, 1));
    const batch = await system.writer('warm-batch', 1_000);
    await runFor([batch], 100, Math.max(WARMUP_SECONDS, 0.5));
    single.release?.();
    batch.release?.();
  }
  log('');
  const rows: RowResult[] = [];
  log('Appends');
  rows.push(await appendRow('1. 1 event/append, 1 writer', systems, 1, 1, 100, 'r1'));
  rows.push(await appendRow(`2. 1 event/append, ${WRITERS} writers`, systems, WRITERS, 1, 100, 'r2'));
  rows.push(await appendRow('3. 100 events/append, 1 writer', systems, 1, 100, 1_000, 'r3'));
  rows.push(await appendRow(`4. 100 events/append, ${WRITERS} writers`, systems, WRITERS, 100, 1_000, 'r4'));
  log('');
  log('Global read');
  rows.push(await readRow(ours, oursSystem, pool, EMMETT_READ ? emmettTable : null));

  log('');
  log(table(rows));
  log('');
  log(`Rates: total events / total measured time over ${ROUNDS} rounds. Append rows: each writer appends to its own streams with`);
  log('the expected revision (ours: number; Emmett: expectedStreamVersion); bare checks nothing. ours/bare targets: ≥ 0.8 appends, ≥ 0.7 read.');
  for (const row of rows) for (const note of row.notes) log(note);
  log(`peak RSS of the Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main()
  .catch((error) => {
    process.exitCode = 1;
    console.error(error);
  })
  .finally(() => cleanup());
