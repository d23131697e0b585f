import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchParticipation, participationOverTime, sessionFigures } from './study-sessions.queries';

describe('study-sessions queries', () => {
  const source = sourceOf(workedExample());

  it('sessionFigures gives each session of a branch, by date', async () => {
    expect(await sessionFigures(source, 'C1', 'B1')).toEqual([
      {
        sessionId: 'S-1', date: '2009-03-19', topic: 't', expected: 2, present: 1, leave: 1, absent: 0, madeUp: 0,
        attendance: { numerator: 1, denominator: 2 }, participation: { numerator: 1, denominator: 2 },
      },
      {
        sessionId: 'S-2', date: '2009-03-26', topic: 't', expected: 3, present: 2, leave: 0, absent: 1, madeUp: 0,
        attendance: { numerator: 2, denominator: 3 }, participation: { numerator: 2, denominator: 3 },
      },
    ]);
  });

  it('branchParticipation sums a branch\'s sessions and members', async () => {
    expect(await branchParticipation(source, 'C1', 'B1')).toEqual({
      byPerson: { numerator: 2, denominator: 3 }, byPersonSession: { numerator: 3, denominator: 5 }, attendance: { numerator: 3, denominator: 5 }, sessions: 2,
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
