import { DeciderSpecification } from '../testing';
import { C, context, recorded } from '../testing/branch-work-fixtures';
import { DateOutsideCampaign } from '../campaign/campaign.errors';
import { branchWorkDecider } from './branch-work.decider';
import type { RecordStudySession } from './branch-work.commands';
import type { BranchWorkEvent } from './branch-work.events';
import { AttendanceIncomplete, ExemptMemberNotExpected, MemberNotInBranch, StudySessionExists } from './branch-work.errors';

const spec = DeciderSpecification.for(branchWorkDecider);
const record = (over: Partial<RecordStudySession['data']> = {}): RecordStudySession => ({
  type: 'RecordStudySession',
  data: { ...C, sessionId: 'S-0318', date: '2009-03-18', topic: '科学发展观学习', attendance: { M1: 'present', M2: 'leave' }, by: 'sec', ...over },
});

describe('branch work: RecordStudySession', () => {
  it('records attendance; exempt members left off are recorded as exempt and not expected', () => spec.given([]).when(record(), context()).then([recorded]));
  it('records an exempt member who came as present, still outside the expected list', () =>
    spec
      .given([])
      .when(record({ attendance: { M1: 'present', M2: 'absent', M3: 'present' } }), context())
      .then([
        {
          type: 'StudySessionRecorded',
          data: { ...recorded.data, attendance: { M1: 'present', M2: 'absent', M3: 'present' }, expected: ['M1', 'M2'] },
        } as BranchWorkEvent,
      ]));
  it('refuses marking an exempt member absent or on leave', () =>
    spec
      .given([])
      .when(record({ attendance: { M1: 'present', M2: 'present', M3: 'absent' } }), context())
      .thenThrows(ExemptMemberNotExpected));
  it('refuses a sheet that leaves out an active member', () =>
    spec
      .given([])
      .when(record({ attendance: { M1: 'present' } }), context())
      .thenThrows(AttendanceIncomplete, (e) => expect(e.details['memberIds']).toEqual(['M2'])));
  it('refuses a member who is not in the branch on that date', () =>
    spec
      .given([])
      .when(record({ attendance: { M1: 'present', M2: 'present', M9: 'present' } }), context())
      .thenThrows(MemberNotInBranch));
  it('refuses a duplicate session id (conflict)', () =>
    spec
      .given([recorded])
      .when(record({ date: '2009-03-25' }), context())
      .thenThrows(StudySessionExists, (e) => expect(e.kind).toBe('conflict')));
  it('refuses a date outside the campaign, a missing topic, or an unknown mark', () => {
    spec
      .given([])
      .when(record({ date: '2009-03-01' }), context())
      .thenThrows(DateOutsideCampaign);
    spec
      .given([])
      .when(record({ topic: '' }), context())
      .thenThrows('COMMAND.INVALID');
    spec
      .given([])
      .when(record({ attendance: { M1: 'late' as never, M2: 'present' } }), context())
      .thenThrows('COMMAND.INVALID');
  });
});
