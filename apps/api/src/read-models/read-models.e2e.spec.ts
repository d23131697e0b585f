// Over real HTTP on a real PostgreSQL: overview and dashboard (roles), live updates within 2 s, status, metrics, SSE.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CAMPAIGN_ID, DEMO_UNIT_ID } from '../demo/demo-office';
import { JwtService } from '@nestjs/jwt';
import type { ApiTestApp } from '../testing/api-test-app';
import { startDemoApi, type DemoAccount, type DemoApi } from './testing/demo-api';

jest.setTimeout(90_000);

describe('read models over HTTP', () => {
  let demo: DemoApi;
  let api: ApiTestApp;
  let tokens: DemoApi['tokens'];
  let today: string;
  const get = (path: string, who: DemoAccount) => demo.get(path, who);
  const completeOpenBranchTask = (branchId: string) => demo.completeOpenBranchTask(branchId);

  beforeAll(async () => {
    demo = await startDemoApi();
    ({ api, tokens, today } = demo);
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('shows the campaign overview to the leading group, auditors and administrators only', async () => {
    const overview = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'leader').expect(200);
    expect(overview.body).toMatchObject({ campaignId: DEMO_CAMPAIGN_ID, asOf: today });
    expect(overview.body.stages.map((s: { stageId: string }) => s.stageId)).toEqual(['S1', 'S2', 'S3']);
    expect(overview.body.totals.applicable).toBeGreaterThan(overview.body.totals.done);
    expect(overview.body.totals.completion).toEqual({ numerator: overview.body.totals.done, denominator: overview.body.totals.applicable });
    expect(overview.body.halfYear).toHaveProperty('passes');
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'auditor').expect(200);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'admin').expect(200);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'b01').expect(403);
    await api.http.get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`).expect(401);
    await get('/api/campaigns/no-such-campaign/overview', 'leader').expect(404);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview?asOf=yesterday`, 'leader').expect(400);
  });

  it('an overview as of a day before anything was recorded replays the log to that day', async () => {
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview?asOf=2000-01-01`, 'auditor').expect(404);
  });

  it("shows a branch dashboard to its own secretary and the watchers, 403 to another branch's secretary", async () => {
    const own = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/B01/dashboard`, 'b01').expect(200);
    expect(own.body).toMatchObject({ branchId: 'B01', campaignId: DEMO_CAMPAIGN_ID });
    expect(own.body.sessions).toHaveLength(4);
    expect(own.body.threeOnes.members.length).toBeGreaterThan(0);
    expect(own.body.phases[0].instances[0]).toHaveProperty('colour');
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/B01/dashboard`, 'b02').expect(403);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/B01/dashboard`, 'leader').expect(200);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/B01/dashboard`, 'auditor').expect(200);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/NOPE/dashboard`, 'leader').expect(404);
  });

  it('reflects a completion appended to the log within 2 seconds', async () => {
    const before = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'leader').expect(200);
    const { instanceKey, appendedAt } = await completeOpenBranchTask('B01');
    let seenAfter = -1;
    while (Date.now() - appendedAt < 2_000) {
      const dashboard = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/B01/dashboard`, 'b01').expect(200);
      const instance = dashboard.body.phases
        .flatMap((p: { instances: { instanceKey: string; status: string }[] }) => p.instances)
        .find((i: { instanceKey: string }) => i.instanceKey === instanceKey);
      if (instance.status === 'completed') {
        seenAfter = Date.now() - appendedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(2_000);
    const after = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overview`, 'leader').expect(200);
    expect(after.body.totals.done).toBe(before.body.totals.done + 1);
    console.log(`completion visible over HTTP ${seenAfter} ms after the append`);
  });

  it('streams a fresh overview over server-sent events when the read model moves', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const overviews: { totals: { done: number } }[] = [];
    let response: IncomingMessage | null = null;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: `/api/campaigns/${DEMO_CAMPAIGN_ID}/overview/stream`,
      headers: { Authorization: `Bearer ${tokens.leader}` },
    });
    let buffer = '';
    request.on('response', (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((l) => l.startsWith('data: '));
          if (message.includes('event: overview') && data) overviews.push(JSON.parse(data.slice(6)));
        }
      });
    });
    request.end();
    const waitFor = async (count: number, ms: number) => {
      const deadline = Date.now() + ms;
      while (overviews.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return overviews.length >= count;
    };
    try {
      expect(await waitFor(1, 5_000)).toBe(true);
      expect(response!.headers['content-type']).toContain('text/event-stream');
      const { appendedAt } = await completeOpenBranchTask('B03');
      const target = overviews[0].totals.done + 1;
      let seenAfter = -1;
      while (Date.now() - appendedAt < 2_000) {
        if (overviews.some((o) => o.totals.done === target)) {
          seenAfter = Date.now() - appendedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seenAfter).toBeGreaterThanOrEqual(0);
      console.log(`overview pushed over SSE ${seenAfter} ms after the append`);
    } finally {
      request.destroy();
    }
  });

  it('ends a live stream when its token expires, and when its account is disabled', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    /** Opens the stream; resolves when it ends, with the events it carried and how long it lasted. */
    const watch = (token: string) =>
      new Promise<{ events: string[]; ms: number }>((done, fail) => {
        const started = Date.now();
        const events: string[] = [];
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          path: `/api/campaigns/${DEMO_CAMPAIGN_ID}/overview/stream`,
          headers: { Authorization: `Bearer ${token}` },
        });
        request.on('response', (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) =>
            events.push(
              ...chunk
                .split('\n')
                .filter((l) => l.startsWith('event: '))
                .map((l) => l.slice(7)),
            ),
          );
          res.on('end', () => {
            clearTimeout(giveUp);
            done({ events, ms: Date.now() - started });
          });
        });
        request.on('error', fail);
        request.end();
        const giveUp = setTimeout(() => {
          request.destroy();
          done({ events, ms: Date.now() - started });
        }, 20_000);
      });

    // A token that expires in two seconds (signed as the API signs them): the stream ends then, without anything moving.
    const me = (await get('/api/auth/me', 'auditor').expect(200)).body;
    const shortLived = await api.app.get(JwtService).signAsync({ sub: me.accountId, ep: 0, role: 'auditor' }, { expiresIn: 2 });
    const expired = await watch(shortLived);
    expect(expired.events[0]).toBe('overview');
    expect(expired.events[expired.events.length - 1]).toBe('signed-out');
    expect(expired.ms).toBeLessThan(5_000);

    // An account disabled while its stream is open: the stream ends at its next look.
    const viewer = await api.signIn({ username: 'stream-viewer', password: 'stream-viewer-pass', role: 'leading_group', unitId: DEMO_UNIT_ID });
    const watching = watch(viewer);
    await new Promise((r) => setTimeout(r, 500));
    const viewerId = (await api.http.get('/api/auth/me').set('Authorization', `Bearer ${viewer}`).expect(200)).body.accountId;
    await api.http.post(`/api/accounts/${viewerId}/disable`).set('Authorization', `Bearer ${tokens.root}`).send({ reason: '调离' }).expect(200);
    const disabled = await watching;
    expect(disabled.events[disabled.events.length - 1]).toBe('signed-out');
    expect(disabled.ms).toBeLessThan(8_000);
  });

  it('serves projection status and Prometheus metrics to administrators only (PUBLIC_METRICS=true opens them)', async () => {
    await api.http.get('/api/projections/status').expect(401);
    await api.http.get('/api/metrics').expect(401);
    await get('/api/projections/status', 'leader').expect(403);
    const status = await get('/api/projections/status', 'admin').expect(200);
    expect(status.body).toMatchObject({ state: 'active', eventsBehind: 0, secondsBehind: 0 });
    expect(status.body.lease.owner).toBe(status.body.me);
    const metrics = await get('/api/metrics', 'admin').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(/campaign_ledger_projection_lag_events 0/);
    expect(metrics.text).toMatch(/campaign_ledger_projection_lag_seconds 0/);
    expect(metrics.text).toMatch(/campaign_ledger_projection_events_total \d+/);
    // Read after the figures above: an auditor's read is itself recorded (one more event).
    await get('/api/metrics', 'auditor').expect(403);
  });

  it('lists overdue work, rankings, the heat map and weekly participation for the watchers', async () => {
    const overdue = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/overdue?limit=5`, 'leader').expect(200);
    expect(overdue.body.instances.length).toBeLessThanOrEqual(5);
    expect(overdue.body.red).toBeGreaterThan(0);
    expect(overdue.body.instances[0]).toMatchObject({ colour: 'red' });
    const ranking = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/ranking?by=participation`, 'auditor').expect(200);
    expect(ranking.body).toHaveLength(10);
    expect(ranking.body[0].rank).toBe(1);
    const heat = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/heat-map`, 'leader').expect(200);
    expect(heat.body.phases).toHaveLength(6);
    const weekly = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/participation/weekly`, 'leader').expect(200);
    expect(weekly.body).toHaveLength(4);
    await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/ranking`, 'b01').expect(403);
  });
});
