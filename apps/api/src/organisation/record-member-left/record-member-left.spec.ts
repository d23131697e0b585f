import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { RecordMemberLeftCommand, RecordMemberLeftHandler } from './record-member-left.handler';
import { RecordMemberLeftHttpController } from './record-member-left.http.controller';

describe('record that a member left the unit', () => {
  let fx: OrganisationFixture;
  const leave = (memberId: string, reason = '调离本单位', expectedRevision?: number) =>
    fx.get(RecordMemberLeftHandler).execute(new RecordMemberLeftCommand('U1', { memberId, on: '2009-04-01', reason }, writtenBy({ expectedRevision, reason })));

  beforeEach(async () => {
    fx = await organisationFixture([RecordMemberLeftHandler]);
  });
  afterEach(() => fx.close());

  it('records MemberLeft in the branch the member was in; the id stays taken', async () => {
    await expect(leave('M4', '调离本单位', SEEDED_REVISION)).resolves.toMatchObject({ revision: SEEDED_REVISION + 1 });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'MemberLeft',
        reason: '调离本单位',
        data: { unitId: 'U1', memberId: 'M4', branchId: 'B2', on: '2009-04-01', reason: '调离本单位' },
      }),
    ]);
    await expect(leave('M4')).rejects.toMatchObject({ code: 'MEMBER.HAS_LEFT', kind: 'conflict' });
  });

  it('refuses a leaving without a reason, of an unknown member, or against a stale If-Match', async () => {
    await expect(leave('M2', '')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'reason' } });
    await expect(leave('M8')).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    await expect(leave('M2', '调离', SEEDED_REVISION - 3)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, RecordMemberLeftHttpController, 'leave', { memberId: 'M4' }));
});
