// The audit endpoints over real HTTP on a fresh PostgreSQL: roles, filters, the record of auditors' reads, read-only auditors.
import type { EventStore } from '@campaign-ledger/event-store';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';
import { EVENT_STORE } from '../infrastructure/tokens';

const secretary = { id: 'acc-sec', role: 'secretary' };
const admin = { id: 'acc-admin', role: 'administrator' };

async function seed(store: EventStore): Promise<void> {
  const put = (streamId: string, type: string, data: unknown, actor: { id: string; role: string }, occurredAt: string, reason?: string) =>
    store.append(streamId, [{ type, data }], { expectedRevision: 'any', metadata: { actor, occurredAt, ...(reason ? { reason } : {}) } });
  await put('organisation-u9', 'MemberJoined', { unitId: 'u9', memberId: 'm-7', name: '张三', branchId: 'b1' }, admin, '2024-03-01T02:00:00.000Z');
  await put('campaign-c9', 'CampaignPlanned', { campaignId: 'c9', unitId: 'u9', title: '主题教育' }, admin, '2024-03-02T01:00:00.000Z');
  await put(
    'branchWork-c9:b1',
    'TaskCompleted',
    {
      campaignId: 'c9',
      branchId: 'b1',
      taskId: 't1',
      subjectId: 'b1',
      by: 'acc-sec',
      evidence: [{ fileName: '会议记录.pdf', sha256: 'cd'.repeat(32), size: 10, contentType: 'application/pdf' }],
    },
    secretary,
    '2024-03-04T03:00:00.000Z',
  );
  await put(
    'branchWork-c9:b1',
    'TaskReopened',
    { campaignId: 'c9', branchId: 'b1', taskId: 't1', reason: '材料不全' },
    admin,
    '2024-03-05T03:00:00.000Z',
    '材料不全',
  );
  await put(
    'branchWork-c9:b1',
    'ThreeOnesRecorded',
    { campaignId: 'c9', branchId: 'b1', memberId: 'm-7', title: '谈心' },
    secretary,
    '2024-03-07T03:00:00.000Z',
  );
  await put(
    'branchWork-c8:b1',
    'TaskCompleted',
    { campaignId: 'c8', branchId: 'b1', taskId: 't9', subjectId: 'b1', evidence: [] },
    secretary,
    '2024-03-08T03:00:00.000Z',
  );
}

/** readAll hides rows newer than any transaction running on the (shared) server: poll until `check` holds. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    const value = await read();
    if (check(value) || waited > 50_000) return value;
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe.each(['postgres', 'embedded'] as const)('audit over HTTP on %s', (backend) => {
  let api: ApiTestApp;
  let store: EventStore;
  let auditor: string;
  let leader: string;
  let administrator: string;
  let secretaryToken: string;

  beforeAll(async () => {
    api = await startApiTestApp({ backend, unitId: 'u9' });
    store = api.app.get(EVENT_STORE);
    auditor = await api.signIn({ username: 'aud', password: 'pw-aud-123456', role: 'auditor' });
    leader = await api.signIn({ username: 'lead', password: 'pw-lead-123456', role: 'leading_group' });
    administrator = await api.signIn({ username: 'admin', password: 'pw-admin-123456', role: 'administrator' });
    secretaryToken = await api.signIn({ username: 'sec', password: 'pw-sec-123456', role: 'secretary', branchId: 'b1', unitId: 'u9' });
    await seed(store);
  });

  afterAll(async () => {
    await api?.close();
  });

  const get = (path: string, token: string) => api.http.get(path).set('Authorization', `Bearer ${token}`);
  const campaignHistory = () =>
    eventually(
      () => get('/api/audit/history?campaignId=c9', leader),
      (r) => r.body.total === 4,
    );

  it("gives a campaign's history to the leading group, with actor, role, times, reason and evidence", async () => {
    const response = await campaignHistory();
    expect(response.status).toBe(200);
    expect(response.body.items.map((e: { streamId: string; type: string }) => `${e.streamId} ${e.type}`)).toEqual([
      'campaign-c9 CampaignPlanned',
      'branchWork-c9:b1 TaskCompleted',
      'branchWork-c9:b1 TaskReopened',
      'branchWork-c9:b1 ThreeOnesRecorded',
    ]);
    expect(response.body.items[1]).toMatchObject({
      actor: { id: 'acc-sec', role: 'secretary' },
      occurredAt: '2024-03-04T03:00:00.000Z',
      evidence: [{ sha256: 'cd'.repeat(32), fileName: '会议记录.pdf' }],
    });
    expect(response.body.items[2]).toMatchObject({ reason: '材料不全', actor: { role: 'administrator' } });
    expect(response.body.items[1].recordedAt).toMatch(/^\d{4}-/);
  });

  it('filters by branch, member, stream, type, dates and pages', async () => {
    await campaignHistory();
    const types = (body: { items: { type: string }[] }) => body.items.map((e) => e.type);
    const branch = await get('/api/audit/history?campaignId=c9&branchId=b1&type=TaskCompleted,TaskReopened', administrator);
    expect(types(branch.body)).toEqual(['TaskCompleted', 'TaskReopened']);
    const member = await get('/api/audit/history?memberId=m-7&from=2024-03-02&to=2024-03-07', auditor);
    expect(types(member.body)).toEqual(['ThreeOnesRecorded']);
    const stream = await get('/api/audit/history?stream=organisation-u9', auditor);
    expect(types(stream.body)).toEqual(['MemberJoined']);
    const paged = await get('/api/audit/history?campaignId=c9&pageSize=3&page=2', auditor);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 3, total: 4, pages: 2 });
    expect(types(paged.body)).toEqual(['ThreeOnesRecorded']);
  });

  it('answers 400 for filters it cannot apply, and 403 to secretaries', async () => {
    expect((await get('/api/audit/history?branchId=b1', auditor)).status).toBe(400);
    const badDay = await get('/api/audit/history?from=2024-02-30', auditor);
    expect(badDay.status).toBe(400);
    expect(JSON.stringify(badDay.body)).toContain('not a real calendar day');
    expect((await get('/api/audit/history?pageSize=0', auditor)).status).toBe(400);
    expect((await get('/api/audit/history?campaignId=c9', secretaryToken)).status).toBe(403);
  });

  it('verifies the chains for auditors and administrators only', async () => {
    const response = await get('/api/audit/verify', auditor);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, brokenCount: 0, broken: [] });
    expect(response.body.events).toBeGreaterThanOrEqual(6);
    expect((await get('/api/audit/verify', administrator)).status).toBe(200);
    expect((await get('/api/audit/verify', leader)).status).toBe(403);
  });

  it('verifies against a digest written down earlier: the log since only grew, a bad digest is a 400', async () => {
    const digest = (await get('/api/audit/digest', auditor)).body.digest as string;
    const check = await get(`/api/audit/verify?against=${encodeURIComponent(digest)}`, auditor);
    expect(check.status).toBe(200);
    // The digest read itself was recorded (AuditorRead) after the digest's position: the log grew, and that is fine.
    expect(check.body).toMatchObject({ ok: true, rootMatches: true, digest, verify: { ok: true } });
    expect(check.body.eventsSince).toBeGreaterThanOrEqual(0);
    const forged = digest.replace(/:[0-9a-f]{64}$/, `:${'0'.repeat(64)}`);
    const changed = await get(`/api/audit/verify?against=${encodeURIComponent(forged)}`, auditor);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ok: false, rootMatches: false });
    const bad = await get('/api/audit/verify?against=not-a-digest', auditor);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('not a ledger digest');
  });

  it('gives the digest and its manifest to auditors only', async () => {
    const response = await get('/api/audit/digest', auditor);
    expect(response.status).toBe(200);
    // An auditor of unit u9: the digest covers that unit's part of the log (and the streams every unit shares).
    expect(response.body.digest).toMatch(/^v2:unit\.u9:\d+:[0-9a-f]{64}$/);
    expect(response.body.digest).toBe(`v2:unit.u9:${response.body.events}:${response.body.root}`);
    expect(response.body.position).toMatch(/^\d+\/\d+$/);
    expect(response.body.manifest.streams.length).toBe(response.body.streams);
    expect((await get('/api/audit/digest', administrator)).status).toBe(403);
  });

  it("records every auditor's GET as AuditorRead in their own stream, left out of history by default", async () => {
    type Read = { data: { query: { memberId?: string; type?: string } } };
    const isThatRead = (e: Read) => e.data.query.memberId === 'm-7' && e.data.query.type === 'ThreeOnesRecorded';
    await get('/api/audit/history?memberId=m-7&type=ThreeOnesRecorded', auditor).expect(200);
    const reads = await eventually(
      () => get('/api/audit/history?stream=audit-reads-acc-aud&pageSize=1000', administrator),
      (r) => r.body.items?.some(isThatRead),
    );
    const read = reads.body.items.find(isThatRead);
    expect(read).toMatchObject({
      type: 'AuditorRead',
      actor: { id: 'acc-aud', role: 'auditor' },
      data: { path: '/api/audit/history', query: { memberId: 'm-7', type: 'ThreeOnesRecorded' } },
    });
    expect(Date.parse(read.data.at)).not.toBeNaN();
    const everything = await get('/api/audit/history?pageSize=1000', administrator);
    expect(everything.body.items.some((e: { type: string }) => e.type === 'AuditorRead')).toBe(false);
    const withReads = await get('/api/audit/history?pageSize=1000&includeAuditorReads=true', administrator);
    expect(withReads.body.items.some((e: { type: string }) => e.type === 'AuditorRead')).toBe(true);
    // Other roles' reads are not recorded.
    expect(reads.body.items.every((e: { actor: { role: string } }) => e.actor.role === 'auditor')).toBe(true);
  });

  it('does not serve a read it cannot record (503, nothing of the answer leaves)', async () => {
    const append = jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('event store down'));
    try {
      const response = await get('/api/audit/digest', auditor);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ error: 'AUDIT.READ_NOT_RECORDED' });
      expect(response.body.digest).toBeUndefined();
      expect(append).toHaveBeenCalledWith('audit-reads-acc-aud', expect.anything(), expect.anything());
    } finally {
      append.mockRestore();
    }
    expect((await get('/api/audit/digest', auditor)).status).toBe(200);
  });

  it('records HEAD requests too, refuses an address holding NUL (400), and never records a token from the address', async () => {
    const count = async () => (await store.readStream('audit-reads-acc-aud')).length;
    const before = await count();
    await api.http.head('/api/audit/history?campaignId=c9').set('Authorization', `Bearer ${auditor}`).expect(200);
    const [head] = await store.readStream('audit-reads-acc-aud', { direction: 'backwards', maxCount: 1 });
    expect(head.data).toMatchObject({ path: '/api/audit/history', method: 'HEAD', query: { campaignId: 'c9' } });
    const nul = await get('/api/campaigns/c9/dossier.xlsx?x=%00', auditor);
    expect(nul.status).toBe(400);
    expect(nul.body.error).toBe('REQUEST.INVALID_TEXT');
    await get('/api/audit/history?q=%C3%28', auditor).expect(400);
    expect(await count()).toBe(before + 1);
    // A token in the address is not accepted (proxies log addresses), and not recorded when a client sends one anyway.
    await api.http.get(`/api/campaigns/c9/overview/stream?access_token=${auditor}`).expect(401);
    await get(`/api/audit/history?campaignId=c9&access_token=${auditor}`, auditor).expect(400);
    // Under any name, in any case, as a value with "Bearer", or in the path: nothing token-shaped reaches the log.
    await get(`/api/campaigns/c9?token=${auditor}&Access_Token=${auditor}&x=${encodeURIComponent(`Bearer ${auditor}`)}`, auditor);
    await get(`/api/campaigns/c9/branches/${auditor}/dashboard`, auditor);
    await get(`/api/audit/history?campaignId=c9&password=hunter2-secret`, auditor);
    const reads = await store.readStream('audit-reads-acc-aud');
    const recorded = JSON.stringify(reads.map((e) => e.data));
    expect(recorded).not.toContain(auditor);
    expect(recorded).not.toContain(auditor.split('.')[1]);
    expect(recorded).not.toContain('hunter2-secret');
    expect(recorded).toContain('[redacted]');
  });

  it('refuses every write route to an auditor with 403 (logging in still works)', async () => {
    const branch = '/api/campaigns/c9/branches/b1';
    const writes = [
      '/api/accounts',
      '/api/units',
      '/api/units/u9/branches',
      '/api/units/u9/branches/b1/rename',
      '/api/units/u9/branches/b1/secretary',
      '/api/units/u9/divisions',
      '/api/units/u9/import',
      '/api/units/u9/members',
      '/api/units/u9/members/m-7/exempt',
      '/api/units/u9/members/m-7/leave',
      '/api/units/u9/members/m-7/reinstate',
      '/api/units/u9/members/m-7/transfer',
      '/api/campaigns',
      '/api/campaigns/c9/close',
      '/api/campaigns/c9/stages/s1/open',
      '/api/campaigns/c9/stages/s1/close',
      '/api/campaigns/c9/tasks',
      '/api/campaigns/c9/tasks/t1/cancel',
      '/api/campaigns/c9/tasks/t1/deadline',
      '/api/templates/validate',
      `${branch}/instances/k1/complete`,
      `${branch}/instances/k1/reopen`,
      `${branch}/quantities`,
      `${branch}/study-sessions`,
      `${branch}/study-sessions/ss1/make-ups`,
      `${branch}/three-ones`,
    ];
    for (const path of writes) {
      const response = await api.http.post(path).set('Authorization', `Bearer ${auditor}`).send({});
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    expect((await api.http.post('/api/auth/login').send({ username: 'aud', password: 'pw-aud-123456' })).status).toBe(200);
  });
});
