// The plan of one campaign (stream `campaign-<campaignId>`): planned once from a template, then changed only by
// events with a reason; stages open and close (转段) one at a time, in order.
import { assertNever, type Decider } from '../shared/decider';
import { isBefore, isMonday, isWithin, type IsoDate } from '../shared/dates';
import { DateOutOfOrder, InvalidCommand } from '../shared/errors';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { optionalText, requireDate, requireReason, requireText } from '../shared/validate';
import { TASK_KINDS, TASK_SCOPES, type TaskKind, type TaskScope } from '../template/template.types';
import type { AddTask, CampaignCommand, CloseStage, PlanCampaign } from './campaign.commands';
import {
  CampaignAlreadyPlanned,
  CampaignIsClosed,
  CampaignNotFound,
  CampaignStagesNotClosed,
  DateOutsideCampaign,
  PlanReferenceNotFound,
  RecurringDeadlineFixed,
  StageAlreadyClosed,
  StageAlreadyOpen,
  StageHasUnfinishedWork,
  StageNotFound,
  StageNotOpen,
  StageOutOfOrder,
  TaskAlreadyExists,
  TaskIsCancelled,
  TaskNotFound,
  TaskPlacementInvalid,
} from './campaign.errors';
import type { CampaignEvent } from './campaign.events';
import { findTask, initialCampaignState, type CampaignState, type PlannedCampaign } from './campaign.state';
import type { CarriedOverInstance, PlannedTask, RecurringWeek } from './campaign.types';
import { datesOfWeeks, planFromTemplate, recurrenceSpan, recurringWeeksIn } from './plan';

function planned(state: CampaignState): PlannedCampaign {
  if (state.status === 'not_planned') throw CampaignNotFound.notPlanned();
  return state;
}

/** A planned campaign that can still change. */
function open(state: CampaignState): PlannedCampaign {
  const campaign = planned(state);
  if (campaign.status === 'closed') throw CampaignIsClosed.on(campaign.campaignId, campaign.closedOn ?? campaign.endDate);
  return campaign;
}

function dateWithin(campaign: PlannedCampaign, value: unknown, field: string): IsoDate {
  const date = requireDate(value, field);
  if (!isWithin(date, campaign.startDate, campaign.endDate)) throw DateOutsideCampaign.forField(field, date, campaign.startDate, campaign.endDate);
  return date;
}

function decidePlan(command: PlanCampaign, state: CampaignState): CampaignEvent[] {
  const d = command.data;
  if (state.status !== 'not_planned') throw CampaignAlreadyPlanned.withId(state.campaignId);
  const campaignId = requireText(d.campaignId, 'campaignId');
  const name = requireText(d.name, 'name');
  const unitId = requireText(d.unitId, 'unitId');
  const createdBy = requireText(d.createdBy, 'createdBy');
  const startDate = requireDate(d.startDate, 'startDate');
  const endDate = requireDate(d.endDate, 'endDate');
  if (!isMonday(startDate))
    throw InvalidCommand.field(
      'startDate',
      `must be a Monday, the first day of week 1 (${startDate} is not)`,
      `必须是星期一，即第 1 周的第一天（${startDate} 不是）`,
    );
  if (isBefore(endDate, startDate)) throw DateOutOfOrder.mustNotBeBefore('endDate', endDate, startDate, 'the start date');
  if (!d.template || !Array.isArray(d.template.tasks))
    throw InvalidCommand.field('template', 'must be a parsed campaign template (use parseTemplate)', '必须是已校验的活动模板');
  const officeBranchId = d.officeBranchId === undefined || d.officeBranchId === null ? UNIT_LEVEL_BRANCH_ID : requireText(d.officeBranchId, 'officeBranchId');
  const { plan, outside } = planFromTemplate(d.template, startDate, endDate);
  if (outside.length > 0) throw DateOutsideCampaign.forPlan(outside, startDate, endDate);
  return [{ type: 'CampaignPlanned', data: { campaignId, unitId, name, templateCode: d.template.code, startDate, endDate, officeBranchId, createdBy, plan } }];
}

function decideAddTask(command: AddTask, state: CampaignState): CampaignEvent[] {
  const campaign = open(state);
  const t = command.data.task;
  if (!t || typeof t !== 'object') throw InvalidCommand.field('task', 'is required', '不能为空');
  const taskId = requireText(t.taskId, 'task.taskId');
  if (taskId.includes(':')) throw InvalidCommand.field('task.taskId', 'must not contain ":"', '不能包含“:”');
  const title = requireText(t.title, 'task.title');
  const reason = requireReason(command.data.reason, 'add a task after planning');
  const by = requireText(command.data.by, 'by');
  if (findTask(campaign, taskId)) throw TaskAlreadyExists.withId(taskId);
  if (!TASK_SCOPES.includes(t.scope))
    throw InvalidCommand.field('task.scope', `must be one of ${TASK_SCOPES.join(', ')}`, `必须是 ${TASK_SCOPES.join('、')} 之一`);
  const kind: TaskKind = t.kind ?? 'checklist';
  if (!TASK_KINDS.includes(kind)) throw InvalidCommand.field('task.kind', `must be one of ${TASK_KINDS.join(', ')}`, `必须是 ${TASK_KINDS.join('、')} 之一`);
  const dueDate = dateWithin(campaign, t.dueDate, 'task.dueDate');

  let stageId = t.stageId ?? null;
  const phaseId = t.phaseId ?? null;
  const trackId = t.trackId ?? null;
  const phase = phaseId === null ? undefined : campaign.phases.find((p) => p.phaseId === phaseId);
  if (phaseId !== null && !phase) throw PlanReferenceNotFound.of('phase', phaseId);
  if (phase) {
    if (stageId !== null && phase.stageId !== stageId)
      throw TaskPlacementInvalid.because(
        taskId,
        `phase ${phase.phaseId} belongs to stage ${phase.stageId}, not ${stageId}`,
        `环节 ${phase.phaseId} 属于阶段 ${phase.stageId}，不属于 ${stageId}`,
      );
    stageId = phase.stageId;
  }
  const stage = stageId === null ? undefined : campaign.stages.find((s) => s.stageId === stageId);
  if (stageId !== null && !stage) throw PlanReferenceNotFound.of('stage', stageId);
  if (!stage && campaign.stages.length > 0)
    throw TaskPlacementInvalid.because(
      taskId,
      'this campaign has stages; name the stage or phase the task belongs to',
      '本活动分阶段，请指明任务所属阶段或环节',
    );
  if (stage?.status === 'closed') throw StageAlreadyClosed.on(stage.stageId, stage.closedOn ?? '');
  if (trackId !== null && !campaign.tracks.some((tr) => tr.trackId === trackId)) throw PlanReferenceNotFound.of('track', trackId);

  let target: number | null = null;
  let challenge: number | null = null;
  if (kind === 'quantity') {
    if (typeof t.target !== 'number' || !Number.isFinite(t.target) || t.target <= 0)
      throw InvalidCommand.field('task.target', 'a quantity task needs a target greater than 0', '数量型任务需要大于 0 的目标值');
    target = t.target;
    if (t.challenge !== undefined && t.challenge !== null) {
      if (typeof t.challenge !== 'number' || !Number.isFinite(t.challenge) || t.challenge < target)
        throw InvalidCommand.field('task.challenge', `must be a number not below the target (${target})`, `必须是不低于目标值（${target}）的数字`);
      challenge = t.challenge;
    }
  } else if (t.target != null || t.challenge != null) {
    throw InvalidCommand.field(
      'task.target',
      'only quantity tasks have target or challenge values; set kind to "quantity"',
      '只有数量型任务才有目标值和挑战值',
    );
  }
  if (t.mandatory !== undefined && typeof t.mandatory !== 'boolean') throw InvalidCommand.field('task.mandatory', 'must be true or false', '必须为是或否');

  let recurringWeeks: RecurringWeek[] = [];
  if (t.scope === 'branch_recurring_weekly') {
    const own = t.weeks ? datesOfWeeks(campaign.startDate, t.weeks) : null;
    if (own && !isWithin(own.endDate, campaign.startDate, campaign.endDate))
      throw DateOutsideCampaign.forField('task.weeks', own.endDate, campaign.startDate, campaign.endDate);
    recurringWeeks = recurringWeeksIn(recurrenceSpan(own, stage, phase, campaign), campaign.endDate);
  } else if (t.weeks) {
    throw InvalidCommand.field('task.weeks', 'only branch_recurring_weekly tasks repeat over weeks', '只有按周重复的支部任务才能设置周次');
  }

  const task: PlannedTask = {
    taskId,
    title,
    titleEn: optionalText(t.titleEn, 'task.titleEn') || null,
    stageId,
    phaseId,
    trackId,
    scope: t.scope as TaskScope,
    dueDate,
    dueWeek: null,
    recurringWeeks,
    evidence: (t.evidence ?? []).map((e) => requireText(e, 'task.evidence')),
    responsible: optionalText(t.responsible, 'task.responsible') || null,
    kind,
    target,
    challenge,
    quantityUnit: optionalText(t.quantityUnit, 'task.quantityUnit') || null,
    mandatory: t.mandatory ?? true,
    source: null,
  };
  return [{ type: 'TaskAdded', data: { campaignId: campaign.campaignId, task, reason, by } }];
}

function decideCloseStage(command: CloseStage, state: CampaignState): CampaignEvent[] {
  const campaign = open(state);
  const d = command.data;
  const stageId = requireText(d.stageId, 'stageId');
  const by = requireText(d.by, 'by');
  const stage = campaign.stages.find((s) => s.stageId === stageId);
  if (!stage) throw StageNotFound.withId(stageId);
  if (stage.status === 'closed') throw StageAlreadyClosed.on(stageId, stage.closedOn ?? '');
  if (stage.status === 'pending') throw StageNotOpen.yet(stageId);
  const closedOn = dateWithin(campaign, d.on, 'on');
  if (stage.openedOn && isBefore(closedOn, stage.openedOn))
    throw DateOutOfOrder.mustNotBeBefore('on', closedOn, stage.openedOn, `the opening of stage ${stageId}`);
  if (typeof d.carryOver !== 'boolean') throw InvalidCommand.field('carryOver', 'must be true or false', '必须为是或否');
  if (!Array.isArray(d.unfinished))
    throw InvalidCommand.field('unfinished', 'must list the unfinished instances (empty when all are done)', '必须列出未完成的任务实例（全部完成时为空）');

  const carriedIn = new Set(campaign.carriedOver.filter((c) => c.toStageId === stageId).map((c) => `${c.branchId}|${c.instanceKey}`));
  const seen = new Set<string>();
  const outstanding: CarriedOverInstance[] = [];
  const next = campaign.stages.filter((s) => s.order > stage.order).sort((a, b) => a.order - b.order)[0];
  d.unfinished.forEach((u, i) => {
    const instanceKey = requireText(u?.instanceKey, `unfinished[${i}].instanceKey`);
    const branchId = requireText(u?.branchId, `unfinished[${i}].branchId`);
    const taskId = requireText(u?.taskId, `unfinished[${i}].taskId`);
    const task = findTask(campaign, taskId);
    if (!task) throw TaskNotFound.withId(taskId);
    const key = `${branchId}|${instanceKey}`;
    if (task.stageId !== stageId && !carriedIn.has(key)) {
      throw InvalidCommand.field(
        `unfinished[${i}].taskId`,
        `task ${taskId} belongs to stage ${String(task.stageId)}, not to stage ${stageId}`,
        `任务 ${taskId} 属于阶段 ${String(task.stageId)}，不属于阶段 ${stageId}`,
      );
    }
    // Optional and cancelled work never holds a stage back.
    if (!task.mandatory || task.cancelled || seen.has(key)) return;
    seen.add(key);
    outstanding.push({ instanceKey, taskId, branchId, fromStageId: stageId, toStageId: next?.stageId ?? null });
  });
  if (outstanding.length > 0 && !d.carryOver) throw StageHasUnfinishedWork.count(stageId, outstanding.length);
  return [
    {
      type: 'StageClosed',
      data: {
        campaignId: campaign.campaignId,
        stageId,
        order: stage.order,
        closedOn,
        by,
        note: optionalText(d.note, 'note') || null,
        carriedOver: outstanding,
      },
    },
  ];
}

export function decideCampaign(command: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (command.type) {
    case 'PlanCampaign':
      return decidePlan(command, state);
    case 'AddTask':
      return decideAddTask(command, state);
    case 'MoveTaskDeadline': {
      const campaign = open(state);
      const taskId = requireText(command.data.taskId, 'taskId');
      const task = findTask(campaign, taskId);
      if (!task) throw TaskNotFound.withId(taskId);
      if (task.cancelled) throw TaskIsCancelled.already(taskId);
      if (task.scope === 'branch_recurring_weekly') throw RecurringDeadlineFixed.forTask(taskId);
      const dueDate = dateWithin(campaign, command.data.dueDate, 'dueDate');
      const reason = requireReason(command.data.reason, 'move a deadline');
      const by = requireText(command.data.by, 'by');
      if (dueDate === task.dueDate) return [];
      return [
        {
          type: 'TaskDeadlineMoved',
          data: { campaignId: campaign.campaignId, taskId, stageId: task.stageId, previousDueDate: task.dueDate, dueDate, reason, by },
        },
      ];
    }
    case 'CancelTask': {
      const campaign = open(state);
      const taskId = requireText(command.data.taskId, 'taskId');
      const task = findTask(campaign, taskId);
      if (!task) throw TaskNotFound.withId(taskId);
      if (task.cancelled) throw TaskIsCancelled.already(taskId);
      const reason = requireReason(command.data.reason, 'cancel a task');
      const by = requireText(command.data.by, 'by');
      return [{ type: 'TaskCancelled', data: { campaignId: campaign.campaignId, taskId, stageId: task.stageId, reason, by } }];
    }
    case 'OpenStage': {
      const campaign = open(state);
      const stageId = requireText(command.data.stageId, 'stageId');
      const by = requireText(command.data.by, 'by');
      const stage = campaign.stages.find((s) => s.stageId === stageId);
      if (!stage) throw StageNotFound.withId(stageId);
      if (stage.status === 'open') throw StageAlreadyOpen.since(stageId, stage.openedOn ?? '');
      if (stage.status === 'closed') throw StageAlreadyClosed.on(stageId, stage.closedOn ?? '');
      const previous = campaign.stages.filter((s) => s.order < stage.order).sort((a, b) => b.order - a.order)[0];
      if (previous && previous.status !== 'closed') throw StageOutOfOrder.previousNotClosed(stageId, previous.stageId);
      const openedOn = dateWithin(campaign, command.data.on, 'on');
      if (previous?.closedOn && isBefore(openedOn, previous.closedOn))
        throw DateOutOfOrder.mustNotBeBefore('on', openedOn, previous.closedOn, `the closing of stage ${previous.stageId}`);
      return [{ type: 'StageOpened', data: { campaignId: campaign.campaignId, stageId, order: stage.order, openedOn, by } }];
    }
    case 'CloseStage':
      return decideCloseStage(command, state);
    case 'CloseCampaign': {
      const campaign = open(state);
      const closedOn = requireDate(command.data.on, 'on');
      const by = requireText(command.data.by, 'by');
      const notClosed = campaign.stages.filter((s) => s.status !== 'closed').map((s) => s.stageId);
      if (notClosed.length > 0) throw CampaignStagesNotClosed.remaining(notClosed);
      const lastClose = campaign.stages
        .map((s) => s.closedOn)
        .filter((d): d is IsoDate => d !== null)
        .sort()
        .pop();
      const earliest = lastClose ?? campaign.startDate;
      if (isBefore(closedOn, earliest))
        throw DateOutOfOrder.mustNotBeBefore('on', closedOn, earliest, lastClose ? 'the last stage transition' : 'the campaign start');
      return [{ type: 'CampaignClosed', data: { campaignId: campaign.campaignId, closedOn, by, note: optionalText(command.data.note, 'note') || null } }];
    }
    default:
      return assertNever(command);
  }
}

function updateTask(
  campaign: PlannedCampaign,
  taskId: string,
  change: (task: PlannedCampaign['tasks'][number]) => PlannedCampaign['tasks'][number],
): PlannedCampaign {
  return { ...campaign, tasks: campaign.tasks.map((t) => (t.taskId === taskId ? change(t) : t)) };
}

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  if (event.type === 'CampaignPlanned') {
    const d = event.data;
    return {
      status: 'planned',
      campaignId: d.campaignId,
      unitId: d.unitId,
      name: d.name,
      templateCode: d.templateCode,
      startDate: d.startDate,
      endDate: d.endDate,
      officeBranchId: d.officeBranchId,
      createdBy: d.createdBy,
      stages: d.plan.stages.map((s) => ({ ...s, status: 'pending', openedOn: null, closedOn: null, carriedOver: [] })),
      phases: d.plan.phases,
      tracks: d.plan.tracks,
      tasks: d.plan.tasks.map((t) => ({ ...t, cancelled: false, cancelReason: null })),
      carriedOver: [],
      closedOn: null,
    };
  }
  if (state.status === 'not_planned') return state;
  switch (event.type) {
    case 'TaskAdded':
      return { ...state, tasks: [...state.tasks, { ...event.data.task, cancelled: false, cancelReason: null }] };
    case 'TaskDeadlineMoved':
      return updateTask(state, event.data.taskId, (t) => ({ ...t, dueDate: event.data.dueDate, dueWeek: null }));
    case 'TaskCancelled':
      return updateTask(state, event.data.taskId, (t) => ({ ...t, cancelled: true, cancelReason: event.data.reason }));
    case 'StageOpened':
      return { ...state, stages: state.stages.map((s) => (s.stageId === event.data.stageId ? { ...s, status: 'open', openedOn: event.data.openedOn } : s)) };
    case 'StageClosed':
      return {
        ...state,
        stages: state.stages.map((s) =>
          s.stageId === event.data.stageId ? { ...s, status: 'closed', closedOn: event.data.closedOn, carriedOver: event.data.carriedOver } : s,
        ),
        carriedOver: [...state.carriedOver, ...event.data.carriedOver],
      };
    case 'CampaignClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    default:
      return assertNever(event);
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignState, CampaignEvent> = {
  decide: decideCampaign,
  evolve: evolveCampaign,
  initialState: initialCampaignState,
};
