import { DeciderSpecification } from '../testing';
import { C, context } from '../testing/branch-work-fixtures';
import { branchWorkDecider } from './branch-work.decider';
import type { BranchWorkEvent } from './branch-work.events';
import { TaskNotCompleted } from './branch-work.errors';

const spec = DeciderSpecification.for(branchWorkDecider);
const done: BranchWorkEvent = {
  type: 'TaskCompleted',
  data: {
    ...C,
    instanceKey: 'T11:branch:B1',
    taskId: 'T11',
    stageId: 'S1',
    phaseId: 'P1',
    trackId: null,
    scope: 'branch',
    subjectId: 'B1',
    weekOf: null,
    dueDate: '2009-05-03',
    mandatory: true,
    completedOn: '2009-04-30',
    onTime: true,
    by: 'sec',
    note: '调研',
    evidence: [],
    commandId: null,
  },
};
const reopen = (reason: string, instanceKey = 'T11:branch:B1') => ({
  type: 'ReopenTaskInstance' as const,
  data: { ...C, instanceKey, reason, on: '2009-05-02', by: 'office' },
});
const reopened: BranchWorkEvent = {
  type: 'TaskReopened',
  data: { ...C, instanceKey: 'T11:branch:B1', taskId: 'T11', stageId: 'S1', reopenedOn: '2009-05-02', reason: '调研记录缺签名', by: 'office' },
};

describe('branch work: ReopenTaskInstance', () => {
  it('reopens a completed instance with a reason', () => spec.given([done]).when(reopen('调研记录缺签名'), context()).then([reopened]));
  it('requires a reason', () => spec.given([done]).when(reopen('  '), context()).thenThrows('COMMAND.REASON_REQUIRED'));
  it('refuses an instance that is not completed (never, or reopened already)', () => {
    spec
      .given([])
      .when(reopen('x'), context())
      .thenThrows(TaskNotCompleted, (e) => expect(e.kind).toBe('conflict'));
    spec.given([done, reopened]).when(reopen('x'), context()).thenThrows(TaskNotCompleted);
  });
  it('refuses a reopening dated before the completion it reopens', () => {
    const early = { type: 'ReopenTaskInstance' as const, data: { ...C, instanceKey: 'T11:branch:B1', reason: '补签', on: '2009-04-29', by: 'office' } };
    spec
      .given([done])
      .when(early, context())
      .thenThrows('DATE.OUT_OF_ORDER', (e) => expect(e.kind).toBe('validation'));
    spec
      .given([done])
      .when({ ...early, data: { ...early.data, on: '2009-04-30' } }, context())
      .then([{ ...reopened, data: { ...reopened.data, reopenedOn: '2009-04-30', reason: '补签' } }]);
  });
});
