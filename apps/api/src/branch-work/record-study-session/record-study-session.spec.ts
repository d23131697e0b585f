import type { AttendanceMark } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { branchWorkFixture, LEADER, SECRETARY_B1, SECRETARY_B2, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { RecordStudySessionCommand, RecordStudySessionHandler } from './record-study-session.handler';
import { RecordStudySessionHttpController } from './record-study-session.http.controller';

describe("record a branch's study session", () => {
  let fx: BranchWorkFixture;
  const record = (attendance: Record<string, AttendanceMark>, options: { sessionId?: string; date?: string; principal?: typeof SECRETARY_B1 } = {}) =>
    fx.get(RecordStudySessionHandler).execute(
      new RecordStudySessionCommand(options.principal ?? SECRETARY_B1, 'C1', 'B1', {
        sessionId: options.sessionId,
        date: options.date ?? '2009-03-20',
        topic: '集中学习',
        attendance,
      }),
    );

  beforeEach(async () => {
    fx = await branchWorkFixture([RecordStudySessionHandler]);
  });
  afterEach(() => fx.close());

  it('records who came against who was expected: the active members, an exempt one only if present', async () => {
    const result = await record({ M1: 'present', M2: 'leave' }, { sessionId: 'ss-1' });
    expect(result).toEqual({ sessionId: 'ss-1', alreadyDone: false, revision: 0, present: 1, expected: 2 });
    const [event] = await fx.appended();
    expect(event).toMatchObject({
      type: 'StudySessionRecorded',
      actorId: SECRETARY_B1.accountId,
      data: { sessionId: 'ss-1', date: '2009-03-20', topic: '集中学习', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'leave', M3: 'exempt' } },
    });
    await expect(record({ M1: 'present', M2: 'present', M3: 'present' }, { sessionId: 'ss-2' })).resolves.toMatchObject({ present: 2, expected: 2 });
  });

  it('gives the session an id when none is sent, and refuses an id already used', async () => {
    const { sessionId } = await record({ M1: 'present', M2: 'absent' });
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(record({ M1: 'present', M2: 'present' }, { sessionId })).rejects.toMatchObject({ code: 'STUDY.SESSION_EXISTS', kind: 'conflict' });
  });

  it('refuses attendance that leaves out a member, marks an exempt member absent, or names someone not in the branch', async () => {
    await expect(record({ M1: 'present' })).rejects.toMatchObject({ code: 'STUDY.ATTENDANCE_INCOMPLETE', kind: 'validation' });
    await expect(record({ M1: 'present', M2: 'present', M3: 'absent' })).rejects.toMatchObject({ code: 'STUDY.EXEMPT_NOT_EXPECTED', kind: 'validation' });
    await expect(record({ M1: 'present', M2: 'present', M4: 'present' })).rejects.toMatchObject({ code: 'MEMBER.NOT_IN_BRANCH', kind: 'forbidden' });
    await expect(record({ M1: 'present', M2: 'present', M99: 'present' })).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    await expect(record({ M1: 'present', M2: 'present' }, { date: '2008-12-01' })).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is refused to another branch's secretary and to the leading group for a branch", async () => {
    await expect(record({ M1: 'present', M2: 'present' }, { principal: SECRETARY_B2 })).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(record({ M1: 'present', M2: 'present' }, { principal: LEADER })).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(routeOf(RecordStudySessionHttpController, 'record')).toMatchObject({
      path: 'campaigns/:campaignId/branches/:branchId/study-sessions',
      roles: ['secretary', 'leading_group'],
    });
  });
});
