import { DeciderSpecification } from '../testing';
import { C, context, smallContext } from '../testing/branch-work-fixtures';
import { DateOutsideCampaign } from '../campaign/campaign.errors';
import { branchWorkDecider } from './branch-work.decider';
import type { ReportQuantity } from './branch-work.commands';
import type { BranchWorkEvent } from './branch-work.events';
import { NotAQuantityTask, QuantityReportIdReused } from './branch-work.errors';
import { challengeCompletion, percent } from '../metrics';

const spec = DeciderSpecification.for(branchWorkDecider);
const S = { campaignId: 'C2', branchId: 'B1' };
const report = (over: Partial<ReportQuantity['data']>): ReportQuantity => ({
  type: 'ReportQuantity',
  data: { ...S, taskId: 'A2', amount: 20, on: '2009-04-01', by: 'sec', reportId: 'r1', ...over },
});
const ref = {
  ...S,
  instanceKey: 'A2:branch:B1',
  taskId: 'A2',
  stageId: null,
  phaseId: null,
  trackId: 'K1',
  scope: 'branch' as const,
  subjectId: 'B1',
  weekOf: null,
  dueDate: '2009-04-12',
  mandatory: true,
};
const first: BranchWorkEvent = {
  type: 'QuantityReported',
  data: { ...ref, amount: 20, on: '2009-04-01', note: null, by: 'sec', reportId: 'r1', actual: 20, target: 10, challenge: 18 },
};

describe('branch work: ReportQuantity', () => {
  it('reports toward target and challenge by task id', () => spec.given([]).when(report({}), smallContext()).then([first]));
  it('keeps a running actual (25 reports against a challenge of 18 = 139%)', () => {
    const [e] = spec
      .given([first])
      .when(report({ instanceKey: 'A2:branch:B1', taskId: null, amount: 5, reportId: 'r2', note: '补报' }), smallContext())
      .events();
    expect(e.data).toMatchObject({ amount: 5, actual: 25, target: 10, challenge: 18, note: '补报' });
    if (e.type === 'QuantityReported') expect(percent(challengeCompletion(e.data.actual, e.data.challenge!), 0)).toBe(139);
  });
  it('accepts a negative correction but never a total below 0', () => {
    const [e] = spec
      .given([first])
      .when(report({ amount: -3, reportId: 'r2' }), smallContext())
      .events();
    expect(e.data).toMatchObject({ actual: 17 });
    spec
      .given([first])
      .when(report({ amount: -21, reportId: 'r2' }), smallContext())
      .thenThrows('COMMAND.INVALID');
  });
  it('is idempotent for a repeated report id, and refuses its reuse for another report', () => {
    spec.given([first]).when(report({}), smallContext()).thenNothingHappened();
    spec
      .given([first])
      .when(report({ amount: 2 }), smallContext())
      .thenThrows(QuantityReportIdReused);
  });
  it('needs the instance when the task has one per member', () => {
    spec
      .given([])
      .when(report({ taskId: 'A5' }), smallContext())
      .thenThrows('COMMAND.INVALID', (e) => expect(e.details['path']).toBe('instanceKey'));
    const [e] = spec
      .given([])
      .when(report({ taskId: null, instanceKey: 'A5:member:M2', amount: 1 }), smallContext())
      .events();
    expect(e.data).toMatchObject({ scope: 'member', subjectId: 'M2', actual: 1, target: 2, challenge: null });
  });
  it('refuses checklist tasks, zero amounts and dates outside the campaign', () => {
    spec
      .given([])
      .when(report({ taskId: 'A1' }), smallContext())
      .thenThrows(NotAQuantityTask);
    spec
      .given([])
      .when({ type: 'ReportQuantity', data: { ...C, taskId: 'T05', amount: 1, on: '2009-04-01', by: 's' } }, context())
      .thenThrows(NotAQuantityTask);
    spec
      .given([])
      .when(report({ amount: 0 }), smallContext())
      .thenThrows('COMMAND.INVALID');
    spec
      .given([])
      .when(report({ on: '2009-05-01' }), smallContext())
      .thenThrows(DateOutsideCampaign);
  });
});
