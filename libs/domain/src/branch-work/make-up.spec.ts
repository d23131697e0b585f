import { DeciderSpecification } from '../testing';
import { C, context, recorded } from '../testing/branch-work-fixtures';
import { branchWorkDecider } from './branch-work.decider';
import type { BranchWorkEvent } from './branch-work.events';
import { AlreadyMadeUp, MakeUpNotNeeded, MemberNotInBranch, StudySessionNotFound } from './branch-work.errors';

const spec = DeciderSpecification.for(branchWorkDecider);
const makeUp = (memberId: string, date = '2009-03-20', sessionId = 'S-0318') => ({
  type: 'RecordMakeUp' as const,
  data: { ...C, sessionId, memberId, date, note: '自学并提交笔记', by: 'sec' },
});
const madeUp: BranchWorkEvent = {
  type: 'StudyMakeUpRecorded',
  data: { ...C, sessionId: 'S-0318', sessionDate: '2009-03-18', memberId: 'M2', originalMark: 'leave', date: '2009-03-20', note: '自学并提交笔记', by: 'sec' },
};

describe('branch work: RecordMakeUp (补学)', () => {
  it('records a make-up for a member on leave', () => spec.given([recorded]).when(makeUp('M2'), context()).then([madeUp]));
  it('refuses a make-up for a member who was present or exempt', () => {
    spec
      .given([recorded])
      .when(makeUp('M1'), context())
      .thenThrows(MakeUpNotNeeded, (e) => expect(e.kind).toBe('conflict'));
    spec.given([recorded]).when(makeUp('M3'), context()).thenThrows(MakeUpNotNeeded);
  });
  it('refuses a second make-up, an unknown session or member, and a date before the session', () => {
    spec.given([recorded, madeUp]).when(makeUp('M2', '2009-03-21'), context()).thenThrows(AlreadyMadeUp);
    spec
      .given([recorded])
      .when(makeUp('M2', '2009-03-20', 'S-9'), context())
      .thenThrows(StudySessionNotFound);
    spec.given([recorded]).when(makeUp('M9'), context()).thenThrows(MemberNotInBranch);
    spec.given([recorded]).when(makeUp('M2', '2009-03-17'), context()).thenThrows('DATE.OUT_OF_ORDER');
  });
});
