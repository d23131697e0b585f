import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { ReinstateMemberCommand, ReinstateMemberHandler } from './reinstate-member.handler';
import { ReinstateMemberHttpController } from './reinstate-member.http.controller';

describe('end an exemption: the member is active again from a date', () => {
  let fx: OrganisationFixture;
  const reinstate = (memberId: string, on = '2009-04-01', expectedRevision?: number) =>
    fx.get(ReinstateMemberHandler).execute(new ReinstateMemberCommand('U1', { memberId, on, note: '病愈返岗' }, writtenBy({ expectedRevision })));

  beforeEach(async () => {
    fx = await organisationFixture([ReinstateMemberHandler]);
  });
  afterEach(() => fx.close());

  it('records the reinstatement of an exempt member', async () => {
    await expect(reinstate('M3', '2009-04-01', SEEDED_REVISION)).resolves.toMatchObject({ revision: SEEDED_REVISION + 1 });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({ type: 'MemberReinstated', data: { unitId: 'U1', memberId: 'M3', branchId: 'B1', on: '2009-04-01', note: '病愈返岗' } }),
    ]);
    await expect(reinstate('M3', '2009-04-02')).rejects.toMatchObject({ code: 'MEMBER.NOT_EXEMPT', kind: 'conflict' });
  });

  it('refuses a member who is not exempt, a date before the exemption, and an unknown member', async () => {
    await expect(reinstate('M2')).rejects.toMatchObject({ code: 'MEMBER.NOT_EXEMPT', kind: 'conflict' });
    await expect(reinstate('M3', '2009-02-15')).rejects.toMatchObject({ code: 'MEMBER.CHANGE_OUT_OF_ORDER', kind: 'conflict' });
    await expect(reinstate('M77')).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a stale If-Match', async () => {
    await fx.given([{ type: 'RenameBranch', data: { branchId: 'B2', name: '机关第二党支部' } }]);
    await expect(reinstate('M3', '2009-04-01', SEEDED_REVISION)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, ReinstateMemberHttpController, 'reinstate', { memberId: 'M3' }));
});
