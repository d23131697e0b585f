import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

// 2009-03-16 10:00 in Beijing.
const clock = { now: () => new Date('2009-03-16T02:00:00Z') };

describe('organisation over HTTP on real PostgreSQL', () => {
  let t: ApiTestApp;
  let admin: string;
  let leader: string;
  let auditor: string;
  let secretaryB1: string;
  const as = (token: string) => `Bearer ${token}`;
  const post = (token: string, path: string, body: object) => t.http.post(path).set('Authorization', as(token)).send(body);
  const etagOf = async (unitId: string) => (await t.http.get(`/api/units/${unitId}`).set('Authorization', as(admin)).expect(200)).headers.etag;

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    admin = await t.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' });
    leader = await t.signIn({ username: 'leader', password: 'leader-password', role: 'leading_group' });
    auditor = await t.signIn({ username: 'auditor', password: 'auditor-password', role: 'auditor' });
    secretaryB1 = await t.signIn({ username: 'sec-b1', password: 'sec-b1-password', role: 'secretary', branchId: 'B1', unitId: 'U1' });
  });
  afterAll(() => t?.close());

  describe("the administrator's daily work", () => {
    it('registers a unit, then divisions, branches and members, and reads them back with the revision as ETag', async () => {
      const registered = await post(admin, '/api/units', { unitId: 'U1', name: '市政协机关', code: 'CPPCC' }).expect(201);
      expect(registered.body).toMatchObject({
        unitId: 'U1',
        revision: 0,
        events: [{ type: 'UnitRegistered', data: { unitId: 'U1', name: '市政协机关', code: 'CPPCC' } }],
      });
      expect(registered.headers.etag).toBe('"0"');
      expect(registered.headers.location).toBe('/api/units/U1');

      await post(admin, '/api/units/U1/divisions', { divisionId: 'D1', name: '办公室' }).expect(201);
      await post(admin, '/api/units/U1/branches', { branchId: 'B1', name: '第一支部', secretaryName: '张书记' }).expect(201);
      await post(admin, '/api/units/U1/branches', { branchId: 'B2', name: '第二支部', secretaryName: '李书记' }).expect(201);
      await post(admin, '/api/units/U1/members', { memberId: 'M1', name: '王一', branchId: 'B1', joinedOn: '2009-03-01' }).expect(201);
      const joined = await post(admin, '/api/units/U1/members', {
        memberId: 'M2',
        name: '赵二',
        branchId: 'B1',
        isLeader: true,
        joinedOn: '2009-03-01',
      }).expect(201);
      expect(joined.body.revision).toBe(5);

      const unit = await t.http.get('/api/units/U1').set('Authorization', as(admin)).expect(200);
      expect(unit.headers.etag).toBe('"5"');
      expect(unit.body).toMatchObject({
        unitId: 'U1',
        name: '市政协机关',
        code: 'CPPCC',
        revision: 5,
        asOf: '2009-03-16',
        divisions: [{ divisionId: 'D1', name: '办公室' }],
        branches: [
          { branchId: 'B1', name: '第一支部', secretaryName: '张书记', activeMembers: 2, exemptMembers: 0 },
          { branchId: 'B2', name: '第二支部', secretaryName: '李书记', activeMembers: 0, exemptMembers: 0 },
        ],
      });
      expect(
        unit.body.members.map((m: { memberId: string; status: string; branchId: string; isLeader: boolean }) => [m.memberId, m.branchId, m.status, m.isLeader]),
      ).toEqual([
        ['M1', 'B1', 'active', false],
        ['M2', 'B1', 'active', true],
      ]);

      const units = await t.http.get('/api/units').set('Authorization', as(auditor)).expect(200);
      expect(units.body).toContainEqual({ unitId: 'U1', name: '市政协机关', code: 'CPPCC' });
    });

    it('renames a branch, changes its secretary, transfers, exempts, reinstates and records a member leaving', async () => {
      await post(admin, '/api/units/U1/branches/B1/rename', { name: '机关第一支部', reason: '机构调整' }).expect(200);
      const same = await post(admin, '/api/units/U1/branches/B1/rename', { name: '机关第一支部' }).expect(200);
      expect(same.body.events).toEqual([]);
      await post(admin, '/api/units/U1/branches/B2/secretary', { secretaryName: '钱书记', reason: '换届' }).expect(200);
      await post(admin, '/api/units/U1/members/M1/transfer', { toBranchId: 'B2', on: '2009-04-01', reason: '工作调动' }).expect(200);
      await post(admin, '/api/units/U1/members/M2/exempt', { reason: '长期病假', from: '2009-04-01' }).expect(200);
      await post(admin, '/api/units/U1/members/M2/reinstate', { on: '2009-05-04', note: '病愈' }).expect(200);
      const left = await post(admin, '/api/units/U1/members/M1/leave', { on: '2009-06-30', reason: '调离本单位' }).expect(200);
      expect(left.body.events[0]).toMatchObject({ type: 'MemberLeft', data: { memberId: 'M1', branchId: 'B2', on: '2009-06-30', reason: '调离本单位' } });

      const roster = (branchId: string, on: string) =>
        t.http.get(`/api/units/U1/branches/${branchId}/roster?on=${on}`).set('Authorization', as(leader)).expect(200);
      expect((await roster('B1', '2009-03-20')).body.members.map((m: { memberId: string }) => m.memberId)).toEqual(['M1', 'M2']);
      expect((await roster('B1', '2009-04-15')).body).toMatchObject({
        branchId: 'B1',
        asOf: '2009-04-15',
        members: [{ memberId: 'M2', status: 'exempt', isLeader: true }],
        divisions: [{ divisionId: 'D1' }],
      });
      expect((await roster('B2', '2009-04-15')).body.members).toEqual([{ memberId: 'M1', name: '王一', isLeader: false, status: 'active' }]);
      expect((await roster('B1', '2009-05-04')).body.members).toEqual([{ memberId: 'M2', name: '赵二', isLeader: true, status: 'active' }]);
      expect((await roster('B2', '2009-07-01')).body.members).toEqual([]);

      const unit = await t.http.get('/api/units/U1?on=2009-07-01').set('Authorization', as(auditor)).expect(200);
      expect(unit.body.branches.find((b: { branchId: string }) => b.branchId === 'B1')).toMatchObject({ name: '机关第一支部' });
      expect(unit.body.branches.find((b: { branchId: string }) => b.branchId === 'B2')).toMatchObject({ secretaryName: '钱书记' });
      expect(unit.body.members.find((m: { memberId: string }) => m.memberId === 'M1')).toMatchObject({ status: 'left', branchId: 'B2' });
    });

    it('records who did each change, with which role and why', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const events = await store.readStream('organisation-U1');
      expect(events.every((e) => e.metadata.actor.id === 'acc-admin' && e.metadata.actor.role === 'administrator')).toBe(true);
      expect(events.find((e) => e.type === 'MemberExempted')?.metadata.reason).toBe('长期病假');
      expect(events.find((e) => e.type === 'BranchRenamed')?.metadata.reason).toBe('机构调整');
      expect(events.find((e) => e.type === 'MemberLeft')?.metadata.reason).toBe('调离本单位');
    });

    it('gives a unit registered without an id a UUID v7', async () => {
      const response = await post(admin, '/api/units', { name: '另一单位', code: 'X2' }).expect(201);
      expect(response.body.unitId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await t.http.get(`/api/units/${response.body.unitId}`).set('Authorization', as(admin)).expect(200);
      // U1's leading group does not see another unit at all.
      await t.http.get(`/api/units/${response.body.unitId}`).set('Authorization', as(leader)).expect(404);
    });
  });

  describe('the unit list', () => {
    it('indexes a unit registered outside the API once someone tries to register it again', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      await store.append('organisation-SEEDED', [{ type: 'UnitRegistered', data: { unitId: 'SEEDED', name: '种子单位', code: 'S' } }], {
        expectedRevision: 'no_stream',
        metadata: { actor: { id: 'system', role: 'system' } },
      });
      const before = await t.http.get('/api/units').set('Authorization', as(admin)).expect(200);
      expect(before.body.map((u: { unitId: string }) => u.unitId)).not.toContain('SEEDED');
      await post(admin, '/api/units', { unitId: 'SEEDED', name: '别的名字', code: 'X' }).expect(409);
      await post(admin, '/api/units', { unitId: 'SEEDED', name: '别的名字', code: 'X' }).expect(409);
      const after = await t.http.get('/api/units').set('Authorization', as(admin)).expect(200);
      expect(after.body.filter((u: { unitId: string }) => u.unitId === 'SEEDED')).toEqual([{ unitId: 'SEEDED', name: '种子单位', code: 'S' }]);
    });
  });

  it('documents the endpoints in /api/docs', async () => {
    const docs = await t.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(docs.body.paths);
    for (const path of [
      '/api/units',
      '/api/units/{unitId}',
      '/api/units/{unitId}/members',
      '/api/units/{unitId}/members/{memberId}/exempt',
      '/api/units/{unitId}/import',
      '/api/units/{unitId}/branches/{branchId}/roster',
    ]) {
      expect(paths).toContain(path);
    }
    expect(Object.keys(docs.body.paths['/api/units/{unitId}/import'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(docs.body.components.schemas.JoinMemberDto.required).toEqual(expect.arrayContaining(['memberId', 'name', 'branchId', 'joinedOn']));
  });

  describe('who may do what', () => {
    const writes: [string, object][] = [
      ['/api/units', { unitId: 'U-NEW', name: 'n', code: 'c' }],
      ['/api/units/U1/divisions', { divisionId: 'D9', name: 'x' }],
      ['/api/units/U1/branches', { branchId: 'B9', name: 'x', secretaryName: 'y' }],
      ['/api/units/U1/branches/B1/rename', { name: '新名字' }],
      ['/api/units/U1/branches/B1/secretary', { secretaryName: '新书记' }],
      ['/api/units/U1/members', { memberId: 'M9', name: 'x', branchId: 'B1', joinedOn: '2009-03-01' }],
      ['/api/units/U1/members/M2/transfer', { toBranchId: 'B2', on: '2009-06-01' }],
      ['/api/units/U1/members/M2/exempt', { reason: '出国', from: '2009-06-01' }],
      ['/api/units/U1/members/M2/reinstate', { on: '2009-06-01' }],
      ['/api/units/U1/members/M2/leave', { on: '2009-06-01', reason: '调离' }],
    ];

    it.each(['secretary', 'auditor', 'leading_group'] as const)('refuses every write by a %s with 403 and writes nothing', async (role) => {
      const token = { secretary: secretaryB1, auditor, leading_group: leader }[role];
      const before = await etagOf('U1');
      for (const [path, body] of writes) {
        const response = await post(token, path, body);
        expect([path, response.status]).toEqual([path, 403]);
      }
      expect(await etagOf('U1')).toBe(before);
      await t.http.get('/api/units/U-NEW').set('Authorization', as(admin)).expect(404);
    });

    it('lets the leading group and auditors read; a secretary reads only the roster of their own branch', async () => {
      await t.http.get('/api/units/U1').set('Authorization', as(leader)).expect(200);
      await t.http.get('/api/units/U1/branches/B2/roster').set('Authorization', as(auditor)).expect(200);
      await t.http.get('/api/units').set('Authorization', as(secretaryB1)).expect(403);
      await t.http.get('/api/units/U1').set('Authorization', as(secretaryB1)).expect(403);
      const own = await t.http.get('/api/units/U1/branches/B1/roster?on=2009-03-20').set('Authorization', as(secretaryB1)).expect(200);
      expect(own.body.members).toHaveLength(2);
      expect(own.headers.etag).toMatch(/^"\d+"$/);
      await t.http.get('/api/units/U1/branches/B2/roster').set('Authorization', as(secretaryB1)).expect(403);
      await t.http.get('/api/units/U-OTHER/branches/B1/roster').set('Authorization', as(secretaryB1)).expect(404);
      await t.http.get('/api/units/U1').expect(401);
    });
  });

  describe('bad input', () => {
    it('answers missing fields and wrong types with 400 and the fields to fix, writing nothing', async () => {
      const before = await etagOf('U1');
      const missing = await post(admin, '/api/units/U1/members', {}).expect(400);
      expect(missing.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['branchId', 'joinedOn', 'memberId', 'name']);
      const wrong = await post(admin, '/api/units/U1/members', { memberId: 7, name: '  ', branchId: 'B1', isLeader: 'yes', joinedOn: 20090301 }).expect(400);
      expect(wrong.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['isLeader', 'joinedOn', 'memberId', 'name']);
      const extra = await post(admin, '/api/units/U1/branches', { branchId: 'B7', name: 'x', secretaryName: 'y', colour: 'red' }).expect(400);
      expect(extra.body.fieldErrors).toEqual([{ field: 'colour', messages: [expect.stringContaining('should not exist')] }]);
      await post(admin, '/api/units/U1/branches', { branchId: 'a:b', name: 'x', secretaryName: 'y' }).expect(400);
      await post(admin, '/api/units/U1/branches', { branchId: '_unit', name: 'x', secretaryName: 'y' }).expect(400);
      await post(admin, '/api/units/U1/members/M2/exempt', { from: '2009-06-01' }).expect(400);
      await post(admin, '/api/units/U1/members/M2/leave', { on: '2009-06-01' }).expect(400);
      expect(await etagOf('U1')).toBe(before);
    });

    it('refuses dates that are not real YYYY-MM-DD dates', async () => {
      for (const on of ['2009-02-30', '2009/06/01', '01-06-2009', '2009-6-1', '']) {
        const response = await post(admin, '/api/units/U1/members/M2/transfer', { toBranchId: 'B2', on }).expect(400);
        expect(response.body.fieldErrors[0]).toMatchObject({ field: 'on', messages: [expect.stringContaining('YYYY-MM-DD')] });
      }
      await post(admin, '/api/units/U1/members/M2/exempt', { reason: 'x', from: '2009-06-01', until: '2009-13-01' }).expect(400);
      await t.http.get('/api/units/U1/branches/B1/roster?on=2009-02-30').set('Authorization', as(admin)).expect(400);
      await t.http.get('/api/units/U1?on=yesterday').set('Authorization', as(admin)).expect(400);
    });

    it('answers unknown units, branches and members with 404', async () => {
      const notFound = await t.http.get('/api/units/NOPE').set('Authorization', as(admin)).expect(404);
      expect(notFound.body.error).toBe('UNIT.NOT_REGISTERED');
      await post(admin, '/api/units/NOPE/branches', { branchId: 'B1', name: 'x', secretaryName: 'y' }).expect(404);
      const branch = await post(admin, '/api/units/U1/members', { memberId: 'M8', name: 'x', branchId: 'B404', joinedOn: '2009-03-01' }).expect(404);
      expect(branch.body).toMatchObject({ error: 'BRANCH.NOT_FOUND', details: { branchId: 'B404' } });
      await post(admin, '/api/units/U1/branches/B404/rename', { name: 'x' }).expect(404);
      await post(admin, '/api/units/U1/members/M2/transfer', { toBranchId: 'B404', on: '2009-06-01' }).expect(404);
      const member = await post(admin, '/api/units/U1/members/M404/exempt', { reason: 'x', from: '2009-06-01' }).expect(404);
      expect(member.body.error).toBe('MEMBER.NOT_FOUND');
      await t.http.get('/api/units/U1/branches/B404/roster').set('Authorization', as(admin)).expect(404);
      await t.http.get('/api/units/NOPE/branches/B1/roster').set('Authorization', as(admin)).expect(404);
    });

    it('answers duplicate ids and contradictions with 409', async () => {
      expect((await post(admin, '/api/units', { unitId: 'U1', name: 'again', code: 'c' }).expect(409)).body.error).toBe('UNIT.ALREADY_REGISTERED');
      expect((await post(admin, '/api/units/U1/branches', { branchId: 'B1', name: 'x', secretaryName: 'y' }).expect(409)).body.error).toBe(
        'BRANCH.ALREADY_EXISTS',
      );
      expect((await post(admin, '/api/units/U1/divisions', { divisionId: 'D1', name: 'x' }).expect(409)).body.error).toBe('DIVISION.ALREADY_EXISTS');
      const dup = await post(admin, '/api/units/U1/members', { memberId: 'M1', name: '另一人', branchId: 'B1', joinedOn: '2009-03-01' }).expect(409);
      expect(dup.body).toMatchObject({ error: 'MEMBER.ALREADY_EXISTS', details: { memberId: 'M1' } });
      expect((await post(admin, '/api/units/U1/members/M1/transfer', { toBranchId: 'B1', on: '2009-07-01' }).expect(409)).body.error).toBe('MEMBER.HAS_LEFT');
      expect((await post(admin, '/api/units/U1/members/M2/reinstate', { on: '2009-06-01' }).expect(409)).body.error).toBe('MEMBER.NOT_EXEMPT');
      expect((await post(admin, '/api/units/U1/members/M2/exempt', { reason: 'x', from: '2009-04-01' }).expect(409)).body.error).toBe(
        'MEMBER.CHANGE_OUT_OF_ORDER',
      );
    });

    it('honours If-Match: a stale ETag is refused with 412 and nothing is written', async () => {
      const current = await etagOf('U1');
      const stale = `"${Number(JSON.parse(current)) - 1}"`;
      const refused = await post(admin, '/api/units/U1/divisions', { divisionId: 'D2', name: '研究室' }).set('If-Match', stale).expect(412);
      expect(refused.body.error).toBe('ORGANISATION.CHANGED_SINCE');
      expect(await etagOf('U1')).toBe(current);
      const accepted = await post(admin, '/api/units/U1/divisions', { divisionId: 'D2', name: '研究室' }).set('If-Match', current).expect(201);
      expect(accepted.headers.etag).toBe(`"${Number(JSON.parse(current)) + 1}"`);
      await post(admin, '/api/units/U1/divisions', { divisionId: 'D3', name: 'x' }).set('If-Match', 'not-an-etag').expect(400);
    });
  });
});
