// Time travel over real HTTP on a real PostgreSQL: work done through the API, the live figures taken at a moment T,
// more work, then the state as of T must be exactly what the live endpoints showed at T; and the diff since T is that work.
import { addDays, branchWorkStream, campaignStream } from '@campaign-ledger/domain';
import { comparePositions, parsePosition, systemClock, type EventStore, type LogPosition } from '@campaign-ledger/event-store';
import { buildDemoOffice, DEMO_CAMPAIGN_ID, DEMO_UNIT_ID } from '../demo/demo-office';
import { officeToday } from '../infrastructure/office-today';
import { EVENT_STORE } from '../infrastructure/tokens';
import { appendDemo } from '../read-models/testing/read-model-fixtures';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

jest.setTimeout(120_000);

const CAMPAIGN = `/api/campaigns/${DEMO_CAMPAIGN_ID}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Instance {
  instanceKey: string;
  taskId: string;
  scope: string;
  status: string;
  subjectId: string;
}

describe('time travel over HTTP on real PostgreSQL', () => {
  let api: ApiTestApp;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const today = officeToday(systemClock);
  const get = (path: string, who: string) => api.http.get(path).set('Authorization', `Bearer ${tokens[who]}`);
  const post = (path: string, who: string) => api.http.post(path).set('Authorization', `Bearer ${tokens[who]}`);
  const touched = new Set<string>();

  /** The live endpoints' figures, as a web page would read them. */
  async function liveFigures() {
    const [overview, overdue, ranking, weekly] = await Promise.all([
      get(`${CAMPAIGN}/overview`, 'leader').expect(200),
      get(`${CAMPAIGN}/overdue`, 'leader').expect(200),
      get(`${CAMPAIGN}/ranking`, 'leader').expect(200),
      get(`${CAMPAIGN}/participation/weekly`, 'leader').expect(200),
    ]);
    return {
      overview: overview.body,
      overdue: overdue.body,
      ranking: ranking.body,
      participation: { overall: overview.body.participation, weekly: weekly.body },
    };
  }

  /** Waits until the live read model has projected the last event of every stream written here. */
  async function projected(): Promise<void> {
    let target: LogPosition | null = null;
    for (const streamId of touched) {
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last && (!target || comparePositions(last.logPosition, target) > 0)) target = last.logPosition;
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await get('/api/projections/status', 'admin');
      const at = status.body?.checkpoint ? parsePosition(status.body.checkpoint) : null;
      if (at && target && comparePositions(at, target) >= 0) return;
      if (Date.now() > deadline) throw new Error(`projection did not catch up: ${JSON.stringify(status.body)}`);
      await pause(50);
    }
  }

  async function openInstances(branchId: string, scope: string): Promise<Instance[]> {
    const dashboard = await get(`${CAMPAIGN}/branches/${branchId}/dashboard`, 'leader').expect(200);
    const all: Instance[] = [...dashboard.body.phases.flatMap((p: { instances: Instance[] }) => p.instances), ...dashboard.body.unphased];
    return all.filter((i) => i.status !== 'completed' && i.scope === scope);
  }

  const complete = async (branchId: string, instanceKey: string, note: string) => {
    touched.add(branchWorkStream(DEMO_CAMPAIGN_ID, branchId));
    await post(`${CAMPAIGN}/branches/${branchId}/instances/${encodeURIComponent(instanceKey)}/complete`, branchId)
      .send({ note })
      .expect(201);
  };
  const reopen = async (branchId: string, instanceKey: string, reason: string) => {
    touched.add(branchWorkStream(DEMO_CAMPAIGN_ID, branchId));
    await post(`${CAMPAIGN}/branches/${branchId}/instances/${encodeURIComponent(instanceKey)}/reopen`, branchId)
      .send({ reason })
      .expect(201);
  };
  /** A plan change with the ETag it needs. */
  const planChange = async (path: string, body: object) => {
    touched.add(campaignStream(DEMO_CAMPAIGN_ID));
    const campaign = await get(CAMPAIGN, 'leader').expect(200);
    await post(`${CAMPAIGN}${path}`, 'leader')
      .set('If-Match', campaign.headers.etag)
      .send(body)
      .expect((r) => {
        if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      });
  };

  let atT: string;
  let liveAtT: Awaited<ReturnType<typeof liveFigures>>;
  let reopenedLater: string;
  let completedLater: string;
  let cancelled: string;
  let moved: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    store = api.app.get(EVENT_STORE);
    await appendDemo(store, buildDemoOffice(today));
    touched.add(campaignStream(DEMO_CAMPAIGN_ID));
    tokens.leader = await api.signIn({ username: 'leader', password: 'leader-pass-1', role: 'leading_group', unitId: DEMO_UNIT_ID });
    tokens.auditor = await api.signIn({ username: 'auditor', password: 'auditor-pass-1', role: 'auditor', unitId: DEMO_UNIT_ID });
    tokens.admin = await api.signIn({ username: 'admin', password: 'admin-pass-1', role: 'administrator', unitId: DEMO_UNIT_ID });
    for (const branchId of ['B01', 'B02', 'B03']) {
      tokens[branchId] = await api.signIn({ username: `sec-${branchId}`, password: 'sec-pass-1', role: 'secretary', unitId: DEMO_UNIT_ID, branchId });
    }
    await projected();

    // Before T: completions in two branches, a study session with an absence, a reopening.
    const [b01First, b01Second] = await openInstances('B01', 'branch');
    await complete('B01', b01First.instanceKey, '支部学习计划已报备');
    await complete('B01', b01Second.instanceKey, '已完成');
    const [b02Member] = await openInstances('B02', 'member');
    await complete('B02', b02Member.instanceKey, '学习笔记已提交');
    const roster = await get(`/api/units/${DEMO_UNIT_ID}/branches/B02/roster`, 'B02').expect(200);
    const active = roster.body.members.filter((m: { status: string }) => m.status === 'active').map((m: { memberId: string }) => m.memberId);
    const attendance = Object.fromEntries(active.map((memberId: string, i: number) => [memberId, i === 0 ? 'absent' : i === 1 ? 'leave' : 'present']));
    touched.add(branchWorkStream(DEMO_CAMPAIGN_ID, 'B02'));
    await post(`${CAMPAIGN}/branches/B02/study-sessions`, 'B02').send({ sessionId: 'B02-TT', date: today, topic: '专题学习', attendance }).expect(201);
    await reopen('B01', b01First.instanceKey, '佐证材料不全');
    reopenedLater = b01Second.instanceKey;

    await projected();
    atT = new Date().toISOString();
    liveAtT = await liveFigures();
    await pause(50);

    // After T: another completion, a reopening, a make-up, and three plan changes.
    const [b03First] = await openInstances('B03', 'branch');
    completedLater = b03First.instanceKey;
    await complete('B03', completedLater, '补办');
    await reopen('B01', reopenedLater, '需补充签到表');
    await post(`${CAMPAIGN}/branches/B02/study-sessions/B02-TT/make-ups`, 'B02').send({ memberId: active[0], date: today, note: '自学补学' }).expect(201);
    const plan = (await get(CAMPAIGN, 'leader').expect(200)).body;
    const openTasks = plan.tasks.filter(
      (t: { cancelled: boolean; stageId: string; scope: string }) => !t.cancelled && t.stageId === 'S1' && t.scope === 'branch',
    );
    moved = openTasks[0].taskId;
    cancelled = openTasks[openTasks.length - 1].taskId;
    await planChange(`/tasks/${moved}/deadline`, { dueDate: addDays(today, 14), reason: '与督导组检查冲突，顺延两周' });
    await planChange('/tasks', {
      taskId: 'TT1',
      title: '撰写学习体会',
      stageId: 'S1',
      phaseId: 'P2',
      scope: 'branch',
      dueDate: addDays(today, 7),
      reason: '领导小组决定增加',
    });
    await planChange(`/tasks/${cancelled}/cancel`, { reason: '与集中学习合并' });
    await projected();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('as of T equals what the live overview, overdue list, ranking and participation showed at T', async () => {
    const now = await liveFigures();
    expect(now.overview.totals).not.toEqual(liveAtT.overview.totals); // the work after T changed the live figures

    const asOf = await get(`${CAMPAIGN}/as-of?at=${encodeURIComponent(atT)}`, 'auditor').expect(200);
    expect(asOf.body).toMatchObject({ campaignId: DEMO_CAMPAIGN_ID, at: atT, officeDate: liveAtT.overview.asOf });
    expect(asOf.body.position).toMatch(/^\d+\/\d+$/);
    expect(asOf.body.eventsReplayed).toBeGreaterThan(100);
    expect(asOf.body.eventsRead).toBeGreaterThanOrEqual(asOf.body.eventsReplayed);
    expect(asOf.body.overview).toEqual(liveAtT.overview);
    expect(asOf.body.overdue).toEqual(liveAtT.overdue);
    expect(asOf.body.ranking).toEqual(liveAtT.ranking);
    expect(asOf.body.participation).toEqual(liveAtT.participation);
  });

  it('as of now equals live now, and a day means the end of that office day', async () => {
    const at = new Date().toISOString();
    const live = await liveFigures();
    const asOf = await get(`${CAMPAIGN}/as-of?at=${encodeURIComponent(at)}`, 'leader').expect(200);
    const { overview, overdue, ranking, participation } = asOf.body;
    expect({ overview, overdue, ranking, participation }).toEqual(live);
    const endOfToday = await get(`${CAMPAIGN}/as-of?at=${today}`, 'admin').expect(200);
    expect(endOfToday.body.at).toBe(new Date(`${today}T23:59:59.999+08:00`).toISOString());
    expect(endOfToday.body.overview).toEqual(live.overview);
  });

  it('diffs T and now: exactly the work done after T, with who, when and why', async () => {
    const to = new Date().toISOString();
    const diff = await get(`${CAMPAIGN}/diff?from=${encodeURIComponent(atT)}&to=${encodeURIComponent(to)}`, 'auditor').expect(200);
    expect(diff.body).toMatchObject({ from: atT, to });
    expect(diff.body.summary).toEqual({ completed: 1, reopened: 1, added: 1, cancelled: 1, deadlineMoved: 1 });
    const changes = diff.body.changes as {
      type: string;
      instanceKey: string | null;
      taskId: string;
      branchId: string | null;
      title: string | null;
      actorId: string;
      actorRole: string;
      reason: string | null;
      recordedAt: string;
    }[];
    expect(changes.map((c) => `${c.type} ${c.instanceKey ?? c.taskId}`)).toEqual([
      `TaskCompleted ${completedLater}`,
      `TaskReopened ${reopenedLater}`,
      `TaskDeadlineMoved ${moved}`,
      'TaskAdded TT1',
      `TaskCancelled ${cancelled}`,
    ]);
    expect(changes[0]).toMatchObject({ branchId: 'B03', actorId: 'acc-sec-B03', actorRole: 'secretary', title: expect.any(String) });
    expect(changes[1]).toMatchObject({ branchId: 'B01', reason: '需补充签到表', actorRole: 'secretary' });
    expect(changes[2]).toMatchObject({
      branchId: null,
      instanceKey: null,
      reason: '与督导组检查冲突，顺延两周',
      actorId: 'acc-leader',
      actorRole: 'leading_group',
    });
    expect(changes[3]).toMatchObject({ title: '撰写学习体会', reason: '领导小组决定增加' });
    expect(changes.every((c) => Date.parse(c.recordedAt) > Date.parse(atT) && Date.parse(c.recordedAt) <= Date.parse(to))).toBe(true);

    // The state at T plus the diff is the state now.
    const [before, after] = await Promise.all([
      get(`${CAMPAIGN}/as-of?at=${encodeURIComponent(atT)}`, 'leader').expect(200),
      get(`${CAMPAIGN}/as-of?at=${encodeURIComponent(to)}`, 'leader').expect(200),
    ]);
    expect(diff.body.fromPosition).toBe(before.body.position);
    expect(after.body.overview.participation.byPersonSession.numerator).toBe(before.body.overview.participation.byPersonSession.numerator + 1);
  });

  it('answers 400 for a moment it cannot read, 404 for an unknown campaign or a moment before it, 403 to secretaries', async () => {
    const bad = await get(`${CAMPAIGN}/as-of?at=yesterday`, 'auditor').expect(400);
    expect(bad.body).toMatchObject({ error: 'AUDIT.INVALID_MOMENT', message: expect.stringContaining('"at" must be a day (YYYY-MM-DD') });
    await get(`${CAMPAIGN}/as-of`, 'auditor').expect(400);
    await get(`${CAMPAIGN}/as-of?at=2024-02-30`, 'auditor').expect(400);
    const unknown = await get('/api/campaigns/no-such-campaign/as-of?at=2024-03-01', 'auditor').expect(404);
    expect(unknown.body.message).toContain('no campaign no-such-campaign');
    const early = await get(`${CAMPAIGN}/as-of?at=2000-01-01`, 'leader').expect(404);
    expect(early.body.message).toContain('did not exist yet');
    // The overview's ?asOf= for an earlier day replays through the same library function.
    await get(`${CAMPAIGN}/overview?asOf=${addDays(today, -1)}`, 'leader').expect(404);
    await get(`${CAMPAIGN}/as-of?at=${today}`, 'B01').expect(403);

    const reversed = await get(`${CAMPAIGN}/diff?from=${today}&to=2000-01-01`, 'auditor').expect(400);
    expect(reversed.body.message).toContain('is after "to"');
    await get(`${CAMPAIGN}/diff?from=soon&to=${today}`, 'auditor').expect(400);
    await get(`${CAMPAIGN}/diff?from=${today}`, 'auditor').expect(400);
    await get(`/api/campaigns/no-such-campaign/diff?from=2000-01-01&to=${today}`, 'auditor').expect(404);
    await get(`${CAMPAIGN}/diff?from=2000-01-01&to=${today}`, 'B01').expect(403);
  });

  it("records an auditor's as-of and diff reads in the auditor's own stream", async () => {
    await get(`${CAMPAIGN}/as-of?at=${today}`, 'auditor').expect(200);
    await get(`${CAMPAIGN}/diff?from=2000-01-01&to=${today}`, 'auditor').expect(200);
    const reads = (await store.readStream('audit-reads-acc-auditor')).map((e) => e.data as { path: string; query: Record<string, string> });
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: `${CAMPAIGN}/as-of`, query: { at: today } }),
        expect.objectContaining({ path: `${CAMPAIGN}/diff`, query: { from: '2000-01-01', to: today } }),
      ]),
    );
  });
});
