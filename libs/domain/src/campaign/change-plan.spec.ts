import { DeciderSpecification } from '../testing';
import { planned2009, plannedSmall } from '../testing/fixtures';
import { campaignDecider } from './campaign.decider';
import type { AddTask } from './campaign.commands';
import type { CampaignEvent } from './campaign.events';
import {
  CampaignIsClosed,
  DateOutsideCampaign,
  PlanReferenceNotFound,
  RecurringDeadlineFixed,
  StageAlreadyClosed,
  TaskAlreadyExists,
  TaskIsCancelled,
  TaskNotFound,
  TaskPlacementInvalid,
} from './campaign.errors';

const spec = DeciderSpecification.for(campaignDecider);
const planned = planned2009();
const add = (task: Partial<AddTask['data']['task']>, reason = '上级新增要求'): AddTask => ({
  type: 'AddTask',
  data: {
    task: { taskId: 'T40', title: '新增任务', phaseId: 'P3', scope: 'branch', dueDate: '2009-06-10', ...task } as AddTask['data']['task'],
    reason,
    by: 'office',
  },
});
const cancelled: CampaignEvent = { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T09', stageId: 'S1', reason: '合并到T08', by: 'office' } };

describe('campaign: adding a task after planning', () => {
  it('adds a task with a reason, placed in its phase and stage', () =>
    spec
      .given([planned])
      .when(add({}))
      .then([
        {
          type: 'TaskAdded',
          data: {
            campaignId: 'C1',
            reason: '上级新增要求',
            by: 'office',
            task: {
              taskId: 'T40',
              title: '新增任务',
              titleEn: null,
              stageId: 'S2',
              phaseId: 'P3',
              trackId: null,
              scope: 'branch',
              dueDate: '2009-06-10',
              dueWeek: null,
              recurringWeeks: [],
              evidence: [],
              responsible: null,
              kind: 'checklist',
              target: null,
              challenge: null,
              quantityUnit: null,
              mandatory: true,
              source: null,
            },
          },
        },
      ]));
  it('adds a weekly task repeating over its stage', () => {
    const [e] = spec
      .given([planned])
      .when(add({ taskId: 'T41', scope: 'branch_recurring_weekly', phaseId: 'P3' }))
      .events();
    expect(e.type === 'TaskAdded' && e.data.task.recurringWeeks.map((w) => w.weekOf)).toEqual([
      '2009-05-18',
      '2009-05-25',
      '2009-06-01',
      '2009-06-08',
      '2009-06-15',
      '2009-06-22',
    ]);
  });
  it('refuses an addition without a reason', () => spec.given([planned]).when(add({}, ' ')).thenThrows('COMMAND.REASON_REQUIRED'));
  it('refuses a duplicate task id', () =>
    spec
      .given([planned])
      .when(add({ taskId: 'T01' }))
      .thenThrows(TaskAlreadyExists));
  it('refuses a due date outside the campaign', () =>
    spec
      .given([planned])
      .when(add({ dueDate: '2009-09-01' }))
      .thenThrows(DateOutsideCampaign));
  it('refuses an unknown phase, a task with no stage in a staged campaign, and a phase/stage mismatch', () => {
    spec
      .given([planned])
      .when(add({ phaseId: 'P9' }))
      .thenThrows(PlanReferenceNotFound);
    spec
      .given([planned])
      .when(add({ phaseId: null }))
      .thenThrows(TaskPlacementInvalid);
    spec
      .given([planned])
      .when(add({ phaseId: 'P3', stageId: 'S1' }))
      .thenThrows(TaskPlacementInvalid);
  });
  it('refuses a task for a closed stage', () =>
    spec
      .given([
        planned,
        { type: 'StageOpened', data: { campaignId: 'C1', stageId: 'S1', order: 1, openedOn: '2009-03-16', by: 'o' } },
        { type: 'StageClosed', data: { campaignId: 'C1', stageId: 'S1', order: 1, closedOn: '2009-05-17', by: 'o', note: null, carriedOver: [] } },
      ])
      .when(add({ phaseId: 'P1', dueDate: '2009-05-20' }))
      .thenThrows(StageAlreadyClosed));
  it('refuses a quantity task without a target, or a checklist with one', () => {
    spec
      .given([plannedSmall()])
      .when(add({ phaseId: null, trackId: 'K1', kind: 'quantity', dueDate: '2009-04-01' }))
      .thenThrows('COMMAND.INVALID');
    spec
      .given([plannedSmall()])
      .when(add({ phaseId: null, trackId: 'K1', target: 3, dueDate: '2009-04-01' }))
      .thenThrows('COMMAND.INVALID');
    spec
      .given([plannedSmall()])
      .when(add({ phaseId: null, trackId: 'K9', dueDate: '2009-04-01' }))
      .thenThrows(PlanReferenceNotFound);
  });
});

describe('campaign: moving a deadline', () => {
  const move = (taskId: string, dueDate: string, reason = '会议推迟') => ({
    type: 'MoveTaskDeadline' as const,
    data: { taskId, dueDate, reason, by: 'office' },
  });
  it('moves a deadline with a reason', () =>
    spec
      .given([planned])
      .when(move('T21', '2009-06-14'))
      .then([
        {
          type: 'TaskDeadlineMoved',
          data: { campaignId: 'C1', taskId: 'T21', stageId: 'S2', previousDueDate: '2009-06-07', dueDate: '2009-06-14', reason: '会议推迟', by: 'office' },
        },
      ]));
  it('does nothing when the date is unchanged', () => spec.given([planned]).when(move('T21', '2009-06-07')).thenNothingHappened());
  it('refuses a date outside the campaign', () =>
    spec
      .given([planned])
      .when(move('T21', '2009-09-07'))
      .thenThrows(DateOutsideCampaign, (e) => expect(e.kind).toBe('validation')));
  it('refuses a move without a reason, of an unknown, cancelled or weekly task', () => {
    spec
      .given([planned])
      .when(move('T21', '2009-06-14', ''))
      .thenThrows('COMMAND.REASON_REQUIRED');
    spec.given([planned]).when(move('T99', '2009-06-14')).thenThrows(TaskNotFound);
    spec.given([planned, cancelled]).when(move('T09', '2009-04-20')).thenThrows(TaskIsCancelled);
    spec.given([planned]).when(move('T06', '2009-05-10')).thenThrows(RecurringDeadlineFixed);
  });
});

describe('campaign: cancelling a task', () => {
  const cancel = (taskId: string, reason = '合并到T08') => ({ type: 'CancelTask' as const, data: { taskId, reason, by: 'office' } });
  it('cancels a task with a reason', () => spec.given([planned]).when(cancel('T09')).then([cancelled]));
  it('refuses cancelling twice, without a reason, or an unknown task', () => {
    spec
      .given([planned, cancelled])
      .when(cancel('T09'))
      .thenThrows(TaskIsCancelled, (e) => expect(e.kind).toBe('conflict'));
    spec.given([planned]).when(cancel('T09', '')).thenThrows('COMMAND.REASON_REQUIRED');
    spec.given([planned]).when(cancel('T99')).thenThrows(TaskNotFound);
  });
  it('refuses any plan change after the campaign closed', () =>
    spec
      .given([plannedSmall(), { type: 'CampaignClosed', data: { campaignId: 'C2', closedOn: '2009-04-12', by: 'o', note: null } }])
      .when(cancel('A1'))
      .thenThrows(CampaignIsClosed));
});
