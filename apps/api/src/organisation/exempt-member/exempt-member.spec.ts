import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { ExemptMemberCommand, ExemptMemberHandler } from './exempt-member.handler';
import { ExemptMemberHttpController } from './exempt-member.http.controller';

describe('exempt a member from a date (免参)', () => {
  let fx: OrganisationFixture;
  const exempt = (memberId: string, from: string, until: string | null = null, expectedRevision?: number) =>
    fx.get(ExemptMemberHandler).execute(new ExemptMemberCommand('U1', { memberId, reason: '外派学习', from, until }, writtenBy({ expectedRevision })));

  beforeEach(async () => {
    fx = await organisationFixture([ExemptMemberHandler]);
  });
  afterEach(() => fx.close());

  it('records the exemption in the branch the member is in, open-ended or until a date', async () => {
    await exempt('M4', '2009-04-01', '2009-06-30', SEEDED_REVISION);
    await exempt('M2', '2009-04-02');
    expect((await fx.appended()).map((e) => e.data)).toEqual([
      { unitId: 'U1', memberId: 'M4', branchId: 'B2', reason: '外派学习', from: '2009-04-01', until: '2009-06-30' },
      { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: '外派学习', from: '2009-04-02', until: null },
    ]);
  });

  it('refuses a member already exempt then, an end before the start, and an unknown member', async () => {
    await expect(exempt('M3', '2009-04-01')).rejects.toMatchObject({ code: 'MEMBER.ALREADY_EXEMPT', kind: 'conflict' });
    await expect(exempt('M4', '2009-04-10', '2009-04-01')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'until' } });
    await expect(exempt('M404', '2009-04-01')).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a stale If-Match', async () => {
    await expect(exempt('M4', '2009-04-01', null, SEEDED_REVISION - 2)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, ExemptMemberHttpController, 'exempt', { memberId: 'M4' }));
});
