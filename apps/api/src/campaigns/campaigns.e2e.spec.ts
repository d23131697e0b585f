// Campaigns over real HTTP on a fresh PostgreSQL: templates, planning, plan edits with If-Match, stage transitions, instance reads.
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  organisationDecider,
  organisationStream,
  rosterOn,
  type OrganisationCommand,
  type OrganisationEvent,
} from '@campaign-ledger/domain';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { AggregateStore } from '../infrastructure/event-sourcing/aggregate-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

// 2009-04-01 at noon in Wuhan: week 3 of the 2009 campaign (week 1 starts Monday 2009-03-16).
const clock: Clock = { now: () => new Date('2009-04-01T04:00:00Z') };
const SYSTEM = { actor: { id: 'system:test', role: 'system' } };
const C = 'sdp2009';

const userTemplate = {
  name: '学习贯彻主题教育（重点措施）',
  weeks: 8,
  tracks: [
    { id: 'K1', name: '学习教育' },
    { id: 'K2', name: '检视整改' },
  ],
  tasks: [
    { id: 'A1', title: '制定学习计划', track: 'K1', scope: 'branch', due_week: 1 },
    { id: 'A2', title: '撰写心得', track: 'K1', scope: 'member', due_week: 6 },
    { id: 'A3', title: '调研报告', track: 'K2', scope: 'unit', due_week: 8, kind: 'quantity', target: 10, challenge: 12 },
  ],
};

describe('campaigns over HTTP on real PostgreSQL', () => {
  let t: ApiTestApp;
  let store: EventStore;
  let leader: string;
  let auditor: string;
  let admin: string;
  let secB1: string;
  let secB2: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Revision of a stream straight from the event store (-1: no stream). */
  const revisionOf = async (streamId: string) => (await store.streamHead(streamId))?.revision ?? -1;
  const etag = async () => (await t.http.get(`/api/campaigns/${C}`).set(auth(leader)).expect(200)).headers['etag'] as string;

  async function seedOrganisation(unitId: string): Promise<void> {
    const commands: OrganisationCommand[] = [
      { type: 'RegisterUnit', data: { unitId, name: '市政协机关', code: 'WHZX' } },
      { type: 'AddDivision', data: { divisionId: 'D1', name: '秘书处' } },
      { type: 'AddDivision', data: { divisionId: 'D2', name: '人事处' } },
      { type: 'AddBranch', data: { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记' } },
      { type: 'AddBranch', data: { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记' } },
      { type: 'JoinMember', data: { memberId: 'M01', name: '王主任', branchId: 'B1', isLeader: true, joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M02', name: '赵同志', branchId: 'B1', joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M03', name: '钱同志', branchId: 'B2', joinedOn: '2008-01-02' } },
    ];
    let state = organisationDecider.initialState();
    const events: OrganisationEvent[] = [];
    for (const command of commands) {
      const decided = organisationDecider.decide(command, state);
      state = decided.reduce(organisationDecider.evolve, state);
      events.push(...decided);
    }
    await store.append(organisationStream(unitId), events, { expectedRevision: 'no_stream', metadata: SYSTEM });
  }

  /** A secretary's (or the office's) completion, written through the branch-work decider as the branch-work API will. */
  async function complete(branchId: string, instanceKey: string): Promise<void> {
    const aggregates = t.app.get(AggregateStore);
    const plan = (await aggregates.load(campaignStream(C), campaignDecider)).state;
    const organisation = (await aggregates.load(organisationStream('U1'), organisationDecider)).state;
    await aggregates.handle(
      branchWorkStream(C, branchId),
      branchWorkDecider,
      { type: 'CompleteTaskInstance', data: { campaignId: C, branchId, instanceKey, note: '已完成', evidence: [], completedOn: '2009-03-30', by: 'test' } },
      () => ({ plan, roster: rosterOn(organisation, branchId, '2009-03-30') }),
      { metadata: SYSTEM },
    );
  }

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    store = t.app.get<EventStore>(EVENT_STORE);
    [leader, auditor, admin, secB1, secB2] = await Promise.all([
      t.signIn({ username: 'leader', password: 'leader-password', role: 'leading_group' }),
      t.signIn({ username: 'auditor', password: 'auditor-password', role: 'auditor' }),
      t.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' }),
      t.signIn({ username: 'sec-b1', password: 'sec-b1-password', role: 'secretary', branchId: 'B1' }),
      t.signIn({ username: 'sec-b2', password: 'sec-b2-password', role: 'secretary', branchId: 'B2' }),
    ]);
    await seedOrganisation('U1');
  });
  afterAll(() => t?.close());

  describe('templates', () => {
    it('lists the built-in templates and returns the parsed 2009 plan', async () => {
      const list = await t.http.get('/api/templates').set(auth(secB1)).expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({
          id: 'sdp-2009',
          summary: expect.objectContaining({ structure: 'stages', counts: { stages: 3, phases: 6, tracks: 0, tasks: 39 } }),
        }),
      ]);
      const one = await t.http.get('/api/templates/sdp-2009').set(auth(leader)).expect(200);
      expect(one.body.template.stages.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2', 'S3']);
      expect(one.body.template.tasks).toHaveLength(39);
      const missing = await t.http.get('/api/templates/sdp-2099').set(auth(leader)).expect(404);
      expect(missing.body).toMatchObject({ error: 'TEMPLATE.NOT_FOUND' });
      expect(missing.body.message).toContain('sdp-2009');
    });

    it('validates a user template: 200 with a summary, or 400 with every problem and its JSON path', async () => {
      const ok = await t.http.post('/api/templates/validate').set(auth(leader)).send(userTemplate).expect(200);
      expect(ok.body).toEqual({
        valid: true,
        summary: expect.objectContaining({ structure: 'tracks', counts: { stages: 0, phases: 0, tracks: 2, tasks: 3 } }),
      });
      const bad = await t.http
        .post('/api/templates/validate')
        .set(auth(leader))
        .send({
          name: '坏模板',
          tracks: [{ id: 'K1', name: '学习' }],
          tasks: [
            { id: 'X1', title: '任务', track: 'K9', scope: 'team', due_week: 0 },
            { id: 'X1', title: '重复', scope: 'unit' },
          ],
        })
        .expect(400);
      expect(bad.body.error).toBe('TEMPLATE.INVALID');
      const paths = bad.body.details.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['tasks[0].scope', 'tasks[0].track', 'tasks[0].due_week', 'tasks[1].id', 'tasks[1].due_week']));
      expect(bad.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(paths);
      await t.http.post('/api/templates/validate').set(auth(leader)).send([1, 2]).expect(400);
    });
  });

  describe('planning', () => {
    it('plans the 2009 campaign from the built-in template: 3 stages, 6 phases, 39 tasks, ETag "0"', async () => {
      const planned = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ campaignId: C, unitId: 'U1', name: '深入学习实践科学发展观活动', templateId: 'sdp-2009', startDate: '2009-03-16' })
        .expect(201);
      expect(planned.headers['etag']).toBe('"0"');
      expect(planned.headers['location']).toBe(`/api/campaigns/${C}`);
      const got = await t.http.get(`/api/campaigns/${C}`).set(auth(auditor)).expect(200);
      expect(got.headers['etag']).toBe('"0"');
      expect(got.body).toMatchObject({
        campaignId: C,
        unitId: 'U1',
        status: 'planned',
        startDate: '2009-03-16',
        endDate: '2009-08-30',
        officeBranchId: '_unit',
        templateCode: 'sdp-2009-b2-whzx',
        counts: { stages: 3, phases: 6, tracks: 0, tasks: 39, activeTasks: 39, cancelledTasks: 0, carriedOver: 0 },
        currentStageId: null,
        revision: 0,
        etag: '"0"',
      });
      expect(got.body.stages.map((s: { stageId: string; status: string }) => `${s.stageId}:${s.status}`)).toEqual(['S1:pending', 'S2:pending', 'S3:pending']);
      expect(got.body.tasks).toHaveLength(39);
      expect(got.body.stages[0]).toMatchObject({ startDate: '2009-03-16', endDate: '2009-05-17' });
    });

    it('plans from an inline user template with parallel tracks instead of stages', async () => {
      const planned = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ campaignId: 'theme-2019', unitId: 'U1', name: '主题教育', template: userTemplate, startDate: '2019-06-03', officeBranchId: 'B1' })
        .expect(201);
      expect(planned.body).toMatchObject({
        endDate: '2019-07-28',
        officeBranchId: 'B1',
        counts: { stages: 0, phases: 0, tracks: 2, tasks: 3 },
        stages: [],
      });
      expect(planned.body.tracks.map((k: { trackId: string }) => k.trackId)).toEqual(['K1', 'K2']);
      expect(planned.body.tasks.find((x: { taskId: string }) => x.taskId === 'A3')).toMatchObject({
        kind: 'quantity',
        target: 10,
        challenge: 12,
        trackId: 'K2',
      });
      // Without stages there is nothing to open.
      await t.http.post('/api/campaigns/theme-2019/stages/S1/open').set(auth(leader)).expect(404);
    });

    it('answers bad planning input with 400 and writes nothing', async () => {
      const missing = await t.http.post('/api/campaigns').set(auth(leader)).send({ campaignId: 'bad-1' }).expect(400);
      expect(missing.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['unitId', 'name', 'startDate', 'templateId', 'template']),
      );
      const types = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ campaignId: 'bad-1', unitId: 7, name: ['x'], templateId: 'sdp-2009', startDate: 20090316, extra: true })
        .expect(400);
      expect(types.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'name', 'startDate', 'unitId']);
      const base = { campaignId: 'bad-1', unitId: 'U1', name: '活动' };
      const tuesday = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, templateId: 'sdp-2009', startDate: '2009-03-17' })
        .expect(400);
      expect(tuesday.body).toMatchObject({ error: 'COMMAND.INVALID', details: { path: 'startDate' } });
      expect(tuesday.body.message).toContain('Monday');
      const template = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, startDate: '2009-03-16', template: { name: 'x', tasks: [{ id: 'A1', title: 't', scope: 'everyone', due_week: 1 }] } })
        .expect(400);
      expect(template.body.error).toBe('TEMPLATE.INVALID');
      expect(template.body.details.errors).toEqual([expect.objectContaining({ path: 'template.tasks[0].scope' })]);
      const both = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, startDate: '2009-03-16', templateId: 'sdp-2009', template: userTemplate })
        .expect(400);
      expect(both.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['template']);
      const unknown = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, startDate: '2009-03-16', templateId: 'nope' })
        .expect(400);
      expect(unknown.body.fieldErrors).toEqual([expect.objectContaining({ field: 'templateId' })]);
      await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, startDate: '2009-13-40', templateId: 'sdp-2009' })
        .expect(400);
      const noUnit = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ ...base, unitId: 'U404', startDate: '2009-03-16', templateId: 'sdp-2009' })
        .expect(404);
      expect(noUnit.body.error).toBe('UNIT.NOT_REGISTERED');
      expect(await revisionOf(campaignStream('bad-1'))).toBe(-1);
      const again = await t.http
        .post('/api/campaigns')
        .set(auth(leader))
        .send({ campaignId: C, unitId: 'U1', name: 'x', templateId: 'sdp-2009', startDate: '2009-03-16' })
        .expect(409);
      expect(again.body.error).toBe('CAMPAIGN.ALREADY_PLANNED');
      expect(await revisionOf(campaignStream(C))).toBe(0);
    });

    it('lets only the leading group plan: secretaries and auditors get 403 and nothing is written', async () => {
      const body = { campaignId: 'forbidden-1', unitId: 'U1', name: '活动', templateId: 'sdp-2009', startDate: '2009-03-16' };
      for (const token of [secB1, auditor, admin]) await t.http.post('/api/campaigns').set(auth(token)).send(body).expect(403);
      expect(await revisionOf(campaignStream('forbidden-1'))).toBe(-1);
      await t.http.get('/api/campaigns/forbidden-1').set(auth(leader)).expect(404);
    });

    it('lists the campaigns of a unit', async () => {
      let ids: string[] = [];
      for (let i = 0; i < 50 && ids.length < 2; i += 1) {
        ids = (await t.http.get('/api/campaigns?unitId=U1').set(auth(auditor)).expect(200)).body.campaigns.map((c: { campaignId: string }) => c.campaignId);
        if (ids.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(ids).toEqual(['theme-2019', C]);
      // Another unit answers as a unit that does not exist.
      await t.http.get('/api/campaigns?unitId=U2').set(auth(auditor)).expect(404);
      await t.http.get('/api/campaigns?unitId=').set(auth(auditor)).expect(400);
    });
  });

  describe('stages and plan edits', () => {
    it('opens stage 1 today; stage 2 cannot open before stage 1 closes', async () => {
      const opened = await t.http.post(`/api/campaigns/${C}/stages/S1/open`).set(auth(leader)).expect(200);
      expect(opened.headers['etag']).toBe('"1"');
      expect(opened.body).toMatchObject({
        currentStageId: 'S1',
        stages: [expect.objectContaining({ stageId: 'S1', status: 'open', openedOn: '2009-04-01' }), expect.anything(), expect.anything()],
      });
      const early = await t.http.post(`/api/campaigns/${C}/stages/S2/open`).set(auth(leader)).expect(412);
      expect(early.body.error).toBe('STAGE.OUT_OF_ORDER');
      await t.http.post(`/api/campaigns/${C}/stages/S1/open`).set(auth(leader)).expect(409);
      await t.http.post(`/api/campaigns/${C}/stages/S9/open`).set(auth(leader)).expect(404);
      expect(await etag()).toBe('"1"');
    });

    it('adds a task only with a current If-Match: missing → 428, stale → 412, good → 201 with a new ETag', async () => {
      const task = {
        taskId: 'T40',
        title: '专题学习讨论',
        phaseId: 'P1',
        scope: 'branch',
        dueDate: '2009-04-20',
        evidence: ['会议记录'],
        reason: '市委督导组要求增加专题讨论',
      };
      const missing = await t.http.post(`/api/campaigns/${C}/tasks`).set(auth(leader)).send(task).expect(428);
      expect(missing.body.error).toBe('PRECONDITION.IF_MATCH_REQUIRED');
      expect(missing.body.message).toMatch(/If-Match/);
      expect(missing.body.message).toMatch(/GET \/api\/campaigns\/sdp2009/);
      const stale = await t.http.post(`/api/campaigns/${C}/tasks`).set(auth(leader)).set('If-Match', '"0"').send(task).expect(412);
      expect(stale.body).toMatchObject({ error: 'PRECONDITION.ETAG_MISMATCH', details: { currentETag: '"1"', sent: '"0"' } });
      expect(stale.body.message).toContain('"1"');
      expect(stale.headers['etag']).toBe('"1"');
      // A header that is no ETag at all is a malformed request (400), as on every other If-Match route.
      const malformed = await t.http.post(`/api/campaigns/${C}/tasks`).set(auth(leader)).set('If-Match', 'garbage').send(task).expect(400);
      expect(malformed.body.error).toBe('REQUEST.IF_MATCH_MALFORMED');
      expect(await revisionOf(campaignStream(C))).toBe(1);

      const added = await t.http.post(`/api/campaigns/${C}/tasks`).set(auth(leader)).set('If-Match', '"1"').send(task).expect(201);
      expect(added.headers['etag']).toBe('"2"');
      expect(added.body.counts.tasks).toBe(40);
      expect(added.body.tasks.find((x: { taskId: string }) => x.taskId === 'T40')).toMatchObject({
        stageId: 'S1',
        phaseId: 'P1',
        scope: 'branch',
        dueDate: '2009-04-20',
        mandatory: true,
      });
      const dup = await t.http.post(`/api/campaigns/${C}/tasks`).set(auth(leader)).set('If-Match', '"2"').send(task).expect(409);
      expect(dup.body.error).toBe('TASK.ALREADY_EXISTS');
    });

    it('refuses bad plan edits with 400 / 404 and writes nothing', async () => {
      const before = await revisionOf(campaignStream(C));
      const noReason = await t.http
        .post(`/api/campaigns/${C}/tasks/T05/deadline`)
        .set(auth(leader))
        .set('If-Match', `"${before}"`)
        .send({ dueDate: '2009-04-12' })
        .expect(400);
      expect(noReason.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      const wrongType = await t.http
        .post(`/api/campaigns/${C}/tasks`)
        .set(auth(leader))
        .set('If-Match', `"${before}"`)
        .send({ taskId: 'T41', title: 42, scope: 'galaxy', dueDate: 'soon', mandatory: 'yes', reason: 'r' })
        .expect(400);
      expect(wrongType.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['dueDate', 'mandatory', 'scope', 'title']);
      const outside = await t.http
        .post(`/api/campaigns/${C}/tasks/T05/deadline`)
        .set(auth(leader))
        .set('If-Match', `"${before}"`)
        .send({ dueDate: '2010-01-15', reason: '推迟' })
        .expect(400);
      expect(outside.body.error).toBe('CAMPAIGN.DATE_OUTSIDE');
      const unknownTask = await t.http
        .post(`/api/campaigns/${C}/tasks/T99/deadline`)
        .set(auth(leader))
        .set('If-Match', `"${before}"`)
        .send({ dueDate: '2009-04-12', reason: '推迟' })
        .expect(404);
      expect(unknownTask.body.error).toBe('TASK.NOT_FOUND');
      await t.http.post(`/api/campaigns/${C}/tasks/T99/cancel`).set(auth(leader)).set('If-Match', `"${before}"`).send({ reason: '取消' }).expect(404);
      const unknownCampaign = await t.http
        .post('/api/campaigns/nope/tasks/T05/cancel')
        .set(auth(leader))
        .set('If-Match', '"0"')
        .send({ reason: '取消' })
        .expect(404);
      expect(unknownCampaign.body.error).toBe('CAMPAIGN.NOT_FOUND');
      await t.http.get('/api/campaigns/nope').set(auth(leader)).expect(404);
      const wrongStage = await t.http
        .post(`/api/campaigns/${C}/tasks`)
        .set(auth(leader))
        .set('If-Match', `"${before}"`)
        .send({ taskId: 'T41', title: '任务', stageId: 'S7', scope: 'unit', dueDate: '2009-04-20', reason: 'r' })
        .expect(404);
      expect(wrongStage.body.error).toBe('PLAN.REFERENCE_NOT_FOUND');
      expect(await revisionOf(campaignStream(C))).toBe(before);
    });

    it('moves a deadline and cancels a task with If-Match, each answering the new ETag', async () => {
      await t.http.post(`/api/campaigns/${C}/tasks/T05/deadline`).set(auth(leader)).send({ dueDate: '2009-04-12', reason: '推迟' }).expect(428);
      const moved = await t.http
        .post(`/api/campaigns/${C}/tasks/T05/deadline`)
        .set(auth(leader))
        .set('If-Match', '"2"')
        .send({ dueDate: '2009-04-12', reason: '与督导检查时间冲突' })
        .expect(200);
      expect(moved.headers['etag']).toBe('"3"');
      expect(moved.body.tasks.find((x: { taskId: string }) => x.taskId === 'T05').dueDate).toBe('2009-04-12');
      await t.http.post(`/api/campaigns/${C}/tasks/T09/cancel`).set(auth(leader)).set('If-Match', '"2"').send({ reason: '上级取消' }).expect(412);
      await t.http.post(`/api/campaigns/${C}/tasks/T09/cancel`).set(auth(leader)).send({ reason: '上级取消' }).expect(428);
      const cancelled = await t.http
        .post(`/api/campaigns/${C}/tasks/T09/cancel`)
        .set(auth(leader))
        .set('If-Match', 'W/"3"')
        .send({ reason: '上级取消' })
        .expect(200);
      expect(cancelled.headers['etag']).toBe('"4"');
      expect(cancelled.body.counts).toMatchObject({ tasks: 40, activeTasks: 39, cancelledTasks: 1 });
      expect(cancelled.body.tasks.find((x: { taskId: string }) => x.taskId === 'T09')).toMatchObject({ cancelled: true, cancelReason: '上级取消' });
      expect(await etag()).toBe('"4"');
    });

    it('forbids every write to auditors and secretaries (403) and writes nothing', async () => {
      const before = await revisionOf(campaignStream(C));
      const writes: [string, object][] = [
        [`/api/campaigns/${C}/tasks`, { taskId: 'T50', title: 'x', phaseId: 'P1', scope: 'unit', dueDate: '2009-04-20', reason: 'r' }],
        [`/api/campaigns/${C}/tasks/T05/deadline`, { dueDate: '2009-04-19', reason: 'r' }],
        [`/api/campaigns/${C}/tasks/T05/cancel`, { reason: 'r' }],
        [`/api/campaigns/${C}/stages/S1/close`, { carryOver: true }],
        [`/api/campaigns/${C}/stages/S2/open`, {}],
        [`/api/campaigns/${C}/close`, {}],
      ];
      for (const token of [auditor, secB1, admin]) {
        for (const [path, body] of writes) {
          const response = await t.http.post(path).set(auth(token)).set('If-Match', `"${before}"`).send(body);
          expect({ path, status: response.status }).toEqual({ path, status: 403 });
        }
      }
      expect(await revisionOf(campaignStream(C))).toBe(before);
    });
  });

  describe('branch instances and stage transitions', () => {
    beforeAll(async () => {
      await complete('B1', 'T05:branch:B1');
      await complete('_unit', 'T01:unit');
    });

    it("reads a branch's instances with status, due date and overdue flag", async () => {
      const b1 = await t.http.get(`/api/campaigns/${C}/instances?branchId=B1`).set(auth(leader)).expect(200);
      // B1: 5 branch tasks (T05 T11 T13 T22 + added T40), 9 weekly (stage 1 weeks), 5 member tasks × 2 members, 3 leader tasks × 1 leader.
      expect(b1.body).toMatchObject({
        campaignId: C,
        branchId: 'B1',
        asOf: '2009-04-01',
        counts: { total: 27, completed: 1, open: 26, carried_over: 0, cancelled: 0, overdue: 2 },
      });
      const byKey = new Map(b1.body.instances.map((i: { key: string }) => [i.key, i]));
      expect(byKey.get('T05:branch:B1')).toMatchObject({
        status: 'completed',
        completedOn: '2009-03-30',
        dueDate: '2009-04-12',
        overdue: false,
        title: expect.any(String),
      });
      expect(byKey.get('T06:week:B1:2009-03-16')).toMatchObject({ status: 'open', dueDate: '2009-03-22', overdue: true });
      expect(byKey.get('T06:week:B1:2009-03-30')).toMatchObject({ status: 'open', dueDate: '2009-04-05', overdue: false });
      expect(byKey.get('T10:leader:M01')).toMatchObject({ scope: 'leader', subjectId: 'M01' });

      const unit = await t.http.get(`/api/campaigns/${C}/instances?branchId=_unit`).set(auth(auditor)).expect(200);
      expect(unit.body.counts).toMatchObject({ total: 23 + 3 * 2, completed: 1, cancelled: 1 });
      expect(unit.body.instances.find((i: { key: string }) => i.key === 'T09:unit')).toMatchObject({ status: 'cancelled', overdue: false });

      const own = await t.http.get(`/api/campaigns/${C}/instances`).set(auth(secB1)).expect(200);
      expect(own.body.branchId).toBe('B1');
      await t.http.get(`/api/campaigns/${C}/instances?branchId=B2`).set(auth(secB1)).expect(403);
      await t.http.get(`/api/campaigns/${C}/instances?branchId=B2`).set(auth(secB2)).expect(200);
      await t.http.get(`/api/campaigns/${C}/instances?branchId=B2`).set(auth(admin)).expect(200);
      await t.http.get(`/api/campaigns/${C}/instances`).set(auth(leader)).expect(400);
      const unknownBranch = await t.http.get(`/api/campaigns/${C}/instances?branchId=B9`).set(auth(leader)).expect(404);
      expect(unknownBranch.body.error).toBe('BRANCH.NOT_FOUND');
      await t.http.get('/api/campaigns/nope/instances?branchId=B1').set(auth(leader)).expect(404);
    });

    // Stage 1's mandatory instances not completed on 2009-04-01:
    // unit level: 8 unit tasks (T01-T04 T08 T09 T12 T16) − T09 cancelled − T01 done = 6;
    // B1: branch T05 T11 T13 T40 − T05 done = 3, 9 weekly T06, (T07 T14 T15) × 2 members = 6, T10 × 1 leader = 1 → 19;
    // B2: branch 4, weekly 9, member tasks × 1 member = 3, no leader → 16.
    const UNFINISHED = { _unit: 6, B1: 19, B2: 16 };
    const TOTAL = UNFINISHED._unit + UNFINISHED.B1 + UNFINISHED.B2;

    it('refuses to close stage 1 with unfinished work (412 with the count) and writes nothing', async () => {
      const before = await revisionOf(campaignStream(C));
      const preview = await t.http.get(`/api/campaigns/${C}/stages/S1/unfinished`).set(auth(auditor)).expect(200);
      expect(preview.body).toMatchObject({ stageId: 'S1', asOf: '2009-04-01', count: TOTAL, byBranch: UNFINISHED });
      expect(preview.body.instances.map((i: { instanceKey: string }) => i.instanceKey)).not.toContain('T05:branch:B1');
      await t.http.get(`/api/campaigns/${C}/stages/S1/unfinished`).set(auth(secB1)).expect(403);

      const refused = await t.http.post(`/api/campaigns/${C}/stages/S1/close`).set(auth(leader)).send({ carryOver: false }).expect(412);
      expect(refused.body).toMatchObject({ error: 'STAGE.UNFINISHED_WORK', details: { stageId: 'S1', unfinished: TOTAL } });
      expect(refused.body.message).toContain(String(TOTAL));
      await t.http.post(`/api/campaigns/${C}/stages/S1/close`).set(auth(leader)).send({}).expect(400);
      await t.http.post(`/api/campaigns/${C}/stages/S1/close`).set(auth(leader)).send({ carryOver: 'yes' }).expect(400);
      await t.http.post(`/api/campaigns/${C}/stages/S1/close`).set(auth(leader)).set('If-Match', '"0"').send({ carryOver: true }).expect(412);
      await t.http.post(`/api/campaigns/${C}/stages/S2/close`).set(auth(leader)).send({ carryOver: true }).expect(412);
      const early = await t.http.post(`/api/campaigns/${C}/close`).set(auth(leader)).send({}).expect(412);
      expect(early.body.error).toBe('CAMPAIGN.STAGES_NOT_CLOSED');
      expect(await revisionOf(campaignStream(C))).toBe(before);
    });

    it('closes stage 1 with carry-over: the unfinished instances are listed as carried into stage 2', async () => {
      const closed = await t.http
        .post(`/api/campaigns/${C}/stages/S1/close`)
        .set(auth(leader))
        .set('If-Match', await etag())
        .send({ carryOver: true, reason: '经领导小组研究，未完成事项结转下一阶段' })
        .expect(200);
      expect(closed.headers['etag']).toBe('"5"');
      expect(closed.body.stages[0]).toMatchObject({ stageId: 'S1', status: 'closed', closedOn: '2009-04-01', carriedOverCount: TOTAL });
      expect(closed.body.counts.carriedOver).toBe(TOTAL);
      expect(closed.body.carriedOver).toHaveLength(TOTAL);
      expect(closed.body.carriedOver).toContainEqual(
        expect.objectContaining({ instanceKey: 'T06:week:B1:2009-03-16', branchId: 'B1', fromStageId: 'S1', toStageId: 'S2', taskTitle: expect.any(String) }),
      );
      const events = await store.readStream(campaignStream(C));
      expect(events[events.length - 1]).toMatchObject({
        type: 'StageClosed',
        metadata: { actor: { id: 'acc-leader', role: 'leading_group' }, reason: expect.stringContaining('结转') },
      });

      const list = await t.http.get(`/api/campaigns/${C}/carried-over`).set(auth(auditor)).expect(200);
      expect(list.body.count).toBe(TOTAL);
      const mine = await t.http.get(`/api/campaigns/${C}/carried-over`).set(auth(secB1)).expect(200);
      expect(mine.body.count).toBe(UNFINISHED.B1);
      expect(mine.body.carriedOver.every((c: { branchId: string }) => c.branchId === 'B1')).toBe(true);

      const b1 = await t.http.get(`/api/campaigns/${C}/instances?branchId=B1`).set(auth(secB1)).expect(200);
      expect(b1.body.counts).toMatchObject({ carried_over: UNFINISHED.B1, completed: 1 });
      expect(b1.body.instances.find((i: { key: string }) => i.key === 'T11:branch:B1')).toMatchObject({ status: 'carried_over', carriedOverTo: 'S2' });
      await t.http.post(`/api/campaigns/${C}/stages/S1/close`).set(auth(leader)).send({ carryOver: true }).expect(409);
    });
  });
});
