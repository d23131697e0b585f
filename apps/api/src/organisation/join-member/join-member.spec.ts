import type { JoinMember } from '@campaign-ledger/domain';
import {
  ADMIN,
  expectUnitAdministratorsOnly,
  organisationFixture,
  SEEDED_REVISION,
  writtenBy,
  type OrganisationFixture,
} from '../testing/organisation-fixture';
import { JoinMemberCommand, JoinMemberHandler } from './join-member.handler';
import { JoinMemberHttpController } from './join-member.http.controller';

const newcomer: JoinMember['data'] = { memberId: 'M5', name: '郑五', branchId: 'B2', joinedOn: '2009-04-01' };

describe('record a member joining a branch', () => {
  let fx: OrganisationFixture;
  const join = (data: Partial<JoinMember['data']> = {}, expectedRevision?: number) =>
    fx.get(JoinMemberHandler).execute(new JoinMemberCommand('U1', { ...newcomer, ...data }, writtenBy({ expectedRevision })));

  beforeEach(async () => {
    fx = await organisationFixture([JoinMemberHandler]);
  });
  afterEach(() => fx.close());

  it('records MemberJoined, not a leader unless said so', async () => {
    await join({}, SEEDED_REVISION);
    await join({ memberId: 'M6', name: '钱六', isLeader: true });
    expect((await fx.appended()).map((e) => ({ type: e.type, actor: e.actorId, data: e.data }))).toEqual([
      {
        type: 'MemberJoined',
        actor: ADMIN.accountId,
        data: { unitId: 'U1', memberId: 'M5', name: '郑五', branchId: 'B2', isLeader: false, joinedOn: '2009-04-01' },
      },
      { type: 'MemberJoined', actor: ADMIN.accountId, data: expect.objectContaining({ memberId: 'M6', isLeader: true }) },
    ]);
  });

  it('refuses an id already on the roll, an unknown branch, a date that is not one and a stale If-Match', async () => {
    await expect(join({ memberId: 'M1' })).rejects.toMatchObject({ code: 'MEMBER.ALREADY_EXISTS', kind: 'conflict' });
    await expect(join({ branchId: 'B9' })).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(join({ joinedOn: '2009-02-30' })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'joinedOn' } });
    await expect(join({}, SEEDED_REVISION + 1)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, JoinMemberHttpController, 'join'));
});
