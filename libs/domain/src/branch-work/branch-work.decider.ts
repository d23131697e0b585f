// One branch's work in one campaign (stream `branchWork-<campaignId>:<branchId>`), so branches never block each other.
// decide(command, state, context) stays pure: the plan and the roster come in through the context.
import { assertNever, type Decider } from '../shared/decider';
import { isAfter, isBefore, isWithin, type IsoDate } from '../shared/dates';
import { DateOutOfOrder, InvalidCommand } from '../shared/errors';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { withEntry } from '../shared/records';
import { optionalText, requireDate, requireReason, requireText } from '../shared/validate';
import { CampaignIsClosed, CampaignNotFound, DateOutsideCampaign, TaskIsCancelled, TaskNotFound } from '../campaign/campaign.errors';
import { findTask, type CampaignState, type PlannedCampaign } from '../campaign/campaign.state';
import type { Roster } from '../organisation/roster';
import { expandInstances, type TaskInstance } from '../task-instances/expand-instances';
import { parseInstanceKey } from '../task-instances/instance-key';
import {
  ATTENDANCE_MARKS,
  THREE_ONES_ITEMS,
  type BranchWorkCommand,
  type CompleteTaskInstance,
  type EvidenceFile,
  type RecordStudySession,
  type ReportQuantity,
} from './branch-work.commands';
import {
  AlreadyMadeUp,
  AttendanceIncomplete,
  ExemptMemberNotExpected,
  InstanceNotFound,
  InstanceNotInBranch,
  MakeUpNotNeeded,
  MemberIsExempt,
  MemberNotInBranch,
  NotAQuantityTask,
  QuantityReportIdReused,
  StudySessionExists,
  StudySessionNotFound,
  TaskAlreadyCompleted,
  TaskNotCompleted,
  ThreeOnesAlreadyRecorded,
  WrongBranchWorkStream,
} from './branch-work.errors';
import type { BranchWorkEvent, InstanceRef, StudyAttendance } from './branch-work.events';
import { initialBranchWorkState, type BranchWorkState } from './branch-work.state';

/** Read-only facts from other streams. The roster must be taken on the command's date (completedOn, session date…). */
export interface BranchWorkContext {
  /** The campaign stream's state: tasks (with cancelled flags), stages and their status, start and end dates. */
  readonly plan: CampaignState;
  /** The branch's members (active / exempt) on the command's date, and the unit's divisions. */
  readonly roster: Roster;
}

interface Checked {
  readonly campaign: PlannedCampaign;
  readonly campaignId: string;
  readonly branchId: string;
}

/** The command addresses this stream, and the campaign is planned and still open. */
function address(data: { campaignId: string; branchId: string }, state: BranchWorkState, context: BranchWorkContext): Checked {
  const campaignId = requireText(data.campaignId, 'campaignId');
  const branchId = requireText(data.branchId, 'branchId');
  const plan = context.plan;
  if (plan.status === 'not_planned') throw CampaignNotFound.notPlanned();
  if (plan.campaignId !== campaignId) throw WrongBranchWorkStream.because('campaignId', plan.campaignId, campaignId);
  if (state.campaignId !== null && state.campaignId !== campaignId) throw WrongBranchWorkStream.because('campaignId', state.campaignId, campaignId);
  if (state.branchId !== null && state.branchId !== branchId) throw WrongBranchWorkStream.because('branchId', state.branchId, branchId);
  if (context.roster.branchId !== branchId) throw WrongBranchWorkStream.because('branchId', context.roster.branchId, branchId);
  if (plan.status === 'closed') throw CampaignIsClosed.on(plan.campaignId, plan.closedOn ?? plan.endDate);
  return { campaign: plan, campaignId, branchId };
}

function dateWithin(campaign: PlannedCampaign, value: unknown, field: string): IsoDate {
  const date = requireDate(value, field);
  if (!isWithin(date, campaign.startDate, campaign.endDate)) throw DateOutsideCampaign.forField(field, date, campaign.startDate, campaign.endDate);
  return date;
}

function rosterMember(roster: Roster, memberId: string, branchId: string, date: IsoDate, allowExempt = false) {
  const member = roster.members.find((m) => m.memberId === memberId);
  if (!member) throw MemberNotInBranch.on(memberId, branchId, date);
  if (member.status === 'exempt' && !allowExempt) throw MemberIsExempt.on(memberId, date);
  return member;
}

/** The applicable instance behind a key, or the most telling reason it is not this branch's to record. */
function resolveInstance(key: unknown, at: Checked, roster: Roster, date: IsoDate): TaskInstance {
  const instanceKey = requireText(key, 'instanceKey');
  const parts = parseInstanceKey(instanceKey);
  if (!parts) throw InstanceNotFound.withKey(instanceKey);
  const task = findTask(at.campaign, parts.taskId);
  if (!task) throw TaskNotFound.withId(parts.taskId);
  if (task.cancelled) throw TaskIsCancelled.already(task.taskId);
  if (task.scope !== parts.scope) throw InstanceNotFound.withKey(instanceKey);
  switch (parts.scope) {
    case 'unit':
    case 'division':
      if (at.branchId !== at.campaign.officeBranchId) throw InstanceNotInBranch.because(instanceKey, at.branchId);
      break;
    case 'branch':
    case 'branch_recurring_weekly':
      if (parts.subjectId !== at.branchId || at.branchId === UNIT_LEVEL_BRANCH_ID) throw InstanceNotInBranch.because(instanceKey, at.branchId);
      break;
    case 'member':
    case 'leader':
      rosterMember(roster, parts.subjectId, at.branchId, date);
      break;
    default:
      assertNever(parts);
  }
  const instance = expandInstances(at.campaign, roster, at.branchId, { taskId: parts.taskId }).find((i) => i.key === instanceKey);
  if (!instance) throw InstanceNotFound.withKey(instanceKey);
  return instance;
}

const refOf = (at: Checked, i: TaskInstance): InstanceRef => ({
  campaignId: at.campaignId,
  branchId: at.branchId,
  instanceKey: i.key,
  taskId: i.taskId,
  stageId: i.stageId,
  phaseId: i.phaseId,
  trackId: i.trackId,
  scope: i.scope,
  subjectId: i.subjectId,
  weekOf: i.weekOf,
  dueDate: i.dueDate,
  mandatory: i.mandatory,
});

function evidenceList(value: unknown): EvidenceFile[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw InvalidCommand.field('evidence', 'must be a list of files', '必须是文件列表');
  return value.map((file: Partial<EvidenceFile> | null, i) => {
    const at = `evidence[${i}]`;
    if (!file || typeof file !== 'object') throw InvalidCommand.field(at, 'must describe a file', '必须是文件描述');
    const sha256 = typeof file.sha256 === 'string' ? file.sha256.toLowerCase() : '';
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw InvalidCommand.field(`${at}.sha256`, 'must be the 64-character hex SHA-256 of the file', '必须是 64 位十六进制 SHA-256 摘要');
    if (typeof file.size !== 'number' || !Number.isInteger(file.size) || file.size < 0)
      throw InvalidCommand.field(`${at}.size`, 'must be the file size in bytes', '必须是文件字节数');
    return { fileName: requireText(file.fileName, `${at}.fileName`), sha256, size: file.size, contentType: requireText(file.contentType, `${at}.contentType`) };
  });
}

const sameEvidence = (a: readonly EvidenceFile[], b: readonly EvidenceFile[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => f.sha256 === b[i].sha256 && f.fileName === b[i].fileName && f.size === b[i].size && f.contentType === b[i].contentType);

function decideComplete(command: CompleteTaskInstance, state: BranchWorkState, context: BranchWorkContext): BranchWorkEvent[] {
  const d = command.data;
  const at = address(d, state, context);
  const completedOn = dateWithin(at.campaign, d.completedOn, 'completedOn');
  const by = requireText(d.by, 'by');
  const note = optionalText(d.note, 'note') ?? '';
  const evidence = evidenceList(d.evidence);
  const commandId = optionalText(d.commandId, 'commandId') || null;
  const existing = state.instances[requireText(d.instanceKey, 'instanceKey')];
  if (existing?.status === 'completed') {
    const c = existing.completion;
    const sameRequest = (commandId !== null && c.commandId === commandId) || (c.note === note && sameEvidence(c.evidence, evidence));
    if (sameRequest) return [];
    throw TaskAlreadyCompleted.because(existing.ref.instanceKey, c.completedOn, c.by);
  }
  const instance = resolveInstance(d.instanceKey, at, context.roster, completedOn);
  // Written out rather than `{ ...refOf(at, instance), … }`: this is every completion's path.
  return [
    {
      type: 'TaskCompleted',
      data: {
        campaignId: at.campaignId,
        branchId: at.branchId,
        instanceKey: instance.key,
        taskId: instance.taskId,
        stageId: instance.stageId,
        phaseId: instance.phaseId,
        trackId: instance.trackId,
        scope: instance.scope,
        subjectId: instance.subjectId,
        weekOf: instance.weekOf,
        dueDate: instance.dueDate,
        mandatory: instance.mandatory,
        completedOn,
        onTime: !isAfter(completedOn, instance.dueDate),
        by,
        note,
        evidence,
        commandId,
      },
    },
  ];
}

function decideReportQuantity(command: ReportQuantity, state: BranchWorkState, context: BranchWorkContext): BranchWorkEvent[] {
  const d = command.data;
  const at = address(d, state, context);
  const on = dateWithin(at.campaign, d.on, 'on');
  const by = requireText(d.by, 'by');
  let instance: TaskInstance;
  if (d.instanceKey) instance = resolveInstance(d.instanceKey, at, context.roster, on);
  else {
    const taskId = requireText(d.taskId, 'taskId');
    const task = findTask(at.campaign, taskId);
    if (!task) throw TaskNotFound.withId(taskId);
    if (task.cancelled) throw TaskIsCancelled.already(taskId);
    const candidates = expandInstances(at.campaign, context.roster, at.branchId).filter((i) => i.taskId === taskId);
    if (candidates.length === 0) throw InstanceNotInBranch.because(`${taskId}:*`, at.branchId);
    if (candidates.length > 1)
      throw InvalidCommand.field(
        'instanceKey',
        `task ${taskId} has ${candidates.length} instances in this branch; name the instance`,
        `任务 ${taskId} 在本支部有 ${candidates.length} 个实例，请指明实例`,
      );
    instance = candidates[0];
  }
  const task = findTask(at.campaign, instance.taskId);
  if (!task || task.kind !== 'quantity') throw NotAQuantityTask.forTask(instance.taskId);
  if (typeof d.amount !== 'number' || !Number.isFinite(d.amount) || d.amount === 0)
    throw InvalidCommand.field('amount', 'must be a number other than 0', '必须是不为 0 的数字');
  const reportId = optionalText(d.reportId, 'reportId') || null;
  const progress = state.quantities[instance.key];
  if (reportId !== null) {
    const earlier = progress?.reports.find((r) => r.reportId === reportId);
    if (earlier) {
      if (earlier.amount === d.amount && earlier.on === on) return [];
      throw QuantityReportIdReused.withId(reportId);
    }
  }
  const actual = (progress?.actual ?? 0) + d.amount;
  if (actual < 0)
    throw InvalidCommand.field(
      'amount',
      `would bring the total below 0 (it is ${progress?.actual ?? 0})`,
      `将使累计数低于 0（当前为 ${progress?.actual ?? 0}）`,
    );
  return [
    {
      type: 'QuantityReported',
      data: {
        ...refOf(at, instance),
        amount: d.amount,
        on,
        note: optionalText(d.note, 'note') || null,
        by,
        reportId,
        actual,
        target: task.target,
        challenge: task.challenge,
      },
    },
  ];
}

function decideStudySession(command: RecordStudySession, state: BranchWorkState, context: BranchWorkContext): BranchWorkEvent[] {
  const d = command.data;
  const at = address(d, state, context);
  const sessionId = requireText(d.sessionId, 'sessionId');
  const existing = state.sessions[sessionId];
  if (existing) throw StudySessionExists.withId(sessionId, existing.date);
  const date = dateWithin(at.campaign, d.date, 'date');
  const topic = requireText(d.topic, 'topic');
  const by = requireText(d.by, 'by');
  if (!d.attendance || typeof d.attendance !== 'object' || Array.isArray(d.attendance))
    throw InvalidCommand.field('attendance', 'must map each member id to present, leave or absent', '必须为每名党员登记到会、请假或缺席');
  const attendance: Record<string, StudyAttendance> = {};
  for (const [memberId, mark] of Object.entries(d.attendance)) {
    if (!ATTENDANCE_MARKS.includes(mark))
      throw InvalidCommand.field(`attendance.${memberId}`, `must be one of ${ATTENDANCE_MARKS.join(', ')}`, '必须是到会、请假或缺席');
    const member = rosterMember(context.roster, memberId, at.branchId, date, true);
    if (member.status === 'exempt' && mark !== 'present') throw ExemptMemberNotExpected.mark(memberId, mark);
    attendance[memberId] = mark;
  }
  const expected = context.roster.members.filter((m) => m.status === 'active').map((m) => m.memberId);
  const missing = expected.filter((id) => attendance[id] === undefined);
  if (missing.length > 0) throw AttendanceIncomplete.missing(missing);
  for (const m of context.roster.members) if (m.status === 'exempt' && attendance[m.memberId] === undefined) attendance[m.memberId] = 'exempt';
  return [{ type: 'StudySessionRecorded', data: { campaignId: at.campaignId, branchId: at.branchId, sessionId, date, topic, by, attendance, expected } }];
}

export function decideBranchWork(command: BranchWorkCommand, state: BranchWorkState, context: BranchWorkContext): BranchWorkEvent[] {
  switch (command.type) {
    case 'CompleteTaskInstance':
      return decideComplete(command, state, context);
    case 'ReopenTaskInstance': {
      const d = command.data;
      const at = address(d, state, context);
      const instanceKey = requireText(d.instanceKey, 'instanceKey');
      const reason = requireReason(d.reason, 'reopen a completed task');
      const by = requireText(d.by, 'by');
      const work = state.instances[instanceKey];
      if (work?.status !== 'completed') throw TaskNotCompleted.cannotReopen(instanceKey);
      const reopenedOn = dateWithin(at.campaign, d.on, 'on');
      // A completion is reopened after it was made, never before.
      if (work.completion && isBefore(reopenedOn, work.completion.completedOn)) {
        throw DateOutOfOrder.mustNotBeBefore('on', reopenedOn, work.completion.completedOn, `the completion of ${instanceKey}`);
      }
      return [
        {
          type: 'TaskReopened',
          data: { campaignId: at.campaignId, branchId: at.branchId, instanceKey, taskId: work.ref.taskId, stageId: work.ref.stageId, reopenedOn, reason, by },
        },
      ];
    }
    case 'ReportQuantity':
      return decideReportQuantity(command, state, context);
    case 'RecordStudySession':
      return decideStudySession(command, state, context);
    case 'RecordMakeUp': {
      const d = command.data;
      const at = address(d, state, context);
      const sessionId = requireText(d.sessionId, 'sessionId');
      const memberId = requireText(d.memberId, 'memberId');
      const by = requireText(d.by, 'by');
      const session = state.sessions[sessionId];
      if (!session) throw StudySessionNotFound.withId(sessionId);
      const mark = session.attendance[memberId];
      if (mark === undefined) throw MemberNotInBranch.on(memberId, at.branchId, session.date);
      if (mark !== 'absent' && mark !== 'leave') throw MakeUpNotNeeded.because(sessionId, memberId, mark);
      const madeUpOn = session.madeUp[memberId];
      if (madeUpOn) throw AlreadyMadeUp.on(sessionId, memberId, madeUpOn);
      const date = dateWithin(at.campaign, d.date, 'date');
      if (isBefore(date, session.date)) throw DateOutOfOrder.mustNotBeBefore('date', date, session.date, `session ${sessionId}`);
      return [
        {
          type: 'StudyMakeUpRecorded',
          data: {
            campaignId: at.campaignId,
            branchId: at.branchId,
            sessionId,
            sessionDate: session.date,
            memberId,
            originalMark: mark,
            date,
            note: optionalText(d.note, 'note') || null,
            by,
          },
        },
      ];
    }
    case 'RecordThreeOnes': {
      const d = command.data;
      const at = address(d, state, context);
      const memberId = requireText(d.memberId, 'memberId');
      if (!THREE_ONES_ITEMS.includes(d.item))
        throw InvalidCommand.field('item', `must be one of ${THREE_ONES_ITEMS.join(', ')}`, '必须是 reading（通读书目）、talk（交流发言）或 essay（心得文章）');
      const date = dateWithin(at.campaign, d.date, 'date');
      const title = requireText(d.title, 'title');
      const by = requireText(d.by, 'by');
      rosterMember(context.roster, memberId, at.branchId, date);
      const earlier = state.threeOnes[memberId]?.[d.item];
      if (earlier) throw ThreeOnesAlreadyRecorded.for(memberId, d.item, earlier.date);
      return [
        {
          type: 'ThreeOnesRecorded',
          data: { campaignId: at.campaignId, branchId: at.branchId, memberId, item: d.item, date, title, note: optionalText(d.note, 'note') || null, by },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function bind(state: BranchWorkState, e: { campaignId: string; branchId: string }): BranchWorkState {
  return state.campaignId === null ? { ...state, campaignId: e.campaignId, branchId: e.branchId } : state;
}

export function evolveBranchWork(current: BranchWorkState, event: BranchWorkEvent): BranchWorkState {
  const state = bind(current, event.data);
  switch (event.type) {
    case 'TaskCompleted': {
      const { completedOn, onTime: _onTime, by, note, evidence, commandId, ...ref } = event.data;
      const reopenCount = state.instances[ref.instanceKey]?.reopenCount ?? 0;
      return {
        ...state,
        instances: withEntry(state.instances, ref.instanceKey, {
          status: 'completed',
          ref,
          completion: { completedOn, by, note, evidence, commandId },
          reopenCount,
        }),
      };
    }
    case 'TaskReopened': {
      const work = state.instances[event.data.instanceKey];
      if (!work) return state;
      return {
        ...state,
        instances: withEntry(state.instances, event.data.instanceKey, {
          status: 'reopened',
          ref: work.ref,
          reopenedOn: event.data.reopenedOn,
          reason: event.data.reason,
          reopenCount: work.reopenCount + 1,
        }),
      };
    }
    case 'QuantityReported': {
      const { amount, on, note: _note, by: _by, reportId, actual, target, challenge, ...ref } = event.data;
      const previous = state.quantities[ref.instanceKey];
      return {
        ...state,
        quantities: withEntry(state.quantities, ref.instanceKey, {
          ref,
          actual,
          target,
          challenge,
          reports: [...(previous?.reports ?? []), { reportId, amount, on }],
        }),
      };
    }
    case 'StudySessionRecorded': {
      const { sessionId, date, topic, attendance, expected } = event.data;
      return { ...state, sessions: withEntry(state.sessions, sessionId, { sessionId, date, topic, attendance, expected, madeUp: {} }) };
    }
    case 'StudyMakeUpRecorded': {
      const session = state.sessions[event.data.sessionId];
      if (!session) return state;
      return {
        ...state,
        sessions: withEntry(state.sessions, session.sessionId, { ...session, madeUp: withEntry(session.madeUp, event.data.memberId, event.data.date) }),
      };
    }
    case 'ThreeOnesRecorded': {
      const { memberId, item, date, title } = event.data;
      return { ...state, threeOnes: withEntry(state.threeOnes, memberId, { ...state.threeOnes[memberId], [item]: { date, title } }) };
    }
    default:
      return assertNever(event);
  }
}

export const branchWorkDecider: Decider<BranchWorkCommand, BranchWorkState, BranchWorkEvent, BranchWorkContext> = {
  decide: decideBranchWork,
  evolve: evolveBranchWork,
  initialState: initialBranchWorkState,
};
