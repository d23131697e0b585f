import { campaignOf, member, planned2009, roster } from '../testing/fixtures';
import { expandInstances } from '../task-instances/expand-instances';
import {
  attendanceRate,
  challengeCompletion,
  completionRate,
  DEFAULT_AMBER_DAYS,
  halfYearCheck,
  overdueColour,
  participationRate,
  satisfactionRate,
  targetCompletion,
} from './metrics';
import { fraction, percent, ratio } from './ratio';

const ids = (n: number, prefix = 'M') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('metrics keep numerators and denominators', () => {
  it('percent and fraction derive from a ratio; an empty denominator measures nothing', () => {
    expect(percent(ratio(25, 18), 0)).toBe(139);
    expect(percent(ratio(181, 365))).toBe(49.6);
    expect(percent(ratio(0, 0))).toBeNull();
    expect(fraction(ratio(1, 4))).toBe(0.25);
  });

  it('challenge completion may exceed 100% (speech: 25 reports vs challenge 18 = 139%; 6 consultations = 60% of 10)', () => {
    expect(challengeCompletion(25, 18)).toEqual({ numerator: 25, denominator: 18 });
    expect(percent(challengeCompletion(25, 18), 0)).toBe(139);
    expect(percent(challengeCompletion(6, 10), 0)).toBe(60);
    expect(percent(targetCompletion(12, 10), 0)).toBe(120);
  });

  it('attendance rate of one session = present ÷ expected (exempt members are not expected)', () => {
    const session = {
      sessionId: 's',
      expected: ['M1', 'M2', 'M3', 'M4'],
      attendance: { M1: 'present', M2: 'present', M3: 'leave', M4: 'absent', M5: 'present' } as const,
      madeUp: {},
    };
    expect(attendanceRate(session)).toEqual({ numerator: 2, denominator: 4 });
  });

  it('participation rate: 150 on the roll, 4 exempt; 140 attend, 4 on leave of whom 2 make up → 142 / 146 = 97.3% (both by person and by person-session)', () => {
    const roll = ids(150);
    const expected = roll.slice(0, 146);
    const attendance: Record<string, 'present' | 'leave' | 'absent' | 'exempt'> = {};
    expected.forEach((m, i) => (attendance[m] = i < 140 ? 'present' : i < 144 ? 'leave' : 'absent'));
    roll.slice(146).forEach((m) => (attendance[m] = 'exempt'));
    const rate = participationRate([{ sessionId: 's1', expected, attendance, madeUp: { M141: '2009-03-20', M142: '2009-03-21' } }]);
    expect(rate.byPerson).toEqual({ numerator: 142, denominator: 146 });
    expect(rate.byPersonSession).toEqual({ numerator: 142, denominator: 146 });
    expect(percent(rate.byPerson)).toBe(97.3);
  });

  it('participation by person needs every expected session; by person-session counts each (人次)', () => {
    const s1 = { sessionId: 's1', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'absent' } as const, madeUp: {} };
    const s2 = { sessionId: 's2', expected: ['M1', 'M2'], attendance: { M1: 'leave', M2: 'present' } as const, madeUp: { M1: '2009-03-30' } };
    const rate = participationRate([s1, s2]);
    expect(rate.byPerson).toEqual({ numerator: 1, denominator: 2 });
    expect(rate.byPersonSession).toEqual({ numerator: 3, denominator: 4 });
  });

  it('completion rate = completed ÷ applicable instances, per branch, stage or phase; members count each', () => {
    const instances = expandInstances(campaignOf(planned2009()), roster('B1', [member('M1', { isLeader: true }), member('M2'), member('M3')]));
    // S1 for this branch: branch T05 T11 T13 (3) + 9 weekly + member T07 T14 T15 × 3 (9) + leader T10 × 1 = 22.
    const done = ['T05:branch:B1', 'T07:member:M1', 'T07:member:M2', 'T10:leader:M1', 'T22:branch:B1'];
    expect(completionRate(instances, done, { stageId: 'S1' })).toEqual({ numerator: 4, denominator: 22 });
    expect(completionRate(instances, new Set(done), { phaseId: 'P3' })).toEqual({ numerator: 1, denominator: 1 + 3 + 2 });
    expect(completionRate(instances, done).denominator).toBe(instances.length);
  });

  it('half-year check shows time and work progress; 30 June is 181/365 of the year and passes with work ≥ 50%', () => {
    const check = halfYearCheck({ periodStart: '2009-01-01', periodEnd: '2009-12-31', asOf: '2009-06-30', done: 6, planned: 10 });
    expect(check.timeProgress).toEqual({ numerator: 181, denominator: 365 });
    expect(percent(check.timeProgress)).toBe(49.6);
    expect(check.workProgress).toEqual({ numerator: 6, denominator: 10 });
    expect(check.halfwayDate).toBe('2009-07-02');
    expect(check.passes).toBe(true);
    expect(halfYearCheck({ periodStart: '2009-01-01', periodEnd: '2009-12-31', asOf: '2009-06-30', done: 5, planned: 10 }).passes).toBe(true);
    expect(halfYearCheck({ periodStart: '2009-01-01', periodEnd: '2009-12-31', asOf: '2009-06-30', done: 4, planned: 10 }).passes).toBe(false);
    expect(halfYearCheck({ periodStart: '2009-01-01', periodEnd: '2009-12-31', asOf: '2008-12-01', done: 0, planned: 10 }).timeProgress.numerator).toBe(0);
  });

  it('overdue colour: green, amber within N days, red when past due and not done', () => {
    const due = '2009-05-03';
    expect(overdueColour({ dueDate: due, asOf: '2009-04-20', done: false, amberWithinDays: 3 })).toEqual({ colour: 'green', daysLeft: 13 });
    expect(overdueColour({ dueDate: due, asOf: '2009-04-30', done: false, amberWithinDays: 3 })).toEqual({ colour: 'amber', daysLeft: 3 });
    expect(overdueColour({ dueDate: due, asOf: '2009-05-03', done: false, amberWithinDays: 3 })).toEqual({ colour: 'amber', daysLeft: 0 });
    expect(overdueColour({ dueDate: due, asOf: '2009-05-04', done: false, amberWithinDays: 3 })).toEqual({ colour: 'red', daysLeft: -1 });
    expect(overdueColour({ dueDate: due, asOf: '2009-05-10', done: true, amberWithinDays: 3 }).colour).toBe('green');
  });

  it('overdue colour: amber within DEFAULT_AMBER_DAYS (7) unless the reader asks for another window', () => {
    expect(DEFAULT_AMBER_DAYS).toBe(7);
    expect(overdueColour({ dueDate: '2009-05-03', asOf: '2009-04-26', done: false })).toEqual({ colour: 'amber', daysLeft: 7 });
    expect(overdueColour({ dueDate: '2009-05-03', asOf: '2009-04-25', done: false })).toEqual({ colour: 'green', daysLeft: 8 });
    expect(overdueColour({ dueDate: '2009-05-03', asOf: '2009-04-25', done: false, amberWithinDays: 10 }).colour).toBe('amber');
  });

  it('satisfaction rate counts valid ballots only (不了解 is not valid)', () => {
    const rate = satisfactionRate(
      { 满意: 80, 基本满意: 15, 不满意: 5, 不了解: 10 },
      { grades: ['满意', '基本满意', '不满意'], positive: ['满意', '基本满意'] },
    );
    expect(rate).toEqual({ top: { numerator: 80, denominator: 100 }, overall: { numerator: 95, denominator: 100 }, validBallots: 100 });
  });
});
