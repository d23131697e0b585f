// Where a 100-event append of our PostgresEventStore spends its time, next to the bare multi-row INSERT.
//   npm run build && node dist/tools/bench/append-profile.js
// Same database rules as the benchmark: a fresh cl_bench_profile_* database, dropped at the end.
// Single writer, sequential, so wall time per append = Node CPU + wire + server.
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { PostgresEventStore, systemClock } from '@campaign-ledger/event-store';
import { preparePending, sealEvents, validateAppend } from '../../libs/event-store/src/lib/prepare';
import { ACTOR, EVENT_TYPE, storedMetadata, taskCompletedPayload } from './payload';

const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.PROFILE_APPENDS ?? 300);
const BATCH = Number(process.env.PROFILE_BATCH ?? 100);
const dbName = `cl_bench_profile_${Date.now()}`;
const url = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

const us = (ms: number, per: number) => `${((ms * 1000) / per).toFixed(1).padStart(8)} µs/event`;

async function timeIt(label: string, runs: number, events: number, fn: (i: number) => unknown): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < runs; i++) await fn(i);
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(64)} ${us(ms, runs * events)}   (${fmt((runs * events * 1000) / ms)} ev/s)`);
  return ms / (runs * events);
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined); // DROP DATABASE ... WITH (FORCE) ends idle connections
  try {
    const captured: { name: string; text: string; values: unknown[] }[] = [];
    const query = pool.query.bind(pool) as (...args: any[]) => any;
    (pool as any).query = (config: any, values?: any) => {
      if (config && typeof config === 'object' && config.name === 'es_append') captured.push({ ...config, values: [...config.values] });
      return query(config, values);
    };
    const store = new PostgresEventStore(pool, systemClock, {});
    await store.init();
    await pool.query(`CREATE TABLE bare_events (position bigserial PRIMARY KEY, stream_id text NOT NULL, revision int NOT NULL,
       type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
    await pool.query('CREATE TABLE events_like (LIKE events INCLUDING ALL)');

    const events = Array.from({ length: BATCH }, () => ({ type: EVENT_TYPE, data: taskCompletedPayload }));
    const options = { expectedRevision: 'no_stream' as const, metadata: { actor: ACTOR, correlationId: 'c-1', causationId: null } };

    console.log(`Profile: ${N} sequential appends of ${BATCH} events (~1.1 KB each), 1 connection, new stream each`);
    console.log('Node-side CPU only (no database):');
    for (let i = 0; i < 50; i++) sealEvents('warm', -1, null, preparePending(events, options, systemClock));
    const tValidate = await timeIt('validateAppend', N, BATCH, () => validateAppend('s', events, options));
    const tPrepare = await timeIt('preparePending (uuid v7 + JSON.parse(JSON.stringify(data)))', N, BATCH, () =>
      preparePending(events, options, systemClock));
    const pending = preparePending(events, options, systemClock);
    const tSeal = await timeIt('sealEvents (canonicalize + sha256 per event)', N, BATCH, (i) => sealEvents(`s-${i}`, -1, null, pending));
    const sealed = sealEvents('s', -1, null, pending);
    const tStringify = await timeIt('JSON.stringify(data) per event for the $9 jsonb[] parameter', N, BATCH, () =>
      sealed.map((e) => JSON.stringify(e.data)));
    const arrays = [sealed.map((e) => e.id), sealed.map((e) => e.type), sealed.map((e) => e.schemaVersion),
      sealed.map((e) => JSON.stringify(e.data)), sealed.map((e) => e.previousHash), sealed.map((e) => e.hash)];
    const tArrays = await timeIt('pg prepareValue of the 6 array parameters (array literal escaping)', N, BATCH, () =>
      arrays.map((a) => prepareValue(a)));
    const meta = storedMetadata('c-1');
    const bareParams = () => {
      const p: unknown[] = [];
      for (let r = 0; r < BATCH; r++) p.push('s', r, EVENT_TYPE, taskCompletedPayload, meta);
      return p;
    };
    const tBareNode = await timeIt('bare: pg prepareValue of 500 params (JSON.stringify objects)', N, BATCH, () =>
      bareParams().map((v) => prepareValue(v)));

    console.log('Round trips (wall, 1 connection):');
    await store.append('warm-up', events, options);
    captured.length = 0;
    const cpu0 = process.cpuUsage();
    const tOurs = await timeIt('ours: store.append (everything)', N, BATCH, (i) => store.append(`ours-${i}`, events, options));
    const cpu = process.cpuUsage(cpu0);
    console.log(`  ${'  Node CPU during store.append (process.cpuUsage)'.padEnd(64)} ${us((cpu.user + cpu.system) / 1000, N * BATCH)}`);
    // Replay the very statements the store sent (same text, same named statement, parameters already serialised)
    // into an emptied table: the wire + server share of an append.
    await pool.query('TRUNCATE events');
    const measured = captured.slice(); // the replays below pass through the same wrapper
    const replays = measured.map((c) => ({ name: c.name, text: c.text, values: c.values.map((v) => prepareValue(v)) }));
    const tReplay = await timeIt('ours: the same es_append statements, pre-serialised (wire+server)', replays.length, BATCH,
      (i) => pool.query(replays[i] as any));
    const bareSql = `INSERT INTO bare_events (stream_id, revision, type, data, metadata) VALUES ${Array.from({ length: BATCH }, (_, r) =>
      `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`).join(', ')}`;
    const bareSerialised = bareParams().map((v) => prepareValue(v));
    const client = await pool.connect();
    const tBare = await timeIt('bare: BEGIN; 100-row INSERT; COMMIT (pre-serialised)', N, BATCH, async () => {
      await client.query('BEGIN');
      await client.query(bareSql, bareSerialised);
      await client.query('COMMIT');
    });
    // Same rows, our table's columns and indexes (4 unique/btree indexes, hashes, uuid), plain multi-row INSERT.
    const likeRows = measured.map((c) => {
      const v = c.values as any[];
      const p: unknown[] = [];
      for (let r = 0; r < v[5].length; r++) {
        p.push(v[0], r, v[5][r], v[6][r], v[7][r], v[8][r], v[4], v[9][r], v[10][r]);
      }
      return p;
    });
    const likeSql = `INSERT INTO events_like (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash) VALUES ${
      Array.from({ length: BATCH }, (_, r) => `(${Array.from({ length: 9 }, (_, k) => `$${r * 9 + k + 1}`).join(', ')})`).join(', ')}`;
    let tLike = Number.NaN;
    try {
      tLike = await timeIt('bare into a copy of our table (same indexes), multi-row INSERT', likeRows.length, BATCH, async (i) => {
        await client.query('BEGIN');
        try {
          await client.query(likeSql, likeRows[i]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      });
    } catch (error) {
      console.log(`  (copy-of-our-table insert failed: ${(error as Error).message})`);
    } finally {
      client.release();
    }
    const nodeSum = tValidate + tPrepare + tSeal + tStringify + tArrays;
    console.log('Split of store.append per event:');
    console.log(`  Node prep (validate+prepare+seal+stringify+array escaping)  ${(nodeSum * 1000).toFixed(1)} µs  = ${((100 * nodeSum) / tOurs).toFixed(0)}%`);
    console.log(`    of which sealEvents (hash chain)                         ${(tSeal * 1000).toFixed(1)} µs  = ${((100 * tSeal) / tOurs).toFixed(0)}%`);
    console.log(`    of which preparePending (JSON round trip, uuid)          ${(tPrepare * 1000).toFixed(1)} µs  = ${((100 * tPrepare) / tOurs).toFixed(0)}%`);
    console.log(`  es_append statement (wire + server)                        ${(tReplay * 1000).toFixed(1)} µs  = ${((100 * tReplay) / tOurs).toFixed(0)}%`);
    console.log(`  total store.append                                         ${(tOurs * 1000).toFixed(1)} µs`);
    console.log(`  bare: ${(tBare * 1000).toFixed(1)} µs server+wire + ${(tBareNode * 1000).toFixed(1)} µs Node; same rows into our table shape: ${(tLike * 1000).toFixed(1)} µs`);
    await store.close();
  } finally {
    await pool.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
