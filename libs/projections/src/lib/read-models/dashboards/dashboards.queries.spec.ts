import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchDashboard, BranchNotProjected } from './branch-dashboard.queries';
import { campaignOverview, rankBranches } from './campaign-overview.queries';

describe('dashboard queries', () => {
  const source = sourceOf(workedExample());
  const participationB1 = {
    byPerson: { numerator: 2, denominator: 3 },
    byPersonSession: { numerator: 3, denominator: 5 },
    attendance: { numerator: 3, denominator: 5 },
    sessions: 2,
  };
  const none = { numerator: 0, denominator: 0 };

  it('campaignOverview gives progress by stage and phase, warnings and participation', async () => {
    const overview = await campaignOverview(source, 'C1', { asOf: '2009-03-25' });
    expect(overview.totals).toEqual({ applicable: 15, done: 4, overdue: 3, completion: { numerator: 4, denominator: 15 } });
    expect(
      overview.stages.map((s) => [s.stageId, s.status, s.applicable, s.done, s.overdue, s.phases.map((p) => [p.phaseId, p.applicable, p.done, p.overdue])]),
    ).toEqual([
      [
        'S1',
        'pending',
        13,
        4,
        3,
        [
          ['P1', 6, 2, 2],
          ['P2', 7, 2, 1],
        ],
      ],
      ['S2', 'pending', 2, 0, 0, [['P3', 2, 0, 0]]],
    ]);
    expect(overview.phases).toEqual([]);
    expect(overview.unphased).toEqual({ applicable: 0, done: 0, overdue: 0, completion: none });
    expect(overview.halfYear).toEqual({
      timeProgress: { numerator: 10, denominator: 42 },
      workProgress: { numerator: 4, denominator: 15 },
      halfwayDate: '2009-04-05',
      passes: false,
    });
    expect(overview.warnings).toEqual({ red: 3, amber: 5, amberWithinDays: 7 });
    expect(overview.participation).toEqual(participationB1);
  });

  it('rankBranches ranks by completion or by participation', async () => {
    const expected = [
      { rank: 1, branchId: 'B1', name: 'Branch one', completion: { numerator: 3, denominator: 8 }, participation: participationB1 },
      {
        rank: 2,
        branchId: 'B2',
        name: 'Branch two',
        completion: { numerator: 0, denominator: 4 },
        participation: { byPerson: none, byPersonSession: none, attendance: none, sessions: 0 },
      },
    ];
    expect(await rankBranches(source, 'C1', 'completion')).toEqual(expected);
    expect(await rankBranches(source, 'C1', 'participation')).toEqual(expected);
  });

  it('branchDashboard gives a branch its progress and instances by phase', async () => {
    const dashboard = await branchDashboard(source, 'C1', 'B2', { asOf: '2009-03-25' });
    expect([dashboard.name, dashboard.secretaryName]).toEqual(['Branch two', 'Liu']);
    expect(dashboard.totals).toEqual({ applicable: 4, done: 0, overdue: 2, completion: { numerator: 0, denominator: 4 } });
    expect(dashboard.warnings).toEqual({ red: 2, amber: 1, amberWithinDays: 7 });
    expect(dashboard.phases.map((p) => [p.phaseId, p.applicable, p.done, p.instances.map((i) => i.instanceKey)])).toEqual([
      ['P1', 1, 0, ['T1:branch:B2']],
      ['P3', 1, 0, ['T7:branch:B2']],
      ['P2', 2, 0, ['T4:week:B2:2009-03-16', 'T4:week:B2:2009-03-23']],
    ]);
    expect([dashboard.unphased, dashboard.sessions, dashboard.participationByWeek]).toEqual([[], [], []]);
    expect(dashboard.threeOnes).toEqual({ members: [], complete: none });
    await expect(branchDashboard(source, 'C1', 'B9', { asOf: '2009-03-25' })).rejects.toBeInstanceOf(BranchNotProjected);
  });
});
