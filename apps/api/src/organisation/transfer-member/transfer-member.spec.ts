import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { TransferMemberCommand, TransferMemberHandler } from './transfer-member.handler';
import { TransferMemberHttpController } from './transfer-member.http.controller';

describe('move a member to another branch', () => {
  let fx: OrganisationFixture;
  const transfer = (memberId: string, toBranchId: string, on = '2009-04-01', expectedRevision?: number) =>
    fx
      .get(TransferMemberHandler)
      .execute(new TransferMemberCommand('U1', { memberId, toBranchId, on, reason: '工作调动' }, writtenBy({ expectedRevision, reason: '工作调动' })));

  beforeEach(async () => {
    fx = await organisationFixture([TransferMemberHandler]);
  });
  afterEach(() => fx.close());

  it('records where the member comes from and goes to, from a date', async () => {
    await expect(transfer('M2', 'B2', '2009-04-01', SEEDED_REVISION)).resolves.toMatchObject({ revision: SEEDED_REVISION + 1 });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'MemberTransferred',
        reason: '工作调动',
        data: { unitId: 'U1', memberId: 'M2', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-04-01', reason: '工作调动' },
      }),
    ]);
  });

  it('refuses a move to the branch the member is in, to an unknown branch, of an unknown member, and one dated before the last change', async () => {
    await expect(transfer('M2', 'B1')).rejects.toMatchObject({ code: 'MEMBER.SAME_BRANCH_TRANSFER', kind: 'validation' });
    await expect(transfer('M2', 'B9')).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(transfer('M99', 'B2')).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    await expect(transfer('M3', 'B2', '2009-02-01')).rejects.toMatchObject({ code: 'MEMBER.CHANGE_OUT_OF_ORDER', kind: 'conflict' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a member who has left, and a stale If-Match', async () => {
    await fx.given([{ type: 'RecordMemberLeft', data: { memberId: 'M4', on: '2009-03-31', reason: '退休' } }]);
    await expect(transfer('M4', 'B1')).rejects.toMatchObject({ code: 'MEMBER.HAS_LEFT', kind: 'conflict' });
    await expect(transfer('M2', 'B2', '2009-04-01', SEEDED_REVISION)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, TransferMemberHttpController, 'transfer', { memberId: 'M2' }));
});
