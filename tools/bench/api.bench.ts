// API benchmark (issue 3): the real API completing task instances over HTTP, beside a bare NestJS endpoint that does
// one INSERT of the same payload, on a fresh PostgreSQL database that is dropped at the end; and the same API on the
// embedded default (`npm start` without DATABASE_URL: PGlite, one session behind its socket) with the same commands,
// plus a read workload (the campaign overview and branch dashboards) on both databases.
//
//   npm run bench:api
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   admin connection (creates/drops the database)
//   BENCH_SECONDS=30        measured seconds per system, split over the rounds
//   BENCH_ROUNDS=3          alternating rounds (ours, bare, ours, bare …): drift on a noisy machine hits both alike
//   BENCH_WARMUP_SECONDS=3  warm-up before each round (not counted)
//   BENCH_FIRST_WARMUP_SECONDS=10  warm-up before each system's first round: a fresh process runs its first few
//                           thousand requests unoptimised by V8 (ours measured 3.7–4.6 ms CPU per command in its first
//                           5 s against 1.3–1.4 ms later; the bare route, with far less code, is warm within a second)
//   BENCH_CLIENTS=32        concurrent keep-alive HTTP clients
//   BENCH_BRANCHES=1000     branches in the organisation (one secretary account each)
//   BENCH_MEMBERS=8         members per branch (enough instances for three rounds of a fast run)
//   BENCH_ONLY=ours|embedded|bare  run one system only (e.g. under --cpu-prof)
//   BENCH_EMBEDDED=0        leave out the embedded default
import 'reflect-metadata';
import http from 'node:http';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Body, Controller, Inject, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import {
  addDays,
  branchWorkDecider,
  campaignDecider,
  campaignStream,
  expandInstances,
  findBuiltinTemplate,
  mondayOf,
  organisationDecider,
  organisationStream,
  rosterOn,
  type CampaignCommand,
  type Decider,
  type Message,
  type OrganisationCommand,
  type OrganisationState,
  type PlannedCampaign,
  type Role,
} from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { AccountsService } from '../../apps/api/src/auth/accounts.service';
import { TokenIssuer } from '../../apps/api/src/auth/token-issuer';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type Storage } from '@campaign-ledger/runtime';
import { EVENT_STORE, STORAGE } from '../../apps/api/src/infrastructure/tokens';
import { ReadModelsService } from '../../apps/api/src/read-models/read-models.service';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const FIRST_WARMUP_SECONDS = Number(process.env.BENCH_FIRST_WARMUP_SECONDS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 1000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 8);
const ONLY = process.env.BENCH_ONLY ?? '';
const EMBEDDED = process.env.BENCH_EMBEDDED !== '0';
const UNIT = 'bench-unit';
const CAMPAIGN = 'bench-sdp-2009';
const SEED_BATCH = 2_000;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;

const log = (line: string) => process.stdout.write(`${line}\n`);
process.stdout.on('error', () => undefined);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------------------------------------------------
// Database lifetime

const dbName = `cl_apibench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
const benchUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const closers: (() => Promise<unknown>)[] = [];

/** One connection for `fn`: to the admin database (creates/drops the bench database) or to the bench database itself. */
async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const admin = <T>(fn: (client: Client) => Promise<T>) => withClient(ADMIN_URL, fn);
const bench = <T>(fn: (client: Client) => Promise<T>) => withClient(benchUrl, fn);

// ---------------------------------------------------------------------------------------------------------
// Load generator: keep-alive HTTP, each client owns its branches and never sends the same instance twice.

interface Job {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly token: string;
  readonly body?: string;
}

/** A client's jobs: a list used up as it goes (commands), or endless (reads). */
interface JobSource {
  shift(): Job | undefined;
}

const endless = (jobs: readonly Job[]): JobSource => {
  let next = 0;
  return { shift: () => jobs[next++ % jobs.length] };
};

interface RunResult {
  readonly completed: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly latencies: Float64Array;
  readonly seconds: number;
  readonly exhausted: number;
  /** CPU time of the whole process (both apps, the load clients, the projector thread) in the measured window. */
  readonly cpuMs: number;
}

function send(agent: http.Agent, port: number, job: Job): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = { Authorization: `Bearer ${job.token}` };
    if (job.body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(job.body) });
    const req = http.request({ host: '127.0.0.1', port, method: job.method, path: job.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ status: -1, text: e.message }));
    });
    req.on('error', (e) => resolve({ status: -1, text: e.message }));
    req.end(job.body);
  });
}

/**
 * Runs `queues.length` clients for warm-up + measured time; only requests finished in the window count. Jobs are taken
 * off the queues, so a later round goes on where this one stopped.
 */
async function drive(label: string, port: number, queues: readonly JobSource[], seconds: number, warmupSeconds: number): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: queues.length, maxFreeSockets: queues.length });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let completed = 0;
  let errors = 0;
  let exhausted = 0;
  const start = performance.now();
  const measureFrom = start + warmupSeconds * 1000;
  const stopAt = measureFrom + seconds * 1000;
  const progress = setInterval(() => {
    if (!process.stdout.isTTY) return;
    const now = performance.now();
    const phase = now < measureFrom ? 'warm-up' : `${fmt((now - measureFrom) / 1000)} s`;
    process.stdout.write(`\r  ${label}: ${phase}, ${fmt(completed)} done, ${errors} errors    `);
  }, 1000);
  // At the end of the window, requests still in flight are cut off (and not counted), so a slow system cannot
  // stretch the run.
  const cutOff = setTimeout(() => agent.destroy(), stopAt - start + 50);
  // CPU of this whole process (servers, load clients, our projector thread) over the measured window.
  let cpuFrom: NodeJS.CpuUsage | undefined;
  let cpuUsed: NodeJS.CpuUsage | undefined;
  const cpuStart = setTimeout(() => (cpuFrom = process.cpuUsage()), measureFrom - start);
  const cpuStop = setTimeout(() => (cpuUsed = process.cpuUsage(cpuFrom)), stopAt - start);
  await Promise.all(
    queues.map(async (queue) => {
      while (performance.now() < stopAt) {
        const job = queue.shift();
        if (!job) {
          exhausted += 1;
          return;
        }
        const t0 = performance.now();
        const response = await send(agent, port, job);
        const t1 = performance.now();
        // Counted when it finishes inside the window (a slow system still shows its rate); cut off at the end.
        if (t1 < measureFrom || t1 > stopAt) continue;
        if (response.status >= 200 && response.status < 300) {
          completed += 1;
          latencies.push(t1 - t0);
        } else {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`${response.status} ${job.path} ${response.text.slice(0, 300)}`);
        }
      }
    }),
  );
  clearInterval(progress);
  clearTimeout(cutOff);
  clearTimeout(cpuStart);
  clearTimeout(cpuStop);
  const cpuMs = cpuUsed ? (cpuUsed.user + cpuUsed.system) / 1000 : NaN;
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  agent.destroy();
  return { completed, errors, errorSamples, latencies: Float64Array.from(latencies).sort(), seconds, exhausted, cpuMs };
}

/** Process CPU per completed command: steadier than the rate on a noisy machine (it does not count time waited). */
const cpuPerCommand = (r: RunResult) => (r.completed && !Number.isNaN(r.cpuMs) ? fmt(r.cpuMs / r.completed, 2) : 'n/a');

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

// ---------------------------------------------------------------------------------------------------------
// Ours: the real API on the bench database (or on the embedded default), seeded through the domain deciders.

function run<C, S, E extends Message, X>(decider: Decider<C, S, E, X>, commands: C[], initial = decider.initialState()) {
  let state = initial;
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state, undefined as X)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return { state, events };
}

async function appendInBatches(store: EventStore, streamId: string, events: Message[], label: string) {
  let revision = -1;
  for (let i = 0; i < events.length; i += SEED_BATCH) {
    const batch = events.slice(i, i + SEED_BATCH);
    const result = await store.append(streamId, batch, {
      expectedRevision: revision < 0 ? 'no_stream' : revision,
      metadata: { actor: { id: 'bench-seed', role: 'system' } },
    });
    revision = result.nextRevision;
    if (process.stdout.isTTY) process.stdout.write(`\r  seeding ${label}: ${fmt(Math.min(i + SEED_BATCH, events.length))}/${fmt(events.length)} events`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  else log(`  seeded ${label}: ${fmt(events.length)} events in batches of ${fmt(SEED_BATCH)}`);
}

const branchIdOf = (i: number) => `B${String(i + 1).padStart(4, '0')}`;

type OursDatabase = 'postgres' | 'embedded';

interface Ours {
  readonly app: INestApplication;
  readonly port: number;
  /** Each client's completions, used up as they go. */
  readonly queues: Job[][];
  /** Each client's reads, endless: the campaign overview and a branch dashboard in turn, as the leading group. */
  readonly reads: JobSource[];
  readonly seedInfo: string;
}

/**
 * Creates an account through the API's own service and returns a token for it as log-in would hand one out. The one
 * place the bench creates accounts: how the API takes them is still changing.
 */
async function createAccount(
  app: INestApplication,
  account: { accountId: string; username: string; displayName: string; role: Role; unitId: string; branchId: string | null },
  password: string,
): Promise<string> {
  const created = await app.get(AccountsService).execute({ type: 'CreateAccount', data: account }, { actor: { id: 'system', role: 'system' } }, { password });
  return app.get(TokenIssuer).issue(created.account);
}

async function startOurs(database: OursDatabase, dataDir: string): Promise<Ours> {
  // The embedded default is `npm start` without DATABASE_URL: PGlite under DATA_DIR, the projector in process.
  const config = loadConfig({
    ...(database === 'postgres' ? { EVENT_STORE: 'postgres', DATABASE_URL: benchUrl } : {}),
    DATA_DIR: dataDir,
    PORT: '0',
    PASSWORD_HASH_COST: '1024',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret-42',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  closers.push(() => app.close());
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const store = app.get<EventStore>(EVENT_STORE);

  // Organisation: BRANCHES branches with MEMBERS members each.
  const today = new Date().toISOString().slice(0, 10);
  const startDate = addDays(mondayOf(today), -4 * 7);
  const endDate = addDays(startDate, 24 * 7 - 1);
  const orgCommands: OrganisationCommand[] = [{ type: 'RegisterUnit', data: { unitId: UNIT, name: '基准测试单位', code: 'BENCH' } }];
  for (let b = 0; b < BRANCHES; b += 1) {
    const branchId = branchIdOf(b);
    orgCommands.push({ type: 'AddBranch', data: { branchId, name: `第${b + 1}党支部`, secretaryName: `书记${b + 1}` } });
    for (let m = 0; m < MEMBERS; m += 1) {
      orgCommands.push({
        type: 'JoinMember',
        data: { memberId: `${branchId}-M${m + 1}`, name: `党员${b + 1}-${m + 1}`, branchId, isLeader: m === 0 && b < 5, joinedOn: addDays(startDate, -365) },
      });
    }
  }
  const organisation = run(organisationDecider, orgCommands);
  await appendInBatches(store, organisationStream(UNIT), organisation.events, `organisation (${database})`);

  const template = findBuiltinTemplate('sdp-2009');
  if (!template) throw new Error('the built-in sdp-2009 template is missing');
  const campaignCommands: CampaignCommand[] = [
    {
      type: 'PlanCampaign',
      data: {
        campaignId: CAMPAIGN,
        name: '深入学习实践科学发展观活动（基准）',
        unitId: UNIT,
        template: template.load(),
        startDate,
        endDate,
        createdBy: 'bench',
      },
    },
    { type: 'OpenStage', data: { stageId: 'S1', on: startDate, by: 'bench' } },
  ];
  const campaign = run(campaignDecider, campaignCommands);
  await appendInBatches(store, campaignStream(CAMPAIGN), campaign.events, `campaign (${database})`);
  const plan = campaign.state as PlannedCampaign;

  // Secretary accounts, one per branch (each may write only their own branch), and one of the leading group.
  const tokens: string[] = [];
  for (let b = 0; b < BRANCHES; b += 1) {
    const branchId = branchIdOf(b);
    tokens.push(
      await createAccount(
        app,
        {
          accountId: `acc-sec-${branchId}`,
          username: `sec-${branchId}`,
          displayName: `书记${b + 1}`,
          role: 'secretary',
          unitId: UNIT,
          branchId,
        },
        'bench-secretary-password',
      ),
    );
    if (process.stdout.isTTY && ((b + 1) % 100 === 0 || b + 1 === BRANCHES)) process.stdout.write(`\r  accounts: ${fmt(b + 1)}/${fmt(BRANCHES)}`);
  }
  const leader = await createAccount(
    app,
    {
      accountId: 'acc-leader',
      username: 'leader',
      displayName: '领导小组',
      role: 'leading_group',
      unitId: UNIT,
      branchId: null,
    },
    'bench-leader-password',
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
  // One real login, so the tokens above are known to be what the API hands out.
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'sec-B0001', password: 'bench-secretary-password' }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);

  // The instances a secretary can complete today: checked once through the decider on the first branch.
  const roster0 = rosterOn(organisation.state as OrganisationState, branchIdOf(0), today);
  const accepted = new Set<string>();
  for (const instance of expandInstances(plan, roster0, branchIdOf(0))) {
    try {
      const events = branchWorkDecider.decide(
        {
          type: 'CompleteTaskInstance',
          data: { campaignId: CAMPAIGN, branchId: branchIdOf(0), instanceKey: instance.key, note: 'x', evidence: [], completedOn: today, by: 'bench' },
        },
        branchWorkDecider.initialState(),
        { plan, roster: roster0 },
      );
      if (events.length === 1) accepted.add(`${instance.taskId}|${instance.scope}|${instance.weekOf ?? ''}`);
    } catch {
      // not completable today (quantity task, cancelled, out of dates …)
    }
  }
  // Round-robin over each client's branches, so that streams grow together as in a real office.
  const perBranch = Array.from({ length: BRANCHES }, (_, b) => {
    const branchId = branchIdOf(b);
    const roster = rosterOn(organisation.state as OrganisationState, branchId, today);
    return expandInstances(plan, roster, branchId)
      .filter((i) => accepted.has(`${i.taskId}|${i.scope}|${i.weekOf ?? ''}`))
      .map((i): Job => ({
        method: 'POST',
        path: `/api/campaigns/${CAMPAIGN}/branches/${branchId}/instances/${encodeURIComponent(i.key)}/complete`,
        token: tokens[b],
        body: JSON.stringify({ note: `已按要求完成：${i.taskId}（基准测试）`, completedOn: today }),
      }));
  });
  const queues: Job[][] = Array.from({ length: CLIENTS }, () => []);
  for (let c = 0; c < CLIENTS; c += 1) {
    const mine = perBranch.filter((_, b) => b % CLIENTS === c);
    const longest = Math.max(0, ...mine.map((jobs) => jobs.length));
    for (let k = 0; k < longest; k += 1) for (const jobs of mine) if (jobs[k]) queues[c].push(jobs[k]);
  }
  const total = queues.reduce((n, q) => n + q.length, 0);
  const reads = Array.from({ length: CLIENTS }, (_, c) =>
    endless(
      Array.from({ length: Math.ceil(BRANCHES / CLIENTS) }, (_, k): Job[] => [
        { method: 'GET', path: `/api/campaigns/${CAMPAIGN}/overview`, token: leader },
        { method: 'GET', path: `/api/campaigns/${CAMPAIGN}/branches/${branchIdOf((c + k * CLIENTS) % BRANCHES)}/dashboard`, token: leader },
      ]).flat(),
    ),
  );
  const seedInfo =
    `${fmt(BRANCHES)} branches × ${MEMBERS} members (organisation stream ${fmt(organisation.events.length)} events), campaign stream ${fmt(campaign.events.length)} events, ` +
    `${fmt(BRANCHES)} secretary accounts, ${fmt(total)} completable instances (${fmt(perBranch[0]?.length ?? 0)} per branch)`;
  return { app, port, queues, reads, seedInfo };
}

/** VACUUM (ANALYZE) of the database the API runs on, as the seed settles. */
async function vacuum(ours: Ours): Promise<void> {
  await withClient(ours.app.get<Storage>(STORAGE).readModelUrl, (c) => c.query('VACUUM (ANALYZE)'));
}

// ---------------------------------------------------------------------------------------------------------
// Bare: a minimal Nest app on the same express platform, one POST route, one INSERT with node-postgres.

const BARE_POOL = Symbol('BARE_POOL');

@Controller('bare')
class BareController {
  constructor(@Inject(BARE_POOL) private readonly pool: Pool) {}

  @Post('branches/:branchId/instances/:instanceKey/complete')
  async complete(@Param('branchId') branchId: string, @Param('instanceKey') instanceKey: string, @Body() body: { note?: string; completedOn?: string }) {
    await this.pool.query('INSERT INTO bare_completions (branch_id, instance_key, data) VALUES ($1, $2, $3)', [branchId, instanceKey, JSON.stringify(body)]);
    return { instanceKey, status: 'completed' };
  }
}

async function startBare(): Promise<{ app: INestApplication; port: number }> {
  // Same pool size as the event store's (max 10).
  const pool = new Pool({ connectionString: benchUrl, max: 10 });
  pool.on('error', () => undefined); // DROP DATABASE … WITH (FORCE) ends idle connections
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bare_completions (id bigserial PRIMARY KEY, branch_id text NOT NULL, instance_key text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())',
  );
  @Module({ controllers: [BareController], providers: [{ provide: BARE_POOL, useValue: pool }] })
  class BareModule {}
  const app = await NestFactory.create(BareModule, { logger: ['error', 'warn'] });
  app.setGlobalPrefix('api');
  await app.listen(0, '127.0.0.1');
  closers.push(async () => {
    await app.close();
    await pool.end();
  });
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

// ---------------------------------------------------------------------------------------------------------

/** Waits (at most 60 s) until the API's projector has applied every event in the log. */
async function settled(app: INestApplication): Promise<void> {
  const readModels = app.get(ReadModelsService);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const status = await readModels.status();
    if (status.eventsBehind === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log('  (the projector was still behind after 60 s)');
}

/** Several rounds' results as one: counts added, latencies merged. */
function merge(results: RunResult[]): RunResult {
  const latencies = Float64Array.from(results.flatMap((r) => Array.from(r.latencies))).sort();
  return {
    completed: results.reduce((n, r) => n + r.completed, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 5),
    latencies,
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    exhausted: results.reduce((n, r) => n + r.exhausted, 0),
    cpuMs: results.reduce((n, r) => n + r.cpuMs, 0),
  };
}

const rate = (r: RunResult) => r.completed / r.seconds;

async function main() {
  const cpus = os.cpus();
  const pgVersion = await admin(async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  const rounds = ONLY ? 1 : ROUNDS;
  const runs = { ours: !ONLY || ONLY === 'ours', embedded: EMBEDDED && (!ONLY || ONLY === 'embedded'), bare: !ONLY || ONLY === 'bare' };
  log(`API benchmark (issue 3): ${new Date().toISOString()}`);
  log(`Node ${process.version}, PostgreSQL ${pgVersion}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`);
  log(
    `${CLIENTS} keep-alive clients, ${SECONDS} s measured per system and workload in ${rounds} alternating round${rounds === 1 ? '' : 's'} ` +
      `(${WARMUP_SECONDS} s warm-up before each, ${FIRST_WARMUP_SECONDS} s before the first); database ${dbName}` +
      (runs.embedded ? '; and the embedded default (PGlite)' : ''),
  );
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const dataDir = mkdtempSync(join(os.tmpdir(), 'cl-apibench-'));
  const embeddedDir = mkdtempSync(join(os.tmpdir(), 'cl-apibench-embedded-'));
  const results = {
    ours: [] as RunResult[],
    oursReads: [] as RunResult[],
    embedded: [] as RunResult[],
    embeddedReads: [] as RunResult[],
    bare: [] as RunResult[],
  };
  try {
    let started = performance.now();
    const o = runs.ours ? await startOurs('postgres', dataDir) : null;
    if (o) log(`  seeded in ${fmt((performance.now() - started) / 1000, 1)} s: ${o.seedInfo}`);
    started = performance.now();
    const e = runs.embedded ? await startOurs('embedded', embeddedDir) : null;
    if (e) log(`  seeded the embedded default in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const b = runs.bare ? await startBare() : null;
    // The seed settles before the first round, as it would have in an office that has been running: our projector
    // catches up with it (else round 1 of ours would also carry the projection of 10,000 seeded events, which the bare
    // side never has) and the database is vacuumed and analysed (else autovacuum's first pass over the fresh tables
    // lands in a measured round).
    for (const [name, ours] of [
      ['PostgreSQL', o],
      ['embedded', e],
    ] as const) {
      if (!ours) continue;
      const settling = performance.now();
      await settled(ours.app);
      const caughtUp = performance.now();
      await vacuum(ours);
      log(
        `  settled (${name}): projector caught up in ${fmt((caughtUp - settling) / 1000, 1)} s, VACUUM (ANALYZE) in ${fmt((performance.now() - caughtUp) / 1000, 1)} s`,
      );
    }
    if (b && !o) await bench(async (c) => c.query('VACUUM (ANALYZE)'));
    // Same request shape and JSON note as ours; each client has its own branches so keys never repeat.
    const bareQueues: Job[][] = Array.from({ length: CLIENTS }, (_, c) =>
      Array.from({ length: 400_000 / CLIENTS }, (_, k): Job => {
        const branchId = branchIdOf((c + k * CLIENTS) % BRANCHES);
        return {
          method: 'POST',
          path: `/api/bare/branches/${branchId}/instances/${encodeURIComponent(`T${k}:branch:${branchId}`)}/complete`,
          token: 'unused',
          body: JSON.stringify({ note: `已按要求完成：T${k}（基准测试）`, completedOn: new Date().toISOString().slice(0, 10) }),
        };
      }),
    );
    // Every system runs in every round, one after the other, so a machine that slows down mid-run slows them all.
    const perRound = SECONDS / rounds;
    const warmup = (round: number) => (round === 1 ? FIRST_WARMUP_SECONDS : WARMUP_SECONDS);
    const line = (r: RunResult, unit: string) =>
      `${fmt(rate(r))} ${unit}/s, p99 ${fmt(percentile(r.latencies, 99), 1)} ms${unit === 'commands' ? `, ${cpuPerCommand(r)} ms CPU/command` : ''}${r.errors ? `, ${r.errors} errors` : ''}`;
    for (let round = 1; round <= rounds; round += 1) {
      for (const [name, ours, commands, reads] of [
        ['ours', o, results.ours, results.oursReads],
        ['embedded', e, results.embedded, results.embeddedReads],
      ] as const) {
        if (!ours) continue;
        const r = await drive(`${name}, round ${round}`, ours.port, ours.queues, perRound, warmup(round));
        commands.push(r);
        // Our projector finishes its backlog before anything else runs, so that it takes nothing from the next run.
        await settled(ours.app);
        const q = await drive(`${name} reads, round ${round}`, ours.port, ours.reads, perRound, WARMUP_SECONDS);
        reads.push(q);
        log(`  round ${round}: ${name} ${line(r, 'commands')}; reads ${line(q, 'reads')}`);
      }
      if (b) {
        const r = await drive(`bare, round ${round}`, b.port, bareQueues, perRound, warmup(round));
        results.bare.push(r);
        log(`  round ${round}: bare ${line(r, 'commands')}` + (o ? ` (ours / bare ${(results.ours[round - 1].completed / r.completed).toFixed(2)}×)` : ''));
      }
    }
    // Requests cut off at the end are still being handled server-side: close without logging their failures.
    o?.app.useLogger(false);
    e?.app.useLogger(false);
  } finally {
    while (closers.length)
      await closers
        .pop()?.()
        .catch((error: unknown) => log(`close failed: ${String(error)}`));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((error: unknown) => log(`drop failed: ${String(error)}`));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(embeddedDir, { recursive: true, force: true });
  }
  const all = (list: RunResult[]) => (list.length ? merge(list) : null);
  const ours = all(results.ours);
  const embedded = all(results.embedded);
  const bare = all(results.bare);

  const row = (name: string, r: RunResult | null) =>
    r
      ? `| ${name} | ${fmt(rate(r), rate(r) < 100 ? 1 : 0)} | ${fmt(percentile(r.latencies, 50), 1)} | ${fmt(percentile(r.latencies, 99), 1)} | ${fmt(r.completed)} | ${r.errors} | ${cpuPerCommand(r)} |`
      : `| ${name} | not run | | | | | |`;
  log('');
  log('| system | commands/s | p50 ms | p99 ms | completed | errors | process CPU ms/command |');
  log('|---|---:|---:|---:|---:|---:|---:|');
  log(row('ours: POST …/instances/:key/complete (real API, PostgreSQL)', ours));
  if (runs.embedded) log(row('ours on the embedded default (PGlite, `npm start`)', embedded));
  log(row('bare: Nest + one INSERT (node-postgres)', bare));
  const readRow = (name: string, r: RunResult | null) =>
    r
      ? `| ${name} | ${fmt(rate(r), rate(r) < 100 ? 1 : 0)} | ${fmt(percentile(r.latencies, 50), 1)} | ${fmt(percentile(r.latencies, 99), 1)} | ${fmt(r.completed)} | ${r.errors} |`
      : `| ${name} | not run | | | | |`;
  if (runs.ours || runs.embedded) {
    log('');
    log('| reads: GET …/overview and …/branches/:id/dashboard in turn | reads/s | p50 ms | p99 ms | answered | errors |');
    log('|---|---:|---:|---:|---:|---:|');
    if (runs.ours) log(readRow('ours on PostgreSQL', all(results.oursReads)));
    if (runs.embedded) log(readRow('ours on the embedded default (PGlite)', all(results.embeddedReads)));
  }
  if (ours) {
    const ratio = bare ? ours.completed / bare.completed : NaN;
    const p99 = percentile(ours.latencies, 99);
    log('');
    log('| target | measured | result |');
    log('|---|---:|---|');
    log(
      `| throughput ours / bare ≥ ${TARGET_RATIO}× | ${Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)}×`} | ${Number.isNaN(ratio) ? 'n/a' : ratio >= TARGET_RATIO ? 'PASS' : 'MISS'} |`,
    );
    log(`| p99 ≤ ${TARGET_P99_MS} ms | ${fmt(p99, 1)} ms | ${p99 <= TARGET_P99_MS ? 'PASS' : 'MISS'} |`);
    log(`| errors = 0 | ${ours.errors} | ${ours.errors === 0 ? 'PASS' : 'MISS'} |`);
  }
  for (const [name, r] of [
    ['ours', ours],
    ['embedded', embedded],
    ['ours reads', all(results.oursReads)],
    ['embedded reads', all(results.embeddedReads)],
    ['bare', bare],
  ] as const) {
    if (r?.exhausted) log(`(note: ${r.exhausted} ${name} clients ran out of instances before the end; raise BENCH_BRANCHES)`);
    for (const sample of r?.errorSamples ?? []) log(`  ${name} error sample: ${sample}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
