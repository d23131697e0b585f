import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchParticipation, branchSessions, participationOverTime, sessionFigures } from './study-sessions.queries';

describe('study-sessions queries', () => {
  const source = sourceOf(workedExample());

  it('sessionFigures gives each session of a branch, by date', async () => {
    expect(await sessionFigures(source, 'C1', 'B1')).toEqual([
      {
        sessionId: 'S-1',
        date: '2009-03-19',
        topic: 't',
        expected: 2,
        present: 1,
        leave: 1,
        absent: 0,
        madeUp: 0,
        attendance: { numerator: 1, denominator: 2 },
        participation: { numerator: 1, denominator: 2 },
      },
      {
        sessionId: 'S-2',
        date: '2009-03-26',
        topic: 't',
        expected: 3,
        present: 2,
        leave: 0,
        absent: 1,
        madeUp: 0,
        attendance: { numerator: 2, denominator: 3 },
        participation: { numerator: 2, denominator: 3 },
      },
    ]);
  });

  it("branchSessions gives each session with every member's mark and make-up, members named, also those who moved away", async () => {
    const sessions = await branchSessions(
      sourceOf([
        ...workedExample(),
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
        { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
        { type: 'MemberTransferred', data: { unitId: 'U1', memberId: 'M3', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-03-27', reason: null } },
      ]),
      'C1',
      'B1',
    );
    expect(sessions.map((s) => [s.sessionId, s.madeUp, s.participation])).toEqual([
      ['S-1', 1, { numerator: 2, denominator: 2 }],
      ['S-2', 0, { numerator: 2, denominator: 3 }],
    ]);
    expect(sessions.map((s) => s.marks)).toEqual([
      [
        { memberId: 'M1', name: 'Wang', mark: 'present', expected: true, madeUpOn: null },
        { memberId: 'M2', name: 'Li', mark: 'leave', expected: true, madeUpOn: '2009-03-21' },
        { memberId: 'M3', name: 'Zhang', mark: 'exempt', expected: false, madeUpOn: null },
      ],
      [
        { memberId: 'M1', name: 'Wang', mark: 'present', expected: true, madeUpOn: null },
        { memberId: 'M2', name: 'Li', mark: 'absent', expected: true, madeUpOn: null },
        { memberId: 'M3', name: 'Zhang', mark: 'present', expected: true, madeUpOn: null },
      ],
    ]);
    expect(await branchSessions(source, 'C1', 'B2')).toEqual([]);
  });

  it("branchParticipation sums a branch's sessions and members", async () => {
    expect(await branchParticipation(source, 'C1', 'B1')).toEqual({
      byPerson: { numerator: 2, denominator: 3 },
      byPersonSession: { numerator: 3, denominator: 5 },
      attendance: { numerator: 3, denominator: 5 },
      sessions: 2,
    });
  });

  it('participationOverTime gives one figure per week', async () => {
    expect(await participationOverTime(source, 'C1')).toEqual([
      { weekOf: '2009-03-16', sessions: 1, participation: { numerator: 1, denominator: 2 }, attendance: { numerator: 1, denominator: 2 } },
      { weekOf: '2009-03-23', sessions: 1, participation: { numerator: 2, denominator: 3 }, attendance: { numerator: 2, denominator: 3 } },
    ]);
    expect(await participationOverTime(source, 'C1', 'B2')).toEqual([]);
  });
});
