import { DeciderSpecification } from '../testing';
import { C, context } from '../testing/branch-work-fixtures';
import { evidence, roster, unitRoster } from '../testing/fixtures';
import { CampaignIsClosed, CampaignNotFound, DateOutsideCampaign, TaskIsCancelled, TaskNotFound } from '../campaign/campaign.errors';
import type { PlannedCampaign } from '../campaign/campaign.state';
import { branchWorkDecider } from './branch-work.decider';
import type { CompleteTaskInstance } from './branch-work.commands';
import type { BranchWorkEvent } from './branch-work.events';
import { InstanceNotFound, InstanceNotInBranch, MemberIsExempt, MemberNotInBranch, TaskAlreadyCompleted, WrongBranchWorkStream } from './branch-work.errors';

const spec = DeciderSpecification.for(branchWorkDecider);
const complete = (instanceKey: string, over: Partial<CompleteTaskInstance['data']> = {}): CompleteTaskInstance => ({
  type: 'CompleteTaskInstance',
  data: { ...C, instanceKey, note: '已制定学习计划', evidence: [evidence()], completedOn: '2009-03-27', by: 'sec-B1', commandId: 'cmd-1', ...over },
});
const t05Done: BranchWorkEvent = {
  type: 'TaskCompleted',
  data: {
    ...C,
    instanceKey: 'T05:branch:B1',
    taskId: 'T05',
    stageId: 'S1',
    phaseId: 'P1',
    trackId: null,
    scope: 'branch',
    subjectId: 'B1',
    weekOf: null,
    dueDate: '2009-03-29',
    mandatory: true,
    completedOn: '2009-03-27',
    onTime: true,
    by: 'sec-B1',
    note: '已制定学习计划',
    evidence: [evidence()],
    commandId: 'cmd-1',
  },
};

describe('branch work: CompleteTaskInstance', () => {
  it('completes a branch instance with note and evidence', () => spec.given([]).when(complete('T05:branch:B1'), context()).then([t05Done]));

  it('completes member, leader and weekly instances, flagging late completion', () => {
    const [m] = spec
      .given([])
      .when(complete('T07:member:M2', { completedOn: '2009-05-05' }), context())
      .events();
    expect(m.data).toMatchObject({ scope: 'member', subjectId: 'M2', dueDate: '2009-05-03', onTime: false });
    const [l] = spec.given([]).when(complete('T10:leader:M1'), context()).events();
    expect(l.data).toMatchObject({ scope: 'leader', subjectId: 'M1' });
    const [w] = spec.given([]).when(complete('T06:week:B1:2009-03-23'), context()).events();
    expect(w.data).toMatchObject({ weekOf: '2009-03-23', dueDate: '2009-03-29' });
  });

  it('is idempotent for the same command id', () =>
    spec
      .given([t05Done])
      .when(complete('T05:branch:B1', { note: 'other', evidence: [] }), context())
      .thenNothingHappened());
  it('is idempotent for an identical note and evidence under another command id', () =>
    spec
      .given([t05Done])
      .when(complete('T05:branch:B1', { commandId: 'cmd-2', completedOn: '2009-03-28' }), context())
      .thenNothingHappened());
  it('refuses a different completion of a completed instance (conflict)', () =>
    spec
      .given([t05Done])
      .when(complete('T05:branch:B1', { commandId: 'cmd-2', note: '补充材料' }), context())
      .thenThrows(TaskAlreadyCompleted, (e) => {
        expect(e.code).toBe('TASK.ALREADY_COMPLETED');
        expect(e.kind).toBe('conflict');
      }));
  it('completes again after a reopen', () => {
    const reopened: BranchWorkEvent = {
      type: 'TaskReopened',
      data: { ...C, instanceKey: 'T05:branch:B1', taskId: 'T05', stageId: 'S1', reopenedOn: '2009-03-28', reason: '材料不全', by: 'office' },
    };
    const [e] = spec
      .given([t05Done, reopened])
      .when(complete('T05:branch:B1', { commandId: 'cmd-3', note: '补齐材料' }), context())
      .events();
    expect(e.type).toBe('TaskCompleted');
  });

  it('refuses a cancelled task', () =>
    spec
      .given([])
      .when(complete('T05:branch:B1'), context({ type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T05', stageId: 'S1', reason: 'x', by: 'o' } }))
      .thenThrows(TaskIsCancelled));
  it('refuses an unknown task or instance', () => {
    spec.given([]).when(complete('T99:branch:B1'), context()).thenThrows(TaskNotFound);
    spec.given([]).when(complete('garbage'), context()).thenThrows(InstanceNotFound);
    spec.given([]).when(complete('T05:member:M1'), context()).thenThrows(InstanceNotFound);
    spec.given([]).when(complete('T06:week:B1:2009-06-01'), context()).thenThrows(InstanceNotFound);
    spec.given([]).when(complete('T10:leader:M2'), context()).thenThrows(InstanceNotFound);
  });
  it('refuses a member not in the branch (forbidden) or exempt (a conflict with the member state: 409)', () => {
    spec
      .given([])
      .when(complete('T07:member:M9'), context())
      .thenThrows(MemberNotInBranch, (e) => expect(e.kind).toBe('forbidden'));
    spec
      .given([])
      .when(complete('T07:member:M3'), context())
      .thenThrows(MemberIsExempt, (e) => expect(e.kind).toBe('conflict'));
  });
  it("refuses another branch's or the unit's instances", () => {
    spec
      .given([])
      .when(complete('T05:branch:B2'), context())
      .thenThrows(InstanceNotInBranch, (e) => expect(e.kind).toBe('forbidden'));
    spec.given([]).when(complete('T01:unit'), context()).thenThrows(InstanceNotInBranch);
    spec.given([]).when(complete('T31:division:D1'), context()).thenThrows(InstanceNotInBranch);
  });
  it('lets the unit level complete unit and division instances', () => {
    const ctx = { ...context(), roster: unitRoster() };
    const unit = { ...C, branchId: '_unit' };
    const [u] = spec.given([]).when(complete('T01:unit', unit), ctx).events();
    expect(u.data).toMatchObject({ scope: 'unit', subjectId: 'U1', branchId: '_unit' });
    const [d] = spec.given([]).when(complete('T31:division:D2', unit), ctx).events();
    expect(d.data).toMatchObject({ scope: 'division', subjectId: 'D2' });
    spec.given([]).when(complete('T31:division:D9', unit), ctx).thenThrows(InstanceNotFound);
    spec.given([]).when(complete('T05:branch:_unit', unit), ctx).thenThrows(InstanceNotInBranch);
  });
  it('refuses a date outside the campaign', () =>
    spec
      .given([])
      .when(complete('T05:branch:B1', { completedOn: '2009-09-01' }), context())
      .thenThrows(DateOutsideCampaign));
  it('refuses malformed evidence', () => {
    spec
      .given([])
      .when(complete('T05:branch:B1', { evidence: [{ ...evidence(), sha256: 'abc' }] }), context())
      .thenThrows('COMMAND.INVALID', (e) => expect(e.details['path']).toBe('evidence[0].sha256'));
    spec
      .given([])
      .when(complete('T05:branch:B1', { evidence: [{ ...evidence(), size: -1 }] }), context())
      .thenThrows('COMMAND.INVALID');
  });
  it('refuses work for a campaign that is not planned, is closed, or is another stream', () => {
    spec
      .given([])
      .when(complete('T05:branch:B1'), { plan: { status: 'not_planned' }, roster: roster('B1', []) })
      .thenThrows(CampaignNotFound);
    const closedPlan = { ...context(), plan: { ...(context().plan as PlannedCampaign), status: 'closed' as const, closedOn: '2009-08-31' } };
    spec.given([]).when(complete('T05:branch:B1'), closedPlan).thenThrows(CampaignIsClosed);
    spec
      .given([])
      .when(complete('T05:branch:B1', { campaignId: 'C9' }), context())
      .thenThrows(WrongBranchWorkStream);
    spec
      .given([t05Done])
      .when(complete('T11:branch:B2', { branchId: 'B2' }), { ...context(), roster: roster('B2', []) })
      .thenThrows(WrongBranchWorkStream);
    spec
      .given([])
      .when(complete('T05:branch:B1'), { ...context(), roster: roster('B2', []) })
      .thenThrows(WrongBranchWorkStream);
  });
});
