import { participationRate } from '@campaign-ledger/domain';
import { type PlainEvent } from '../../../testing/recorded-events';
import { base, given, row } from '../../../testing/given-events';
import { snapshotSource } from '../../queries/source';
import { campaignOverview } from '../dashboards/campaign-overview.queries';

describe('study-sessions read model: branch-work events', () => {
  it('StudySessionRecorded and StudyMakeUpRecorded give session, attendance and participation figures equal to the domain metric', () => {
    const session = (sessionId: string, attendance: Record<string, string>, expected: string[]): PlainEvent => ({
      type: 'StudySessionRecorded',
      data: { campaignId: 'C1', branchId: 'B1', sessionId, date: '2009-03-19', topic: 't', by: 'Wang', attendance, expected },
    });
    const rows = given(
      ...base(),
      session('S-1', { M1: 'present', M2: 'leave', M3: 'exempt' }, ['M1', 'M2']),
      session('S-2', { M1: 'present', M2: 'absent', M3: 'present' }, ['M1', 'M2', 'M3']),
      {
        type: 'StudyMakeUpRecorded',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          sessionId: 'S-1',
          sessionDate: '2009-03-19',
          memberId: 'M2',
          originalMark: 'leave',
          date: '2009-03-20',
          note: null,
          by: 'Wang',
        },
      },
      {
        type: 'StudyMakeUpRecorded',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          sessionId: 'S-1',
          sessionDate: '2009-03-19',
          memberId: 'M2',
          originalMark: 'leave',
          date: '2009-03-21',
          note: null,
          by: 'Wang',
        },
      },
    );
    expect(row(rows, 'session', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1' })).toMatchObject({
      expected: 2,
      present: 1,
      leave: 1,
      absent: 0,
      made_up: 1,
      week_of: '2009-03-16',
    });
    expect(row(rows, 'attendance', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1', member_id: 'M3' })).toMatchObject({
      mark: 'exempt',
      expected: false,
    });
    expect(row(rows, 'attendance', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1', member_id: 'M2' })?.made_up_on).toBe('2009-03-20');
    expect(row(rows, 'participation', { campaign_id: 'C1', branch_id: 'B1', member_id: 'M2' })).toMatchObject({
      expected: 2,
      participated: 1,
      complete: false,
    });
    const domain = participationRate([
      { sessionId: 'S-1', attendance: { M1: 'present', M2: 'leave', M3: 'exempt' }, expected: ['M1', 'M2'], madeUp: { M2: '2009-03-20' } },
      { sessionId: 'S-2', attendance: { M1: 'present', M2: 'absent', M3: 'present' }, expected: ['M1', 'M2', 'M3'], madeUp: {} },
    ]);
    return campaignOverview(snapshotSource({ rows }), 'C1', { asOf: '2009-03-25' }).then((o) => {
      expect(o.participation.byPerson).toEqual(domain.byPerson);
      expect(o.participation.byPersonSession).toEqual(domain.byPersonSession);
      expect(o.participation.attendance).toEqual({ numerator: 3, denominator: 5 });
    });
  });
});
