// The embedded default under concurrent use, as `npm start` runs it (no DATABASE_URL: PGlite in a worker thread,
// served on a loopback port to every pool of the API), with the demo office: secretaries, the leading group and the
// auditor read every page's data and the secretaries write their branch's work at the same time. Nothing may fail
// with a 5xx or a wrong 404, and every read of the auditor must be on the record.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { AUDITOR_READ_EVENT, auditorReadsStream } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { loadConfig } from '@campaign-ledger/runtime';
import { createApp } from '../../apps/api/src/bootstrap';
import { seedDemoIfEmpty } from '../../apps/api/src/demo/demo-seeder';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens';

const CAMPAIGN = 'demo-sdp-2009';
const UNIT = 'demo-unit';
const BRANCHES = Array.from({ length: 10 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);
const LOAD_MS = 20_000;
const READERS_PER_ROLE = 2;

interface Session {
  readonly role: 'leader' | 'auditor' | 'secretary' | 'administrator';
  readonly token: string;
  readonly accountId: string;
  readonly branchId: string | null;
}

interface Sample {
  readonly role: Session['role'];
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly detail: string;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const enc = encodeURIComponent;

describe('the embedded default (npm start) under concurrent readers and writers', () => {
  let dir: string;
  let app: INestApplication;
  let base: string;
  const samples: Sample[] = [];
  /** sha256 of evidence uploaded, by branch: readers download them. */
  const evidence = new Map<string, string[]>();

  async function call(session: Session, method: 'GET' | 'POST', route: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${session.token}` };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const started = performance.now();
    let status = -1;
    let text = '';
    try {
      const response = await fetch(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = error instanceof Error ? error.message : String(error);
    }
    samples.push({ role: session.role, method, route, status, ms: performance.now() - started, detail: `${path} ${text.slice(0, 200)}` });
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status, json };
  }

  async function login(username: string, password: string, role: Session['role'], branchId: string | null = null): Promise<Session> {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as { token?: string; account?: { accountId: string } };
    if (response.status !== 200 || !body.token || !body.account) throw new Error(`login of ${username}: ${response.status} ${JSON.stringify(body)}`);
    return { role, token: body.token, accountId: body.account.accountId, branchId };
  }

  /** The pages of the leading group and the auditor: the web app's GETs (route template, concrete path). */
  function watcherReads(session: Session, today: string): [string, string][] {
    const branch = pick(BRANCHES);
    if (session.role === 'administrator') {
      return [
        ['/api/accounts', '/api/accounts'],
        ['/api/units', '/api/units'],
        ['/api/units/{unitId}', `/api/units/${UNIT}`],
        ['/api/projections/status', '/api/projections/status'],
        ['/api/metrics', '/api/metrics'],
        ['/api/projections/freshness', '/api/projections/freshness'],
        ['/api/audit/history', `/api/audit/history?stream=accounts&pageSize=100`],
        ['/api/health', '/api/health'],
      ];
    }
    const c = `/api/campaigns/${CAMPAIGN}`;
    const reads: [string, string][] = [
      ['/api/campaigns', '/api/campaigns'],
      ['/api/campaigns/{campaignId}', c],
      ['/api/campaigns/{campaignId}/overview', `${c}/overview`],
      ['/api/campaigns/{campaignId}/heat-map', `${c}/heat-map`],
      ['/api/campaigns/{campaignId}/ranking', `${c}/ranking?by=${pick(['completion', 'participation'])}`],
      ['/api/campaigns/{campaignId}/participation/weekly', `${c}/participation/weekly`],
      ['/api/campaigns/{campaignId}/overdue', `${c}/overdue?limit=1000`],
      ['/api/campaigns/{campaignId}/branches/{branchId}/dashboard', `${c}/branches/${branch}/dashboard`],
      ['/api/campaigns/{campaignId}/branches/{branchId}/work', `${c}/branches/${branch}/work`],
      ['/api/campaigns/{campaignId}/instances', `${c}/instances?branchId=${branch}`],
      ['/api/campaigns/{campaignId}/carried-over', `${c}/carried-over`],
      ['/api/campaigns/{campaignId}/stages/{stageId}/unfinished', `${c}/stages/S1/unfinished`],
      ['/api/campaigns/{campaignId}/as-of', `${c}/as-of?at=${today}`],
      ['/api/campaigns/{campaignId}/diff', `${c}/diff?from=${enc(new Date(Date.now() - 3_600_000).toISOString())}&to=${enc(new Date().toISOString())}`],
      ['/api/audit/history', `/api/audit/history?campaignId=${CAMPAIGN}&branchId=${branch}&pageSize=50`],
      ['/api/audit/history', `/api/audit/history?campaignId=${CAMPAIGN}&page=${1 + Math.floor(Math.random() * 3)}&pageSize=100`],
      ['/api/units/{unitId}', `/api/units/${UNIT}`],
      ['/api/units/{unitId}/branches/{branchId}/roster', `/api/units/${UNIT}/branches/${branch}/roster`],
      ['/api/units', '/api/units'],
      ['/api/auth/me', '/api/auth/me'],
      ['/api/templates', '/api/templates'],
      ['/api/templates/{templateId}', '/api/templates/sdp-2009'],
      ['/api/health', '/api/health'],
      ['/api/event-store/status', '/api/event-store/status'],
    ];
    const files = evidence.get(branch) ?? [];
    if (files.length > 0) reads.push(['/api/evidence/{sha256}', `/api/evidence/${pick(files)}?campaignId=${CAMPAIGN}&branchId=${branch}`]);
    if (session.role === 'auditor') reads.push(['/api/audit/digest', '/api/audit/digest']);
    return reads;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cl-embedded-e2e-'));
    const config = loadConfig({
      DATA_DIR: dir,
      PORT: '0',
      PASSWORD_HASH_COST: '1024',
      JWT_SECRET: 'embedded-concurrency-e2e-secret-0123456789',
      DEMO_SEED: 'true',
    });
    expect(config.databaseUrl).toBeNull();
    expect(config.eventStore).toBe('pglite');
    app = await createApp(config);
    const seeded = await seedDemoIfEmpty(app, config);
    expect(seeded.seeded).toBe(true);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every page and write without a 5xx or a wrong 404, and records every read of the auditor', async () => {
    const leader = await login('leader', 'leader-demo-2009', 'leader');
    const auditor = await login('auditor', 'auditor-demo-2009', 'auditor');
    const administrator = await login('admin', 'admin-demo-2009', 'administrator');
    const secretaries = await Promise.all(BRANCHES.map((b) => login(`sec-${b.toLowerCase()}`, 'sec-demo-2009', 'secretary', b)));

    // The routes exercised exist in the API's own description.
    const docs = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documentedGets = Object.entries(docs.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path);

    // The read models have caught up with the seed once the overview answers.
    for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const response = await fetch(`${base}/api/campaigns/${CAMPAIGN}/overview`, { headers: { Authorization: `Bearer ${leader.token}` } });
      await response.text();
      if (response.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the overview still answers ${response.status}`);
    }
    const today = (
      (await call(secretaries[0], 'GET', '/api/units/{unitId}/branches/{branchId}/roster', `/api/units/${UNIT}/branches/B01/roster`)).json as { asOf: string }
    ).asOf;
    samples.length = 0;

    const stopAt = Date.now() + LOAD_MS;
    const watcher = async (session: Session) => {
      for (let n = 1; Date.now() < stopAt; n += 1) {
        // The heavy ones (every chain verified, the XLSX dossier) now and then, as a person would ask for them.
        if (n % 40 === 0 && session.role === 'auditor') await call(session, 'GET', '/api/audit/verify', '/api/audit/verify');
        else if (n % 20 === 0) await call(session, 'GET', '/api/campaigns/{campaignId}/dossier.xlsx', `/api/campaigns/${CAMPAIGN}/dossier.xlsx`);
        else await call(session, 'GET', ...pick(watcherReads(session, today)));
      }
    };
    const secretary = async (session: Session) => {
      const branch = session.branchId as string;
      const b = `/api/campaigns/${CAMPAIGN}/branches/${branch}`;
      const listed = await call(session, 'GET', '/api/campaigns/{campaignId}/instances', `/api/campaigns/${CAMPAIGN}/instances?branchId=${branch}`);
      // A failed answer is already counted among the samples: go on with what there is.
      const instances = listed.status === 200 ? (listed.json as { instances: { key: string; status: string; scope: string }[] }).instances : [];
      const open = instances.filter((i) => i.status === 'open' && i.scope === 'branch').map((i) => i.key);
      const done: string[] = [];
      let uploads = 0;
      while (Date.now() < stopAt) {
        const roll = Math.random();
        if (roll < 0.15 && open.length > 0) {
          const key = open.splice(Math.floor(Math.random() * open.length), 1)[0];
          const form = new FormData();
          form.set('note', `已完成（并发测试 ${branch}）`);
          const bytes = uploads < 3 ? Buffer.from(`${branch} 会议记录 ${key} ${(uploads += 1)}\n`, 'utf8') : null;
          if (bytes) form.append('evidence', new Blob([bytes], { type: 'text/plain' }), '会议记录.txt');
          const { status } = await call(
            session,
            'POST',
            '/api/campaigns/{campaignId}/branches/{branchId}/instances/{instanceKey}/complete',
            `${b}/instances/${enc(key)}/complete`,
            form,
          );
          (status === 201 ? done : open).push(key);
          if (bytes && status === 201) evidence.set(branch, [...(evidence.get(branch) ?? []), createHash('sha256').update(bytes).digest('hex')]);
        } else if (roll < 0.22 && done.length > 0) {
          const key = done.splice(Math.floor(Math.random() * done.length), 1)[0];
          const { status } = await call(
            session,
            'POST',
            '/api/campaigns/{campaignId}/branches/{branchId}/instances/{instanceKey}/reopen',
            `${b}/instances/${enc(key)}/reopen`,
            { reason: '佐证材料不全，重新登记（并发测试）' },
          );
          (status === 201 ? open : done).push(key);
        } else if (roll < 0.27) {
          const roster = await call(session, 'GET', '/api/units/{unitId}/branches/{branchId}/roster', `/api/units/${UNIT}/branches/${branch}/roster`);
          if (roster.status !== 200) continue;
          const members = (roster.json as { members: { memberId: string; status: string }[] }).members.filter((m) => m.status === 'active');
          const attendance = Object.fromEntries(members.map((m) => [m.memberId, pick(['present', 'present', 'present', 'leave', 'absent'])]));
          await call(session, 'POST', '/api/campaigns/{campaignId}/branches/{branchId}/study-sessions', `${b}/study-sessions`, {
            date: today,
            topic: '集中学习（并发测试）',
            attendance,
          });
        } else {
          const reads: [string, string][] = [
            ['/api/campaigns/{campaignId}/instances', `/api/campaigns/${CAMPAIGN}/instances?branchId=${branch}`],
            ['/api/campaigns/{campaignId}/branches/{branchId}/work', `${b}/work`],
            ['/api/campaigns/{campaignId}/branches/{branchId}/dashboard', `${b}/dashboard`],
            ['/api/units/{unitId}/branches/{branchId}/roster', `/api/units/${UNIT}/branches/${branch}/roster`],
            ['/api/campaigns', '/api/campaigns'],
            ['/api/campaigns/{campaignId}', `/api/campaigns/${CAMPAIGN}`],
            ['/api/auth/me', '/api/auth/me'],
          ];
          const [route, path] = pick(reads);
          await call(session, 'GET', route, path);
        }
      }
    };
    await Promise.all([
      ...secretaries.map(secretary),
      ...Array.from({ length: READERS_PER_ROLE }, () => watcher(leader)),
      ...Array.from({ length: READERS_PER_ROLE }, () => watcher(auditor)),
      watcher(administrator),
    ]);

    const histogram = new Map<string, number>();
    for (const s of samples) histogram.set(`${s.method} ${s.status}`, (histogram.get(`${s.method} ${s.status}`) ?? 0) + 1);
    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    const p95 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))];
    const routesUsed = new Set(samples.map((s) => `${s.method} ${s.route}`));
    const unused = documentedGets.filter((path) => !routesUsed.has(`GET ${path}`));
    const auditorOk = samples.filter((s) => s.role === 'auditor' && s.method === 'GET' && s.status === 200).length;
    const recorded = (await app.get<EventStore>(EVENT_STORE).readStream(auditorReadsStream(auditor.accountId))).filter(
      (e) => e.type === AUDITOR_READ_EVENT,
    ).length;
    // The same record as the leading group reads it.
    const asRead = await fetch(`${base}/api/audit/history?stream=${auditorReadsStream(auditor.accountId)}&includeAuditorReads=true&pageSize=1`, {
      headers: { Authorization: `Bearer ${leader.token}` },
    });
    const historyTotal = asRead.status === 200 ? String(((await asRead.json()) as { total: number }).total) : `HTTP ${asRead.status}`;
    const byRole = (role: Session['role']) => samples.filter((s) => s.role === role).length;
    const byRoute = new Map<string, number[]>();
    for (const s of samples) byRoute.set(`${s.method} ${s.route}`, [...(byRoute.get(`${s.method} ${s.route}`) ?? []), s.ms]);
    const slowest = [...byRoute]
      .map(([route, ms]) => [route, ms.sort((a, b) => a - b)[Math.floor(ms.length * 0.95)], ms.length] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    process.stdout.write(
      `embedded default, ${LOAD_MS / 1000} s, ${secretaries.length + 2 * READERS_PER_ROLE} clients: ${samples.length} requests ` +
        `(${(samples.length / (LOAD_MS / 1000)).toFixed(0)}/s), p95 ${p95.toFixed(0)} ms\n` +
        `  statuses: ${[...histogram]
          .sort()
          .map(([k, n]) => `${k} × ${n}`)
          .join(', ')}\n` +
        `  slowest routes (p95 ms, requests): ${slowest.map(([route, ms, n]) => `${route} ${ms.toFixed(0)} (${n})`).join(', ')}\n` +
        `  routes: ${routesUsed.size} used; documented GETs not used: ${unused.join(', ') || 'none'}\n` +
        `  by role: ${byRole('secretary')} secretaries', ${byRole('leader')} leading group's, ${byRole('auditor')} auditor's\n` +
        `  auditor: ${auditorOk} GETs answered 200, ${recorded} AuditorRead events in the store, history as the leader reads it: ${historyTotal}\n`,
    );

    const failures = samples.filter((s) => s.status < 0 || s.status >= 500 || s.status === 404);
    expect(failures.slice(0, 10).map((s) => `${s.status} ${s.method} ${s.detail}`)).toEqual([]);
    const undocumented = [...routesUsed].filter((r) => !docs.paths[r.slice(r.indexOf(' ') + 1)]);
    expect(undocumented).toEqual([]);
    expect(samples.filter((s) => s.method === 'POST' && s.status === 201).length).toBeGreaterThan(20);
    expect(auditorOk).toBeGreaterThan(20);
    expect(recorded).toBe(auditorOk);
  }, 120_000);
});
