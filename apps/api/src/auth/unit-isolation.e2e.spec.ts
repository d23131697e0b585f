// Units are sealed off from each other. Two units share every branch id, member id, study session id and instance key;
// every route of the OpenAPI document is called by each account of unit A with unit B's identifiers: nothing of B is
// served, written or disclosed (not even an ETag). A route added later is unclassified here and fails the test until
// someone decides how it keeps units apart.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnitClassifier } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { buildDemoOffice } from '../demo/demo-office';
import { officeToday } from '../infrastructure/office-today';
import { EVENT_STORE } from '../infrastructure/tokens';
import { indexUnit } from '../organisation/shared/unit-index';
import { appendDemo, readWholeLog, SYSTEM } from '../read-models/testing/read-model-fixtures';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

jest.setTimeout(180_000);

const A = { unitId: 'unit-alpha', campaignId: 'campaign-alpha', unitName: '甲单位机关' };
const B = { unitId: 'unit-beta', campaignId: 'campaign-beta', unitName: '乙单位机关' };
/** Text that appears only in unit B's data: none of it may reach an account of unit A. */
const B_MARKERS = [B.unitId, B.campaignId, B.unitName, 'sec-beta', 'leader-beta', '乙单位的秘密佐证', 'beta-only'];

/** Routes that name no unit, campaign, account or file: answered to anyone allowed, and checked to disclose nothing of B. */
const UNSCOPED = new Set([
  'GET /api/health',
  'GET /api/event-store/status',
  'POST /api/auth/login',
  'GET /api/auth/me',
  'POST /api/auth/password',
  'GET /api/accounts',
  'GET /api/units',
  'GET /api/templates',
  'POST /api/templates/validate',
  'GET /api/templates/{templateId}',
  'GET /api/campaigns',
  'GET /api/projections/freshness',
  'GET /api/projections/status',
  'GET /api/metrics',
  'GET /api/audit/history',
  'GET /api/audit/verify',
  'GET /api/audit/digest',
]);

/** Routes whose unit is in the body: a valid body naming unit B. */
const BODY_SCOPED: Record<string, object> = {
  'POST /api/campaigns': { campaignId: 'campaign-gamma', name: 'x', unitId: B.unitId, templateId: 'sdp-2009', startDate: '2026-12-07' },
  'POST /api/accounts': { username: 'spy-of-alpha', displayName: 'x', role: 'auditor', unitId: B.unitId, password: 'long-enough-1' },
  'POST /api/units': { unitId: 'unit-gamma', name: '丙', code: 'G' },
};

interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: readonly string[];
}

describe.each(['postgres', 'embedded'] as const)('unit isolation: every route, every account of unit A, unit B identifiers, on %s', (backend) => {
  let api: ApiTestApp;
  let store: EventStore;
  let routes: Route[];
  let baseUrl: string;
  const tokens: Record<string, string> = {};
  const ids: Record<'A' | 'B', Record<string, string>> = { A: {}, B: {} };

  beforeAll(async () => {
    api = await startApiTestApp({ backend, unitId: A.unitId });
    store = api.app.get(EVENT_STORE);
    const today = officeToday({ now: () => new Date() });
    for (const unit of [A, B]) {
      const demo = buildDemoOffice(today, unit);
      await appendDemo(store, demo);
      await indexUnit(store, { unitId: unit.unitId, name: unit.unitName, code: unit.unitId }, SYSTEM.actor);
    }
    for (const [name, role, unitId, branchId] of [
      ['admin-alpha', 'administrator', A.unitId, undefined],
      ['leader-alpha', 'leading_group', A.unitId, undefined],
      ['auditor-alpha', 'auditor', A.unitId, undefined],
      ['sec-alpha', 'secretary', A.unitId, 'B01'],
      ['leader-beta', 'leading_group', B.unitId, undefined],
      ['sec-beta', 'secretary', B.unitId, 'B01'],
    ] as const) {
      tokens[name] = await api.signIn({ username: name, password: `${name}-password`, role, unitId, branchId });
    }
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // B's secretary completes an instance with evidence only B has; the same instance key exists in A.
    const instances = await api.http
      .get(`/api/campaigns/${B.campaignId}/instances?branchId=B01`)
      .set('Authorization', `Bearer ${tokens['sec-beta']}`)
      .expect(200);
    const open = instances.body.instances.find((i: { status: string; scope: string }) => i.status === 'open' && i.scope === 'branch');
    const evidence = Buffer.from('乙单位的秘密佐证 beta-only minutes');
    const completed = await api.http
      .post(`/api/campaigns/${B.campaignId}/branches/B01/instances/${encodeURIComponent(open.key)}/complete`)
      .set('Authorization', `Bearer ${tokens['sec-beta']}`)
      .field('note', 'beta-only note')
      .attach('evidence', evidence, { filename: 'beta-only.txt', contentType: 'text/plain' })
      .expect(201);
    const alpha = await api.http.get(`/api/campaigns/${A.campaignId}/instances?branchId=B01`).set('Authorization', `Bearer ${tokens['sec-alpha']}`).expect(200);
    expect(alpha.body.instances.some((i: { key: string }) => i.key === open.key)).toBe(true);

    const secBeta = (await api.http.get('/api/auth/me').set('Authorization', `Bearer ${tokens['sec-beta']}`).expect(200)).body.accountId as string;
    const secAlpha = (await api.http.get('/api/auth/me').set('Authorization', `Bearer ${tokens['sec-alpha']}`).expect(200)).body.accountId as string;
    const common = {
      branchId: 'B01',
      instanceKey: open.key,
      sessionId: 'B01-W1',
      memberId: 'M001',
      taskId: 'T01',
      stageId: 'S1',
      templateId: 'sdp-2009',
      at: today,
      from: '2000-01-01',
      to: today,
    };
    ids.B = {
      ...common,
      unitId: B.unitId,
      campaignId: B.campaignId,
      accountId: secBeta,
      sha256: completed.body.evidence[0].sha256,
      stream: `organisation-${B.unitId}`,
    };
    ids.A = {
      ...common,
      unitId: A.unitId,
      campaignId: A.campaignId,
      accountId: secAlpha,
      sha256: completed.body.evidence[0].sha256,
      stream: `organisation-${A.unitId}`,
    };

    const document = await api.http.get('/api/docs-json').expect(200);
    routes = Object.entries(document.body.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method: method.toUpperCase() as Route['method'],
          path,
          query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        })),
    );
    expect(routes.length).toBeGreaterThan(50);
  });
  afterAll(() => api?.close());

  const fill = (route: Route, values: Record<string, string>) => {
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`${route.method} ${route.path}: no value for {${name}}; add it to the matrix`);
      return encodeURIComponent(values[name]);
    });
    const query = route.query
      .filter((name) => ['unitId', 'campaignId', 'branchId', 'stream', 'at', 'from', 'to'].includes(name) && name in values)
      .map((name) => `${name}=${encodeURIComponent(values[name])}`);
    return `${path}${query.length ? `?${query.join('&')}` : ''}`;
  };

  const scopedBy = (route: Route) =>
    /\{(unitId|campaignId|accountId|sha256)\}/.test(route.path) || route.query.some((q) => q === 'campaignId' || q === 'unitId' || q === 'stream');

  /** Status, headers and body text of one call; a live stream (the overview's, a branch dashboard's) is read until its first event. */
  async function call(method: string, url: string, token: string, body?: object): Promise<{ status: number; etag?: string; text: string }> {
    if (/\/(overview|dashboard)\/stream(\?|$)/.test(url)) {
      return new Promise((done, fail) => {
        const request = httpRequest(`${baseUrl}${url}`, { headers: { Authorization: `Bearer ${token}` } }, (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
            request.destroy();
            done({ status: response.statusCode ?? 0, etag: response.headers.etag, text });
          });
          response.on('end', () => done({ status: response.statusCode ?? 0, etag: response.headers.etag, text }));
        });
        request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : fail(error)));
        request.end();
      });
    }
    const test = method === 'GET' ? api.http.get(url) : api.http.post(url).send(body ?? {});
    const response = await test.set('Authorization', `Bearer ${token}`);
    return { status: response.status, etag: response.headers.etag, text: response.text ?? JSON.stringify(response.body ?? '') };
  }

  it('classifies every route: scoped by the path, the query or the body, or explicitly unscoped', () => {
    const unclassified = routes.map((r) => `${r.method} ${r.path}`).filter((key, i) => !scopedBy(routes[i]) && !UNSCOPED.has(key) && !(key in BODY_SCOPED));
    expect(unclassified).toEqual([]);
  });

  it("answers every account of unit A 403 or 404 on every route that names something of unit B, writes nothing of B's and sends no ETag", async () => {
    const classifier = new UnitClassifier();
    const countB = async () => (await readWholeLog(store)).filter((event) => classifier.unitOf(event) === B.unitId).length;
    const before = await countB();
    const seenB = await countB(); // the classifier has learnt every campaign and account by now
    expect(seenB).toBe(before);
    const leaks: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (UNSCOPED.has(key)) continue;
      const url = key in BODY_SCOPED ? route.path : fill(route, ids.B);
      for (const who of ['admin-alpha', 'leader-alpha', 'auditor-alpha', 'sec-alpha']) {
        const answer = await call(route.method, url, tokens[who], BODY_SCOPED[key]);
        const leaked = B_MARKERS.filter(
          (marker) => answer.text.includes(marker) && !url.includes(encodeURIComponent(marker)) && !JSON.stringify(BODY_SCOPED[key] ?? {}).includes(marker),
        );
        if (![403, 404].includes(answer.status) || answer.etag || leaked.length > 0) {
          leaks.push(
            `${who} ${route.method} ${url} → ${answer.status}${answer.etag ? ` ETag ${answer.etag}` : ''}${leaked.length ? ` leaked ${leaked.join(', ')}` : ''}: ${answer.text.slice(0, 160)}`,
          );
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await countB()).toBe(before);
  });

  it('discloses nothing of unit B on the routes that name no unit', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => UNSCOPED.has(`${r.method} ${r.path}`) && r.method === 'GET')) {
      const url = route.path
        .replace('{templateId}', 'sdp-2009')
        .replace(/^\/api\/audit\/history$/, '/api/audit/history?pageSize=1000&includeAuditorReads=true');
      for (const who of ['admin-alpha', 'leader-alpha', 'auditor-alpha', 'sec-alpha']) {
        const answer = await call('GET', url, tokens[who]);
        expect(answer.status).toBeLessThan(500);
        const leaked = B_MARKERS.filter((marker) => answer.text.includes(marker));
        if (leaked.length > 0) leaks.push(`${who} GET ${url} → ${answer.status} leaked ${leaked.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("serves unit A's own accounts the same routes with unit A's identifiers (the matrix above asks real questions)", async () => {
    const refused: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && scopedBy(r))) {
      const url = fill(route, ids.A);
      const statuses: number[] = [];
      for (const who of ['admin-alpha', 'leader-alpha', 'auditor-alpha', 'sec-alpha']) statuses.push((await call('GET', url, tokens[who])).status);
      if (!statuses.some((s) => s >= 200 && s < 300)) refused.push(`GET ${url} → ${statuses.join('/')}`);
    }
    // The evidence file is B's: A's branch does not reference it, so A's own route answers 404 too (by design).
    expect(refused.filter((line) => !line.startsWith('GET /api/evidence/'))).toEqual([]);
  });

  it("refuses another unit's campaign id as merely taken, saying nothing of its plan or unit", async () => {
    const answer = await api.http
      .post('/api/campaigns')
      .set('Authorization', `Bearer ${tokens['leader-alpha']}`)
      .send({ campaignId: B.campaignId, name: '探测', unitId: A.unitId, templateId: 'sdp-2009', startDate: '2026-12-07' })
      .expect(409);
    expect(answer.body.error).toBe('ID.NOT_AVAILABLE');
    expect(JSON.stringify(answer.body)).not.toMatch(/unit-beta|乙单位|already planned/);
  });

  it("lets unit B's own accounts work as before", async () => {
    await api.http.get(`/api/campaigns/${B.campaignId}/overview`).set('Authorization', `Bearer ${tokens['leader-beta']}`).expect(200);
    const file = await api.http
      .get(`/api/evidence/${ids.B.sha256}?campaignId=${B.campaignId}&branchId=B01`)
      .set('Authorization', `Bearer ${tokens['sec-beta']}`)
      .expect(200);
    expect(file.headers.etag).toBeDefined();
  });
});
