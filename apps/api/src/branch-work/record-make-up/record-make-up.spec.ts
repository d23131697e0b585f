import { routeOf } from '@api/testing/route-access';
import { branchWorkFixture, SECRETARY_B1, SECRETARY_B2, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { RecordMakeUpCommand, RecordMakeUpHandler } from './record-make-up.handler';
import { RecordMakeUpHttpController } from './record-make-up.http.controller';

describe('record a make-up of a missed study session (补学)', () => {
  let fx: BranchWorkFixture;
  const makeUp = (memberId: string, options: { sessionId?: string; date?: string; principal?: typeof SECRETARY_B1 } = {}) =>
    fx.get(RecordMakeUpHandler).execute(
      new RecordMakeUpCommand(options.principal ?? SECRETARY_B1, 'C1', 'B1', options.sessionId ?? 'ss-1', {
        memberId,
        date: options.date ?? '2009-03-25',
        note: '自学原文',
      }),
    );

  beforeEach(async () => {
    fx = await branchWorkFixture([RecordMakeUpHandler]);
    await fx.given(
      SECRETARY_B1,
      {
        type: 'RecordStudySession',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          sessionId: 'ss-1',
          date: '2009-03-20',
          topic: '集中学习',
          attendance: { M1: 'present', M2: 'absent' },
          by: SECRETARY_B1.accountId,
        },
      },
      '2009-03-20',
    );
  });
  afterEach(() => fx.close());

  it('records the make-up of a member who missed the session, with the mark it makes up for', async () => {
    await expect(makeUp('M2')).resolves.toEqual({ sessionId: 'ss-1', memberId: 'M2', alreadyDone: false, revision: 1 });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'StudyMakeUpRecorded',
        data: expect.objectContaining({
          sessionId: 'ss-1',
          sessionDate: '2009-03-20',
          memberId: 'M2',
          originalMark: 'absent',
          date: '2009-03-25',
          note: '自学原文',
        }),
      }),
    ]);
  });

  it('refuses a second make-up, one for a member who was there, one before the session, and an unknown session', async () => {
    await makeUp('M2');
    await fx.mark();
    await expect(makeUp('M2')).rejects.toMatchObject({ code: 'STUDY.ALREADY_MADE_UP', kind: 'conflict' });
    await expect(makeUp('M1')).rejects.toMatchObject({ code: 'STUDY.MAKE_UP_NOT_NEEDED', kind: 'conflict' });
    await expect(makeUp('M2', { sessionId: 'ss-9' })).rejects.toMatchObject({ code: 'STUDY.SESSION_NOT_FOUND', kind: 'not_found' });
    await expect(makeUp('M4')).rejects.toMatchObject({ code: 'MEMBER.NOT_IN_BRANCH', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a make-up dated before the session it makes up for', async () => {
    await expect(makeUp('M2', { date: '2009-03-19' })).rejects.toMatchObject({ code: 'DATE.OUT_OF_ORDER', kind: 'validation' });
  });

  it("is refused to another branch's secretary", async () => {
    await expect(makeUp('M2', { principal: SECRETARY_B2 })).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(routeOf(RecordMakeUpHttpController, 'record').roles).toEqual(['secretary', 'leading_group']);
  });
});
