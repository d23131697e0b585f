import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { organisationFixture, SEEDED_REVISION, TODAY, type OrganisationFixture } from '../testing/organisation-fixture';
import { GetRosterHandler, GetRosterQuery } from './get-roster.handler';
import { GetRosterHttpController } from './get-roster.http.controller';

describe("read a branch's roster on a date", () => {
  let fx: OrganisationFixture;
  const roster = (branchId: string, asOf?: string, unitId = 'U1') => fx.get(GetRosterHandler).execute(new GetRosterQuery(unitId, branchId, asOf));

  beforeEach(async () => {
    fx = await organisationFixture([GetRosterHandler]);
  });
  afterEach(() => fx.close());

  it('lists the members in the branch today, active or exempt, with the revision it was read at', async () => {
    const answer = await roster('B1');
    expect(answer.revision).toBe(SEEDED_REVISION);
    expect(answer.roster).toMatchObject({ branchId: 'B1', asOf: TODAY, divisions: [{ divisionId: 'D1', name: '秘书处' }] });
    expect(answer.roster.members).toEqual([
      { memberId: 'M1', name: '王一', isLeader: true, status: 'active' },
      { memberId: 'M2', name: '赵二', isLeader: false, status: 'active' },
      { memberId: 'M3', name: '孙三', isLeader: false, status: 'exempt' },
    ]);
    expect((await roster(UNIT_LEVEL_BRANCH_ID)).roster.members).toEqual([]);
  });

  it('follows members through transfers and leavings by date', async () => {
    await fx.given([
      { type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-04-10' } },
      { type: 'RecordMemberLeft', data: { memberId: 'M4', on: '2009-04-20', reason: '退休' } },
    ]);
    const ids = async (branchId: string, on: string) => (await roster(branchId, on)).roster.members.map((m) => m.memberId);
    expect(await ids('B1', '2009-04-09')).toEqual(['M1', 'M2', 'M3']);
    expect(await ids('B1', '2009-04-10')).toEqual(['M1', 'M3']);
    expect(await ids('B2', '2009-04-15')).toEqual(['M2', 'M4']);
    expect(await ids('B2', '2009-04-20')).toEqual(['M2']);
  });

  it('answers 404 for an unknown branch or unit', async () => {
    await expect(roster('B9')).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(roster('B1', undefined, 'U404')).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
  });

  it("lets a secretary read their own branch's roster only", async () => {
    const route = routeOf(GetRosterHttpController, 'roster');
    expect(route.roles).toContain('secretary');
    await expect(route.scopeCheck(fx.store, principalOf('secretary', { branchId: 'B1' }), { unitId: 'U1', branchId: 'B1' })).resolves.toBeUndefined();
    await expect(route.scopeCheck(fx.store, principalOf('secretary', { branchId: 'B2' }), { unitId: 'U1', branchId: 'B1' })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
      kind: 'forbidden',
    });
  });
});
