import { createHash } from 'node:crypto';
import { branchWorkStream, UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import type { BlobStore } from '@campaign-ledger/runtime';
import { BLOB_STORE, EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';
import { CAMPAIGN, CANCELLED_TASK, QUANTITY_TASK, seedOffice } from './testing/seed-office';

const clock = { now: () => new Date('2009-04-01T02:00:00Z') };
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const branch = (branchId: string) => `/api/campaigns/${CAMPAIGN}/branches/${branchId}`;
const instance = (branchId: string, key: string, action: string) => `${branch(branchId)}/instances/${encodeURIComponent(key)}/${action}`;

describe('branch work over HTTP on real PostgreSQL: a secretary’s day', () => {
  let t: ApiTestApp;
  let store: EventStore;
  let secretaryB1: string;
  let secretaryB2: string;
  let leader: string;
  let auditor: string;
  let admin: string;
  const minutes = Buffer.from('%PDF-1.4 支部委员会会议记录 2009-03-27\n');
  const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

  const revision = async (branchId: string) => (await store.streamHead(branchWorkStream(CAMPAIGN, branchId)))?.revision ?? -1;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    store = t.app.get(EVENT_STORE);
    await seedOffice(store);
    secretaryB1 = await t.signIn({ username: 'sec-b1', password: 'secret-b1-pass', role: 'secretary', branchId: 'B1' });
    secretaryB2 = await t.signIn({ username: 'sec-b2', password: 'secret-b2-pass', role: 'secretary', branchId: 'B2' });
    leader = await t.signIn({ username: 'leader', password: 'leader-pass', role: 'leading_group' });
    auditor = await t.signIn({ username: 'auditor', password: 'auditor-pass', role: 'auditor' });
    admin = await t.signIn({ username: 'admin', password: 'admin-pass', role: 'administrator' });
  });
  afterAll(() => t?.close());

  it('completes a branch task with a note and two evidence files, kept by their SHA-256', async () => {
    const response = await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set(bearer(secretaryB1))
      .field('note', '已制定支部学习计划，报活动办备案')
      .field('completedOn', '2009-03-27')
      .attach('evidence', minutes, { filename: '会议记录.pdf', contentType: 'application/pdf' })
      .attach('evidence', photo, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    expect(response.body).toMatchObject({ instanceKey: 'T05:branch:B1', status: 'completed', alreadyDone: false, revision: 0, completedOn: '2009-03-27' });
    expect(response.body.evidence).toEqual([
      { fileName: '会议记录.pdf', sha256: sha256(minutes), size: minutes.length, contentType: 'application/pdf' },
      { fileName: 'photo.png', sha256: sha256(photo), size: photo.length, contentType: 'image/png' },
    ]);

    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(secretaryB1))
      .expect(200);
    expect(work.headers.etag).toBe('"0"');
    const done = work.body.instances.find((i: { instanceKey: string }) => i.instanceKey === 'T05:branch:B1');
    expect(done).toMatchObject({ status: 'completed', taskId: 'T05', scope: 'branch', subjectId: 'B1', stageId: 'S1' });
    expect(done.completion).toMatchObject({
      completedOn: '2009-03-27',
      onTime: true,
      by: 'acc-sec-b1',
      note: '已制定支部学习计划，报活动办备案',
      recorded: { actorId: 'acc-sec-b1', role: 'secretary' },
    });
    expect(done.completion.evidence.map((f: { sha256: string }) => f.sha256)).toEqual([sha256(minutes), sha256(photo)]);
    expect(work.body.evidenceHashes).toEqual([sha256(minutes), sha256(photo)]);

    const [event] = await store.readStream(branchWorkStream(CAMPAIGN, 'B1'));
    expect(event.type).toBe('TaskCompleted');
    expect(event.metadata.actor).toEqual({ id: 'acc-sec-b1', role: 'secretary' });
  });

  it('serves the evidence bytes to readers of the branch, and to a secretary only through a branch that references them', async () => {
    const asAuditor = await t.http
      .get(`/api/evidence/${sha256(minutes)}?campaignId=${CAMPAIGN}&branchId=B1`)
      .set(bearer(auditor))
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(asAuditor.body, minutes)).toBe(0);
    const asSecretary = await t.http
      .get(`/api/evidence/${sha256(minutes)}?campaignId=${CAMPAIGN}`)
      .set(bearer(secretaryB1))
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(asSecretary.body, minutes)).toBe(0);
    expect(asSecretary.headers['content-type']).toContain('application/pdf');
    expect(asSecretary.headers['content-disposition']).toContain(encodeURIComponent('会议记录.pdf'));
    expect(asSecretary.headers['x-content-type-options']).toBe('nosniff');

    // A hash alone opens nothing: the branch work that references it is named (a secretary's branch by default).
    await t.http
      .get(`/api/evidence/${sha256(minutes)}`)
      .set(bearer(secretaryB1))
      .expect(400);
    await t.http
      .get(`/api/evidence/${sha256(minutes)}`)
      .set(bearer(auditor))
      .expect(400);
    await t.http
      .get(`/api/evidence/${sha256(minutes)}?campaignId=${CAMPAIGN}`)
      .set(bearer(secretaryB2))
      .expect(404);
    await t.http
      .get(`/api/evidence/${sha256(minutes)}?campaignId=${CAMPAIGN}&branchId=B1`)
      .set(bearer(secretaryB2))
      .expect(403);
    await t.http
      .get(`/api/evidence/${sha256(Buffer.from('never uploaded'))}?campaignId=${CAMPAIGN}&branchId=B1`)
      .set(bearer(auditor))
      .expect(404);
    await t.http.get('/api/evidence/not-a-hash').set(bearer(auditor)).expect(400);
    await t.http.get(`/api/evidence/${sha256(minutes)}`).expect(401);
  });

  it('completes a member task for a member of the branch (JSON, key URL-encoded)', async () => {
    const response = await t.http
      .post(instance('B1', 'T07:member:M1', 'complete'))
      .set(bearer(secretaryB1))
      .send({ note: '王一同志已提交学习笔记', completedOn: '2009-03-30' })
      .expect(201);
    expect(response.body).toMatchObject({ instanceKey: 'T07:member:M1', alreadyDone: false, revision: 1, evidence: [] });
  });

  it('answers an identical retry with 200 and records nothing; a different completion is a conflict', async () => {
    const before = await revision('B1');
    const retry = await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set(bearer(secretaryB1))
      .field('note', '已制定支部学习计划，报活动办备案')
      .field('completedOn', '2009-03-27')
      .attach('evidence', minutes, { filename: '会议记录.pdf', contentType: 'application/pdf' })
      .attach('evidence', photo, { filename: 'photo.png', contentType: 'image/png' })
      .expect(200);
    expect(retry.body).toMatchObject({ alreadyDone: true, instanceKey: 'T05:branch:B1' });
    expect(await revision('B1')).toBe(before);

    const conflict = await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set(bearer(secretaryB1))
      .send({ note: '另一份说明' })
      .expect(409);
    expect(conflict.body.error).toBe('TASK.ALREADY_COMPLETED');
    expect(await revision('B1')).toBe(before);

    await t.http
      .post(instance('B1', 'T14:member:M2', 'complete'))
      .set(bearer(secretaryB1))
      .send({ note: '第一次', commandId: 'cmd-1' })
      .expect(201);
    const afterFirst = await revision('B1');
    const byId = await t.http
      .post(instance('B1', 'T14:member:M2', 'complete'))
      .set(bearer(secretaryB1))
      .send({ note: '改了措辞', commandId: 'cmd-1' })
      .expect(200);
    expect(byId.body.alreadyDone).toBe(true);
    expect(await revision('B1')).toBe(afterFirst);
  });

  it('reopens with a reason and completes again, keeping both in the history', async () => {
    const noReason = await t.http
      .post(instance('B1', 'T05:branch:B1', 'reopen'))
      .set(bearer(secretaryB1))
      .send({})
      .expect(400);
    expect(noReason.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const reopened = await t.http
      .post(instance('B1', 'T05:branch:B1', 'reopen'))
      .set(bearer(secretaryB1))
      .send({ reason: '佐证材料缺少签到表，需补充' })
      .expect(201);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenedOn: '2009-04-01', alreadyDone: false });
    await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set(bearer(secretaryB1))
      .field('note', '补充签到表后重新办结')
      .attach('evidence', minutes, { filename: '会议记录.pdf', contentType: 'application/pdf' })
      .expect(201);

    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(auditor))
      .expect(200);
    const t05 = work.body.instances.find((i: { instanceKey: string }) => i.instanceKey === 'T05:branch:B1');
    expect(t05.status).toBe('completed');
    expect(t05.reopenCount).toBe(1);
    expect(t05.completion).toMatchObject({ completedOn: '2009-04-01', note: '补充签到表后重新办结' });
    expect(t05.history.map((h: { kind: string }) => h.kind)).toEqual(['completed', 'reopened', 'completed']);
    expect(t05.history[1]).toMatchObject({ reason: '佐证材料缺少签到表，需补充', recorded: { actorId: 'acc-sec-b1', role: 'secretary' } });
    const events = await store.readStream(branchWorkStream(CAMPAIGN, 'B1'));
    expect(events.find((e) => e.type === 'TaskReopened')?.metadata.reason).toBe('佐证材料缺少签到表，需补充');
  });

  it('reports quantities by task and by instance, counting a repeated report once', async () => {
    const first = await t.http
      .post(`${branch('B1')}/quantities`)
      .set(bearer(secretaryB1))
      .send({ taskId: QUANTITY_TASK, amount: 5, reportId: 'r-1', note: '三月份' })
      .expect(201);
    expect(first.body).toMatchObject({ instanceKey: 'Q1:branch:B1', actual: 5, target: 20, challenge: 25, alreadyDone: false });
    const second = await t.http
      .post(`${branch('B1')}/quantities`)
      .set(bearer(secretaryB1))
      .send({ instanceKey: 'Q1:branch:B1', amount: 3, on: '2009-03-31' })
      .expect(201);
    expect(second.body.actual).toBe(8);
    const before = await revision('B1');
    const repeated = await t.http
      .post(`${branch('B1')}/quantities`)
      .set(bearer(secretaryB1))
      .send({ taskId: QUANTITY_TASK, amount: 5, reportId: 'r-1', note: '三月份' })
      .expect(200);
    expect(repeated.body.alreadyDone).toBe(true);
    expect(await revision('B1')).toBe(before);
    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(leader))
      .expect(200);
    expect(work.body.quantities).toEqual([
      expect.objectContaining({
        instanceKey: 'Q1:branch:B1',
        actual: 8,
        target: 20,
        challenge: 25,
        reports: [expect.objectContaining({ amount: 5, actualAfter: 5 }), expect.objectContaining({ amount: 3, actualAfter: 8 })],
      }),
    ]);
  });

  it('records a study session with attendance for the branch’s members, and a make-up', async () => {
    const session = await t.http
      .post(`${branch('B1')}/study-sessions`)
      .set(bearer(secretaryB1))
      .send({ sessionId: 'S-0325', date: '2009-03-25', topic: '学习科学发展观重要论述', attendance: { M1: 'present', M2: 'leave' } })
      .expect(201);
    expect(session.body).toEqual({ sessionId: 'S-0325', alreadyDone: false, revision: expect.any(Number), present: 1, expected: 2 });
    const generated = await t.http
      .post(`${branch('B1')}/study-sessions`)
      .set(bearer(secretaryB1))
      .send({ date: '2009-04-01', topic: '专题讨论', attendance: { M1: 'present', M2: 'absent' } })
      .expect(201);
    expect(generated.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await t.http
      .post(`${branch('B1')}/study-sessions/S-0325/make-ups`)
      .set(bearer(secretaryB1))
      .send({ memberId: 'M2', date: '2009-03-27', note: '自学并提交笔记' })
      .expect(201);

    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(secretaryB1))
      .expect(200);
    const recorded = work.body.sessions.find((s: { sessionId: string }) => s.sessionId === 'S-0325');
    expect(recorded).toMatchObject({
      date: '2009-03-25',
      topic: '学习科学发展观重要论述',
      attendance: { M1: 'present', M2: 'leave', M3: 'exempt' },
      expected: ['M1', 'M2'],
      presentCount: 1,
      makeUps: [{ memberId: 'M2', originalMark: 'leave', date: '2009-03-27', note: '自学并提交笔记', by: 'acc-sec-b1' }],
    });
  });

  it('records a member’s three ones', async () => {
    const response = await t.http
      .post(`${branch('B1')}/three-ones`)
      .set(bearer(secretaryB1))
      .send({ memberId: 'M1', item: 'reading', date: '2009-03-31', title: '《科学发展观重要论述摘编》' })
      .expect(201);
    expect(response.body).toMatchObject({ memberId: 'M1', item: 'reading', alreadyDone: false });
    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(secretaryB1))
      .expect(200);
    expect(work.body.threeOnes).toEqual([
      expect.objectContaining({
        memberId: 'M1',
        item: 'reading',
        title: '《科学发展观重要论述摘编》',
        recorded: expect.objectContaining({ role: 'secretary' }),
      }),
    ]);
  });

  it('lets the leading group record unit-level work', async () => {
    const response = await t.http
      .post(instance(UNIT_LEVEL_BRANCH_ID, 'T01:unit', 'complete'))
      .set(bearer(leader))
      .send({ note: '成立活动领导小组', completedOn: '2009-03-16' })
      .expect(201);
    expect(response.body.revision).toBe(0);
    const [event] = await store.readStream(branchWorkStream(CAMPAIGN, UNIT_LEVEL_BRANCH_ID));
    expect(event.metadata.actor).toEqual({ id: 'acc-leader', role: 'leading_group' });
  });

  it('honours Idempotency-Key on an upload: a retry replays, the same key with another file is refused', async () => {
    const key = 'T22:branch:B1';
    const before = await revision('B1');
    const send = (file: Buffer) =>
      t.http
        .post(instance('B1', key, 'complete'))
        .set(bearer(secretaryB1))
        .set('Idempotency-Key', 'upload-1')
        .field('note', '学习心得汇编')
        .attach('evidence', file, { filename: '汇编.txt', contentType: 'text/plain' });
    const first = await send(Buffer.from('第一版')).expect(201);
    const retry = await send(Buffer.from('第一版')).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    await send(Buffer.from('另一个文件')).expect(422);
    expect(await revision('B1')).toBe(before + 1);
  });

  it('answers the ETag with 304 when nothing changed', async () => {
    const work = await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(auditor))
      .expect(200);
    expect(work.headers.etag).toBe(`"${await revision('B1')}"`);
    await t.http
      .get(`${branch('B1')}/work`)
      .set(bearer(auditor))
      .set('If-None-Match', work.headers.etag)
      .expect(304);
  });

  describe('who may write', () => {
    it('refuses a secretary writing for another branch, writes nothing and keeps no file', async () => {
      const stray = Buffer.from('二支部的材料');
      await t.http
        .post(instance('B2', 'T05:branch:B2', 'complete'))
        .set(bearer(secretaryB1))
        .field('note', '越权')
        .attach('evidence', stray, { filename: 'x.txt', contentType: 'text/plain' })
        .expect(403);
      await t.http
        .post(`${branch('B2')}/three-ones`)
        .set(bearer(secretaryB1))
        .send({ memberId: 'M4', item: 'talk', date: '2009-03-31', title: '发言' })
        .expect(403);
      expect(await revision('B2')).toBe(-1);
      await t.http
        .get(`/api/evidence/${sha256(stray)}?campaignId=${CAMPAIGN}&branchId=B2`)
        .set(bearer(auditor))
        .expect(404);
      await t.http
        .get(`${branch('B2')}/work`)
        .set(bearer(secretaryB1))
        .expect(403);
    });

    it('refuses auditors, administrators and the leading group (for a normal branch)', async () => {
      const before = await revision('B1');
      for (const token of [auditor, admin, leader]) {
        await t.http
          .post(instance('B1', 'T13:branch:B1', 'complete'))
          .set(bearer(token))
          .send({ note: 'x' })
          .expect(403);
        await t.http
          .post(`${branch('B1')}/quantities`)
          .set(bearer(token))
          .send({ taskId: QUANTITY_TASK, amount: 1 })
          .expect(403);
      }
      await t.http
        .post(instance(UNIT_LEVEL_BRANCH_ID, 'T02:unit', 'complete'))
        .set(bearer(secretaryB1))
        .send({ note: 'x' })
        .expect(403);
      expect(await revision('B1')).toBe(before);
    });
  });

  describe('bad input is refused and changes nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await revision('B1');
    });
    afterEach(async () => {
      expect(await revision('B1')).toBe(before);
    });

    const post = (path: string, body: unknown) =>
      t.http
        .post(`${branch('B1')}${path}`)
        .set(bearer(secretaryB1))
        .send(body as object);

    it('missing fields → 400 with the fields named', async () => {
      const response = await post('/study-sessions', {}).expect(400);
      expect(response.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['attendance', 'date', 'topic']);
      const threeOnes = await post('/three-ones', { memberId: 'M1', item: 'talk', date: '2009-03-31' }).expect(400);
      expect(threeOnes.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['title']);
      await post('/quantities', { amount: 1 }).expect(400);
      await post('/study-sessions/S-0325/make-ups', { date: '2009-03-28' }).expect(400);
    });

    it('wrong types → 400', async () => {
      await post('/quantities', { taskId: QUANTITY_TASK, amount: '5' }).expect(400);
      await post('/study-sessions', { date: '2009-03-26', topic: 'x', attendance: { M1: 'late', M2: 'present' } }).expect(400);
      await post('/study-sessions', { date: '2009-03-26', topic: 'x', attendance: ['M1'] }).expect(400);
      await post('/three-ones', { memberId: 'M1', item: 'poem', date: '2009-03-31', title: 'x' }).expect(400);
      await post('/three-ones', { memberId: 'M1', item: 'talk', date: '2009-03-31', title: 'x', extra: true }).expect(400);
      const note = await t.http
        .post(instance('B1', 'T13:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .send({ note: 'x'.repeat(2001) })
        .expect(400);
      expect(note.body.fieldErrors[0].field).toBe('note');
    });

    it('bad dates and dates outside the campaign → 400', async () => {
      const bad = await t.http
        .post(instance('B1', 'T13:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .send({ completedOn: '2009-02-30' })
        .expect(400);
      expect(bad.body.fieldErrors[0].field).toBe('completedOn');
      await post('/three-ones', { memberId: 'M1', item: 'talk', date: '01/04/2009', title: 'x' }).expect(400);
      const outside = await t.http
        .post(instance('B1', 'T13:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .send({ completedOn: '2009-01-10' })
        .expect(400);
      expect(outside.body.error).toBe('CAMPAIGN.DATE_OUTSIDE');
      await post('/three-ones', { memberId: 'M1', item: 'talk', date: '2009-12-01', title: 'x' }).expect(400);
      await post('/study-sessions', { date: '2009-09-02', topic: 'x', attendance: { M1: 'present', M2: 'present' } }).expect(400);
    });

    it('unknown instance, member or session → 404', async () => {
      expect(
        (
          await t.http
            .post(instance('B1', 'T99:branch:B1', 'complete'))
            .set(bearer(secretaryB1))
            .send({})
            .expect(404)
        ).body.error,
      ).toBe('TASK.NOT_FOUND');
      expect(
        (
          await t.http
            .post(instance('B1', 'nonsense', 'complete'))
            .set(bearer(secretaryB1))
            .send({})
            .expect(404)
        ).body.error,
      ).toBe('INSTANCE.NOT_FOUND');
      expect(
        (
          await t.http
            .post(instance('B1', 'T07:member:M999', 'complete'))
            .set(bearer(secretaryB1))
            .send({})
            .expect(404)
        ).body.error,
      ).toBe('MEMBER.NOT_FOUND');
      expect((await post('/three-ones', { memberId: 'M999', item: 'talk', date: '2009-03-31', title: 'x' }).expect(404)).body.error).toBe('MEMBER.NOT_FOUND');
      expect((await post('/study-sessions/S-404/make-ups', { memberId: 'M2', date: '2009-03-28' }).expect(404)).body.error).toBe('STUDY.SESSION_NOT_FOUND');
      await t.http
        .post(`/api/campaigns/C404/branches/B1/three-ones`)
        .set(bearer(secretaryB1))
        .send({ memberId: 'M1', item: 'talk', date: '2009-03-31', title: 'x' })
        .expect(404);
      await t.http.get('/api/campaigns/C1/branches/B9/work').set(bearer(auditor)).expect(404);
    });

    it('a member of another branch → 403 (domain: forbidden)', async () => {
      expect((await post('/three-ones', { memberId: 'M4', item: 'talk', date: '2009-03-31', title: 'x' }).expect(403)).body.error).toBe('MEMBER.NOT_IN_BRANCH');
      expect(
        (
          await t.http
            .post(instance('B1', 'T07:member:M4', 'complete'))
            .set(bearer(secretaryB1))
            .send({})
            .expect(403)
        ).body.error,
      ).toBe('MEMBER.NOT_IN_BRANCH');
      await post('/study-sessions', { date: '2009-03-26', topic: 'x', attendance: { M1: 'present', M2: 'present', M4: 'present' } }).expect(403);
    });

    it("an exempt member's work → 409 (the member's state, not a precondition of the request)", async () => {
      const response = await t.http
        .post(instance('B1', 'T07:member:M3', 'complete'))
        .set(bearer(secretaryB1))
        .send({ note: 'x' })
        .expect(409);
      expect(response.body.error).toBe('MEMBER.EXEMPT');
    });

    it('a cancelled task → 409', async () => {
      const response = await t.http
        .post(instance('B1', `${CANCELLED_TASK}:branch:B1`, 'complete'))
        .set(bearer(secretaryB1))
        .send({ note: 'x' })
        .expect(409);
      expect(response.body.error).toBe('TASK.CANCELLED');
    });

    it('keeps no file of a completion the domain refuses (409, 404)', async () => {
      const blobs = t.app.get<BlobStore>(BLOB_STORE);
      const cancelled = Buffer.from('已取消任务的材料');
      await t.http
        .post(instance('B1', `${CANCELLED_TASK}:branch:B1`, 'complete'))
        .set(bearer(secretaryB1))
        .field('note', 'x')
        .attach('evidence', cancelled, { filename: 'x.txt', contentType: 'text/plain' })
        .expect(409);
      const unknown = Buffer.from('不存在任务的材料');
      await t.http
        .post(instance('B1', 'T99:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .field('note', 'x')
        .attach('evidence', unknown, { filename: 'y.txt', contentType: 'text/plain' })
        .expect(404);
      expect(await blobs.has(sha256(cancelled))).toBe(false);
      expect(await blobs.has(sha256(unknown))).toBe(false);
    });

    it('an oversized file → 413; eleven files → 400', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
      await t.http
        .post(instance('B1', 'T13:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .field('note', 'x')
        .attach('evidence', big, { filename: 'big.bin' })
        .expect(413);
      await t.http
        .get(`/api/evidence/${sha256(big)}?campaignId=${CAMPAIGN}&branchId=B1`)
        .set(bearer(auditor))
        .expect(404);
      let eleven = t.http
        .post(instance('B1', 'T13:branch:B1', 'complete'))
        .set(bearer(secretaryB1))
        .field('note', 'x');
      for (let i = 0; i < 11; i += 1) eleven = eleven.attach('evidence', Buffer.from(`file ${i}`), { filename: `f${i}.txt`, contentType: 'text/plain' });
      await eleven.expect(400);
    });

    it('malformed JSON → 400', async () => {
      const response = await t.http
        .post(`${branch('B1')}/quantities`)
        .set(bearer(secretaryB1))
        .set('Content-Type', 'application/json')
        .send('{"amount":')
        .expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(/json/i);
    });
  });
});
