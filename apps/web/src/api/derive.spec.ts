import { daysBetween, deriveOverview, mondayOf, participationOf, warningColour } from './derive';
import type { BranchInstances, BranchWork, Campaign, InstanceRow, StudySession } from './types';

const session = (over: Partial<StudySession>): StudySession => ({
  sessionId: 'S1', date: '2009-03-25', topic: 't', attendance: {}, expected: [], presentCount: 0, makeUps: [], ...over,
});

describe('participationOf (参学率)', () => {
  it('keeps members on leave in the denominator and counts make-ups as participation', () => {
    const s = session({ expected: ['M1', 'M2', 'M3'], attendance: { M1: 'present', M2: 'leave', M3: 'absent' }, makeUps: [{ memberId: 'M2', originalMark: 'leave', date: '2009-03-27', note: null }] });
    expect(participationOf([s])).toEqual({ byPerson: { numerator: 2, denominator: 3 }, byPersonSession: { numerator: 2, denominator: 3 } });
  });

  it('counts a person only when they took part in every session they were expected at', () => {
    const a = session({ sessionId: 'A', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'present' } });
    const b = session({ sessionId: 'B', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'absent' } });
    expect(participationOf([a, b])).toEqual({ byPerson: { numerator: 1, denominator: 2 }, byPersonSession: { numerator: 3, denominator: 4 } });
  });
});

describe('warningColour', () => {
  it('is red past the due date, amber within 7 days, green otherwise or when done', () => {
    expect(warningColour('2009-03-01', '2009-03-05', false)).toEqual({ colour: 'red', daysLeft: -4 });
    expect(warningColour('2009-03-12', '2009-03-05', false)).toEqual({ colour: 'amber', daysLeft: 7 });
    expect(warningColour('2009-03-13', '2009-03-05', false)).toEqual({ colour: 'green', daysLeft: 8 });
    expect(warningColour('2009-03-01', '2009-03-05', true).colour).toBe('green');
  });

  it('counts days across month ends and finds Mondays', () => {
    expect(daysBetween('2009-02-27', '2009-03-02')).toBe(3);
    expect(mondayOf('2009-03-29')).toBe('2009-03-23');
    expect(mondayOf('2009-03-23')).toBe('2009-03-23');
  });
});

describe('deriveOverview', () => {
  const campaign = {
    campaignId: 'C1', unitId: 'U1', name: 'c', status: 'planned', startDate: '2009-01-01', endDate: '2009-12-31', closedOn: null, officeBranchId: '_unit',
    revision: 1, etag: '"1"', currentStageId: 'S1', counts: {},
    stages: [{ stageId: 'S1', order: 1, name: 's', code: null, startDate: null, endDate: null, status: 'open', openedOn: null, closedOn: null, carriedOverCount: 0 }],
    phases: [{ phaseId: 'P1', stageId: 'S1', order: 1, name: 'p', code: null, startDate: null, endDate: null }],
    tracks: [], tasks: [],
  } as Campaign;
  const row = (key: string, status: InstanceRow['status'], dueDate: string, overdue = false): InstanceRow => ({
    key, taskId: 'T1', stageId: 'S1', phaseId: 'P1', trackId: null, scope: 'branch', subjectId: 'B1', branchId: 'B1', weekOf: null, dueDate, mandatory: true,
    kind: 'checklist', title: 'task', status, overdue, completedOn: null, carriedOverTo: null, reopenCount: 0,
  });
  const instances: BranchInstances[] = [
    { campaignId: 'C1', branchId: 'B1', asOf: '2009-06-30', counts: {} as BranchInstances['counts'], instances: [row('a', 'completed', '2009-03-01'), row('b', 'open', '2009-06-01', true), row('c', 'cancelled', '2009-06-01')] },
  ];
  const works: BranchWork[] = [{ campaignId: 'C1', branchId: 'B1', revision: 0, instances: [], sessions: [], threeOnes: [] }];

  it('keeps numerators and denominators, leaves cancelled work out and lists what is overdue', () => {
    const overview = deriveOverview({ campaign, unit: null, instances, works });
    expect(overview.campaign).toEqual({ completion: { numerator: 1, denominator: 2 }, overdue: 1 });
    expect(overview.halfYear.timeProgress).toEqual({ numerator: 181, denominator: 365 });
    expect(overview.halfYear.passes).toBe(true);
    expect(overview.warnings.map((w) => [w.instanceKey, w.colour])).toEqual([['b', 'red']]);
    expect(overview.heatmap.cells.find((c) => c.branchId === 'B1')?.completion).toEqual({ numerator: 1, denominator: 2 });
  });
});
