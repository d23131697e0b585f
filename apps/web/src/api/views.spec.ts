// The web app shows the server's figures as they come: the rules behind them are the domain's (one colour rule, one
// participation rule), and the pages only group and count what the answers carry.
import type { BranchDashboard, BranchRanking, CampaignView, ParticipationFigures, ReadModelInstance, WarningInstance } from '@campaign-ledger/api-contract';
import { daysBetween, mondayOf, overdueColour, participationRate } from '@campaign-ledger/domain';
import { ledgerStatus, phaseGroups, rankedBranches } from './views';

const warningColour = (dueDate: string, asOf: string, done: boolean) => overdueColour({ dueDate, asOf, done });

interface SessionFacts {
  readonly sessionId?: string;
  readonly attendance?: Readonly<Record<string, 'present' | 'leave' | 'absent'>>;
  readonly expected?: readonly string[];
  readonly makeUps?: readonly { memberId: string; originalMark: 'leave' | 'absent'; date: string; note: string | null }[];
}
const session = (over: SessionFacts) => ({
  sessionId: over.sessionId ?? 'S1',
  attendance: over.attendance ?? {},
  expected: over.expected ?? [],
  madeUp: Object.fromEntries((over.makeUps ?? []).map((m) => [m.memberId, m.date])),
});
const participationOf = participationRate;

describe("participation (参学率, the domain's rule)", () => {
  it('keeps members on leave in the denominator and counts make-ups as participation', () => {
    const s = session({
      expected: ['M1', 'M2', 'M3'],
      attendance: { M1: 'present', M2: 'leave', M3: 'absent' },
      makeUps: [{ memberId: 'M2', originalMark: 'leave', date: '2009-03-27', note: null }],
    });
    expect(participationOf([s])).toEqual({ byPerson: { numerator: 2, denominator: 3 }, byPersonSession: { numerator: 2, denominator: 3 } });
  });

  it('counts a person only when they took part in every session they were expected at', () => {
    const a = session({ sessionId: 'A', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'present' } });
    const b = session({ sessionId: 'B', expected: ['M1', 'M2'], attendance: { M1: 'present', M2: 'absent' } });
    expect(participationOf([a, b])).toEqual({ byPerson: { numerator: 1, denominator: 2 }, byPersonSession: { numerator: 3, denominator: 4 } });
  });
});

describe("warning colour (the domain's overdueColour, amber within DEFAULT_AMBER_DAYS)", () => {
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

const instance = (instanceKey: string, over: Partial<ReadModelInstance> = {}): ReadModelInstance => ({
  instanceKey,
  taskId: 'T1',
  title: 'task',
  stageId: 'S1',
  phaseId: 'P1',
  scope: 'branch',
  subjectId: 'B1',
  subjectName: null,
  weekOf: null,
  dueDate: '2009-03-22',
  mandatory: true,
  status: 'open',
  completedOn: null,
  completedBy: null,
  evidence: [],
  reopenCount: 0,
  actual: null,
  colour: 'green',
  daysLeft: 3,
  ...over,
});

describe('the branch ledger', () => {
  it('shows an instance open (also once reopened), completed, or carried over', () => {
    expect(ledgerStatus(instance('a'))).toBe('open');
    expect(ledgerStatus(instance('a', { status: 'reopened', reopenCount: 1 }))).toBe('open');
    expect(ledgerStatus(instance('a', { status: 'completed', completedOn: '2009-03-20' }))).toBe('completed');
    expect(ledgerStatus(instance('a', { carriedOverTo: 'S2' }))).toBe('carried_over');
    expect(ledgerStatus(instance('a', { carriedOverTo: null }))).toBe('carried_over');
    expect(ledgerStatus(instance('a', { status: 'completed', carriedOverTo: 'S2' }))).toBe('completed');
  });

  it("groups the instances by phase in the plan's order, stage by stage, then those of no phase", () => {
    const progress = { applicable: 1, done: 0, overdue: 0, completion: { numerator: 0, denominator: 1 } };
    const phase = (phaseId: string, stageId: string, order: number) => ({
      phaseId,
      stageId,
      name: phaseId,
      order,
      ...progress,
      instances: [instance(`${phaseId}-1`, { phaseId })],
    });
    const dashboard = {
      // The read model orders phases by their order within their stage.
      phases: [phase('P1', 'S1', 1), phase('P3', 'S2', 1), phase('P2', 'S1', 2)],
      unphased: [instance('u1', { phaseId: null, status: 'completed' }), instance('u2', { phaseId: null })],
    } as unknown as BranchDashboard;
    const campaign = { phases: [{ phaseId: 'P1' }, { phaseId: 'P2' }, { phaseId: 'P3' }] } as unknown as CampaignView;
    expect(phaseGroups(dashboard, campaign).map((g) => [g.phaseId, g.instances.map((i) => i.instanceKey), g.completion])).toEqual([
      ['P1', ['P1-1'], { numerator: 0, denominator: 1 }],
      ['P2', ['P2-1'], { numerator: 0, denominator: 1 }],
      ['P3', ['P3-1'], { numerator: 0, denominator: 1 }],
      [null, ['u1', 'u2'], { numerator: 1, denominator: 2 }],
    ]);
  });
});

describe('the ranking', () => {
  it("counts each branch's red instances of the overdue list beside its figures", () => {
    const none = { numerator: 0, denominator: 0 };
    const figures: ParticipationFigures = { byPerson: none, byPersonSession: none, attendance: none, sessions: 0 };
    const ranking: BranchRanking[] = [
      { rank: 1, branchId: 'B1', name: 'one', completion: { numerator: 3, denominator: 4 }, participation: figures },
      { rank: 2, branchId: 'B2', name: 'two', completion: { numerator: 1, denominator: 4 }, participation: figures },
    ];
    const warning = (branchId: string, colour: 'red' | 'amber'): WarningInstance => ({ ...instance(`${branchId}-${colour}`, { colour }), branchId });
    expect(
      rankedBranches(ranking, [warning('B2', 'red'), warning('B2', 'red'), warning('B2', 'amber'), warning('B1', 'amber')]).map((b) => [b.branchId, b.overdue]),
    ).toEqual([
      ['B1', 0],
      ['B2', 2],
    ]);
  });
});
