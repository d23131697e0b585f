import { routeOf } from '@api/testing/route-access';
import { OTHER_UNIT_ADMIN, organisationFixture, SEEDED_REVISION, TODAY, type OrganisationFixture } from '../testing/organisation-fixture';
import { GetUnitHandler, GetUnitQuery } from './get-unit.handler';
import { GetUnitHttpController } from './get-unit.http.controller';

describe('read a unit as recorded', () => {
  let fx: OrganisationFixture;
  const read = (asOf?: string, unitId = 'U1') => fx.get(GetUnitHandler).execute(new GetUnitQuery(unitId, asOf));

  beforeEach(async () => {
    fx = await organisationFixture([GetUnitHandler]);
  });
  afterEach(() => fx.close());

  it("folds the unit's stream: branches with their counts and members placed as of today", async () => {
    const unit = await read();
    expect(unit).toMatchObject({
      unitId: 'U1',
      name: '市政协机关',
      code: 'ZX',
      revision: SEEDED_REVISION,
      asOf: TODAY,
      divisions: [{ divisionId: 'D1', name: '秘书处' }],
    });
    expect(unit.branches).toEqual([
      { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记', activeMembers: 2, exemptMembers: 1 },
      { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记', activeMembers: 1, exemptMembers: 0 },
    ]);
    expect(unit.members.map((m) => [m.memberId, m.branchId, m.status, m.isLeader])).toEqual([
      ['M1', 'B1', 'active', true],
      ['M2', 'B1', 'active', false],
      ['M3', 'B1', 'exempt', false],
      ['M4', 'B2', 'active', false],
    ]);
  });

  it('places members as of another date', async () => {
    await fx.given([{ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-05-01' } }]);
    const before = await read('2009-02-01');
    expect(before.members.find((m) => m.memberId === 'M3')?.status).toBe('active');
    expect(before.revision).toBe(SEEDED_REVISION + 1);
    expect((await read('2009-05-01')).branches.map((b) => b.activeMembers)).toEqual([1, 2]);
    expect((await read('2007-12-31')).members.every((m) => m.status === 'not_joined_yet')).toBe(true);
  });

  it('answers 404 for a unit not registered', async () => {
    await expect(read(undefined, 'U404')).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
  });

  it("is read by the unit's administrators, leaders and auditors only", async () => {
    const route = routeOf(GetUnitHttpController, 'get');
    expect(route.roles).toEqual(['administrator', 'leading_group', 'auditor']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_ADMIN, { unitId: 'U1' })).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
  });
});
