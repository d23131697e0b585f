// The read model as one pure fold: (rows, event) → row changes. No clock, no I/O; the same code drives the live
// projector, the rebuild and the in-memory "as of" replay.
import {
  InstanceKeys, mondayOf, UNIT_LEVEL_BRANCH_ID,
  type BranchWorkEvent, type CampaignEvent, type OrganisationEvent, type PlannedTask,
} from '@campaign-ledger/domain';
import { comparePositions, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import type { Rows } from '../rows/row-set';
import type { CampaignRow, CheckpointRow, CounterRow, InstanceRow, MemberRow, TaskRow } from '../rows/tables';

export const CHECKPOINT_ID = 'main';

export type ProjectedEvent = OrganisationEvent | CampaignEvent | BranchWorkEvent;

export const checkpointPosition = (row: CheckpointRow | undefined): LogPosition | null =>
  row ? { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos) } : null;

/** Applies events in log order; events at or before the stored checkpoint are skipped. Returns how many were applied. */
export function projectEvents(rows: Rows, events: readonly RecordedEvent[]): number {
  // The checkpoint row is read once and written once per batch (after the last event applied, even when a later one
  // throws): the row projectEvent would leave after each of them, without parsing and formatting it per event.
  const checkpoint = rows.get('checkpoint', { id: CHECKPOINT_ID });
  let at = checkpointPosition(checkpoint);
  let applied = 0;
  let last: RecordedEvent | null = null;
  try {
    for (const event of events) {
      if (at && comparePositions(event.logPosition, at) <= 0) continue;
      evolve(rows, event as unknown as ProjectedEvent);
      at = event.logPosition;
      last = event;
      applied += 1;
    }
  } finally {
    if (last) putCheckpoint(rows, last, (checkpoint?.events_applied ?? 0) + applied);
  }
  return applied;
}

export function projectEvent(rows: Rows, event: RecordedEvent): boolean {
  const checkpoint = rows.get('checkpoint', { id: CHECKPOINT_ID });
  const at = checkpointPosition(checkpoint);
  if (at && comparePositions(event.logPosition, at) <= 0) return false;
  evolve(rows, event as unknown as ProjectedEvent);
  putCheckpoint(rows, event, (checkpoint?.events_applied ?? 0) + 1);
  return true;
}

function putCheckpoint(rows: Rows, event: RecordedEvent, eventsApplied: number): void {
  rows.put('checkpoint', {
    id: CHECKPOINT_ID,
    commit_pos: event.logPosition.commit.toString(),
    prepare_pos: event.logPosition.prepare.toString(),
    events_applied: eventsApplied,
    last_recorded_at: event.recordedAt.toISOString(),
  });
}

function evolve(rows: Rows, event: ProjectedEvent): void {
  switch (event.type) {
    case 'UnitRegistered':
      rows.put('unit', { unit_id: event.data.unitId, name: event.data.name, code: event.data.code });
      return;
    case 'DivisionAdded': {
      const { unitId, divisionId, name } = event.data;
      if (rows.get('division', { unit_id: unitId, division_id: divisionId })) return;
      rows.put('division', { unit_id: unitId, division_id: divisionId, name });
      for (const campaign of campaignsOf(rows, unitId)) {
        for (const task of tasksOf(rows, campaign.campaign_id)) {
          if (task.scope === 'division') bump(rows, campaign, task, campaign.office_branch_id, '', 1, 0);
        }
      }
      return;
    }
    case 'BranchAdded': {
      const { unitId, branchId, name, secretaryName } = event.data;
      rows.put('branch', { unit_id: unitId, branch_id: branchId, name, secretary_name: secretaryName });
      for (const campaign of campaignsOf(rows, unitId)) {
        for (const task of tasksOf(rows, campaign.campaign_id)) createCounters(rows, campaign, task, branchId, NO_MEMBERS, 0);
      }
      return;
    }
    case 'BranchRenamed': {
      const branch = rows.get('branch', { unit_id: event.data.unitId, branch_id: event.data.branchId });
      if (branch) rows.put('branch', { ...branch, name: event.data.name });
      return;
    }
    case 'BranchSecretaryChanged': {
      const branch = rows.get('branch', { unit_id: event.data.unitId, branch_id: event.data.branchId });
      if (branch) rows.put('branch', { ...branch, secretary_name: event.data.secretaryName });
      return;
    }
    case 'MemberJoined': {
      const { unitId, memberId, name, branchId, isLeader } = event.data;
      const member: MemberRow = { unit_id: unitId, member_id: memberId, branch_id: branchId, name, is_leader: isLeader, status: 'active', exempt_until: null };
      rows.put('member', member);
      contribute(rows, member, 1);
      return;
    }
    case 'MemberTransferred': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member) return;
      if (member.status === 'active') contribute(rows, member, -1);
      const moved: MemberRow = { ...member, branch_id: event.data.toBranchId };
      rows.put('member', moved);
      if (moved.status === 'active') contribute(rows, moved, 1);
      return;
    }
    case 'MemberExempted': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status === 'left') return;
      if (member.status === 'active') contribute(rows, member, -1);
      rows.put('member', { ...member, status: 'exempt', exempt_until: event.data.until });
      return;
    }
    case 'MemberReinstated': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status !== 'exempt') return;
      const active: MemberRow = { ...member, status: 'active', exempt_until: null };
      rows.put('member', active);
      contribute(rows, active, 1);
      return;
    }
    case 'MemberLeft': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status === 'left') return;
      if (member.status === 'active') contribute(rows, member, -1);
      rows.put('member', { ...member, status: 'left', exempt_until: null });
      return;
    }
    case 'CampaignPlanned': {
      const d = event.data;
      if (rows.get('campaign', { campaign_id: d.campaignId })) return;
      const campaign: CampaignRow = {
        campaign_id: d.campaignId, unit_id: d.unitId, name: d.name, template_code: d.templateCode, start_date: d.startDate, end_date: d.endDate,
        office_branch_id: d.officeBranchId, status: 'planned', closed_on: null,
      };
      rows.put('campaign', campaign);
      rows.put('unit_campaign', { unit_id: d.unitId, campaign_id: d.campaignId });
      for (const s of d.plan.stages) {
        rows.put('stage', {
          campaign_id: d.campaignId, stage_id: s.stageId, ord: s.order, name: s.name, start_date: s.startDate, end_date: s.endDate,
          status: 'pending', opened_on: null, closed_on: null, carried_over: 0,
        });
      }
      for (const p of d.plan.phases) {
        rows.put('phase', { campaign_id: d.campaignId, phase_id: p.phaseId, stage_id: p.stageId, ord: p.order, name: p.name, start_date: p.startDate, end_date: p.endDate });
      }
      const members = activeMembersByBranch(rows.scan('member', { unit_id: d.unitId }));
      const branchIds = rows.scan('branch', { unit_id: d.unitId }).map((b) => b.branch_id);
      d.plan.tasks.forEach((t, i) => addTask(rows, campaign, t, i, branchIds, members));
      return;
    }
    case 'TaskAdded': {
      const campaign = rows.get('campaign', { campaign_id: event.data.campaignId });
      if (!campaign || rows.get('task', { campaign_id: campaign.campaign_id, task_id: event.data.task.taskId })) return;
      const order = tasksOf(rows, campaign.campaign_id).length;
      const branches = rows.scan('branch', { unit_id: campaign.unit_id }).map((b) => b.branch_id);
      addTask(rows, campaign, event.data.task, order, branches, activeMembersByBranch(rows.scan('member', { unit_id: campaign.unit_id })));
      return;
    }
    case 'TaskDeadlineMoved': {
      const task = rows.get('task', { campaign_id: event.data.campaignId, task_id: event.data.taskId });
      if (!task) return;
      rows.put('task', { ...task, due_date: event.data.dueDate });
      if (task.scope === 'branch_recurring_weekly') return;
      for (const c of rows.scan('counter', { campaign_id: task.campaign_id, task_id: task.task_id })) rows.put('counter', { ...c, due_date: event.data.dueDate });
      return;
    }
    case 'TaskCancelled': {
      const task = rows.get('task', { campaign_id: event.data.campaignId, task_id: event.data.taskId });
      if (!task || task.cancelled) return;
      rows.put('task', { ...task, cancelled: true });
      for (const c of rows.scan('counter', { campaign_id: task.campaign_id, task_id: task.task_id })) rows.put('counter', { ...c, cancelled: true });
      return;
    }
    case 'StageOpened': {
      const stage = rows.get('stage', { campaign_id: event.data.campaignId, stage_id: event.data.stageId });
      if (stage) rows.put('stage', { ...stage, status: 'open', opened_on: event.data.openedOn });
      return;
    }
    case 'StageClosed': {
      const d = event.data;
      const stage = rows.get('stage', { campaign_id: d.campaignId, stage_id: d.stageId });
      if (stage) rows.put('stage', { ...stage, status: 'closed', closed_on: d.closedOn, carried_over: stage.carried_over + d.carriedOver.length });
      for (const c of d.carriedOver) {
        const task = rows.get('task', { campaign_id: d.campaignId, task_id: c.taskId });
        const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: c.branchId, instance_key: c.instanceKey });
        rows.put('instance', { ...(existing ?? newInstance(d.campaignId, c.branchId, c.instanceKey, task)), carried_over: true, carried_over_to: c.toStageId });
      }
      return;
    }
    case 'CampaignClosed': {
      const campaign = rows.get('campaign', { campaign_id: event.data.campaignId });
      if (campaign) rows.put('campaign', { ...campaign, status: 'closed', closed_on: event.data.closedOn });
      return;
    }
    case 'TaskCompleted': {
      const d = event.data;
      const key = { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey };
      const existing = rows.get('instance', key);
      if (existing?.status === 'completed') return;
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      const base = existing ?? newInstance(d.campaignId, d.branchId, d.instanceKey, task, d);
      const instance: InstanceRow = {
        ...base, status: 'completed', completed_on: d.completedOn, completed_by: d.by, evidence: d.evidence.map((e) => e.sha256),
      };
      rows.put('instance', instance);
      if (task && countsNow(rows, task, instance)) bumpByInstance(rows, task, instance, 1);
      return;
    }
    case 'TaskReopened': {
      const d = event.data;
      const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey });
      if (!existing || existing.status !== 'completed') return;
      const instance: InstanceRow = { ...existing, status: 'reopened', completed_on: null, completed_by: null, reopen_count: existing.reopen_count + 1 };
      rows.put('instance', instance);
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      if (task && countsNow(rows, task, instance)) bumpByInstance(rows, task, instance, -1);
      return;
    }
    case 'QuantityReported': {
      const d = event.data;
      const key = { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey };
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      const existing = rows.get('instance', key) ?? newInstance(d.campaignId, d.branchId, d.instanceKey, task, d);
      rows.put('instance', { ...existing, actual: d.actual });
      return;
    }
    case 'StudySessionRecorded': {
      const d = event.data;
      if (rows.get('session', { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId })) return;
      const expected = new Set(d.expected);
      let present = 0;
      let leave = 0;
      let absent = 0;
      for (const memberId of d.expected) {
        const mark = d.attendance[memberId];
        if (mark === 'present') present += 1;
        else if (mark === 'leave') leave += 1;
        else if (mark === 'absent') absent += 1;
      }
      rows.put('session', {
        campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId, date: d.date, week_of: mondayOf(d.date), topic: d.topic,
        expected: d.expected.length, present, leave, absent, made_up: 0,
      });
      const marked = new Set([...Object.keys(d.attendance), ...d.expected]);
      for (const memberId of [...marked].sort()) {
        const isExpected = expected.has(memberId);
        const mark = d.attendance[memberId] ?? 'absent';
        rows.put('attendance', {
          campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId, member_id: memberId, mark, expected: isExpected, made_up_on: null,
        });
        if (isExpected) addParticipation(rows, d.campaignId, d.branchId, memberId, 1, mark === 'present' ? 1 : 0);
      }
      return;
    }
    case 'StudyMakeUpRecorded': {
      const d = event.data;
      const key = { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId, member_id: d.memberId };
      const attendance = rows.get('attendance', key);
      if (!attendance || attendance.made_up_on !== null || attendance.mark === 'present') return;
      rows.put('attendance', { ...attendance, made_up_on: d.date });
      if (!attendance.expected) return;
      const session = rows.get('session', { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId });
      if (session) rows.put('session', { ...session, made_up: session.made_up + 1 });
      addParticipation(rows, d.campaignId, d.branchId, d.memberId, 0, 1);
      return;
    }
    case 'ThreeOnesRecorded': {
      const d = event.data;
      const existing = rows.get('three_ones', { campaign_id: d.campaignId, member_id: d.memberId }) ?? {
        campaign_id: d.campaignId, member_id: d.memberId, branch_id: d.branchId, reading_on: null, talk_on: null, essay_on: null,
      };
      const column = d.item === 'reading' ? 'reading_on' : d.item === 'talk' ? 'talk_on' : 'essay_on';
      rows.put('three_ones', { ...existing, branch_id: d.branchId, [column]: d.date });
      return;
    }
    default:
      // Accounts and any future event types leave the read model unchanged (the checkpoint still moves).
      return;
  }
}

const campaignsOf = (rows: Rows, unitId: string): CampaignRow[] =>
  rows
    .scan('unit_campaign', { unit_id: unitId })
    .map((uc) => rows.get('campaign', { campaign_id: uc.campaign_id }))
    .filter((c): c is CampaignRow => c !== undefined)
    .sort((a, b) => (a.campaign_id < b.campaign_id ? -1 : 1));

const tasksOf = (rows: Rows, campaignId: string): TaskRow[] => rows.scan('task', { campaign_id: campaignId }).sort((a, b) => a.ord - b.ord);

/** Active members and active leaders per branch: what member- and leader-scope counters count. */
interface ActiveCounts { readonly active: number; readonly leaders: number }
const NO_MEMBERS: ReadonlyMap<string, ActiveCounts> = new Map();

function activeMembersByBranch(members: readonly MemberRow[]): ReadonlyMap<string, ActiveCounts> {
  const counts = new Map<string, { active: number; leaders: number }>();
  for (const m of members) {
    if (m.status !== 'active') continue;
    const c = counts.get(m.branch_id) ?? { active: 0, leaders: 0 };
    c.active += 1;
    if (m.is_leader) c.leaders += 1;
    counts.set(m.branch_id, c);
  }
  return counts;
}

function addTask(rows: Rows, campaign: CampaignRow, t: PlannedTask, order: number, branchIds: string[], members: ReadonlyMap<string, ActiveCounts>): void {
  const task: TaskRow = {
    campaign_id: campaign.campaign_id, task_id: t.taskId, ord: order, title: t.title, stage_id: t.stageId, phase_id: t.phaseId, track_id: t.trackId,
    scope: t.scope, due_date: t.dueDate, kind: t.kind, mandatory: t.mandatory, cancelled: false, target: t.target, challenge: t.challenge,
    recurring_weeks: t.recurringWeeks.map((w) => ({ weekOf: w.weekOf, dueDate: w.dueDate })),
  };
  rows.put('task', task);
  const divisions = rows.scan('division', { unit_id: campaign.unit_id }).length;
  const targets = new Set(branchIds);
  targets.add(campaign.office_branch_id);
  for (const branchId of [...targets].sort()) createCounters(rows, campaign, task, branchId, members, divisions);
}

/** Counters of one task in one branch, with the applicable count the branch has now. */
function createCounters(rows: Rows, campaign: CampaignRow, task: TaskRow, branchId: string, members: ReadonlyMap<string, ActiveCounts>, divisions: number): void {
  const isOffice = branchId === campaign.office_branch_id;
  const isReal = branchId !== UNIT_LEVEL_BRANCH_ID;
  const active = members.get(branchId) ?? { active: 0, leaders: 0 };
  let applicable: number;
  switch (task.scope) {
    case 'unit': applicable = isOffice ? 1 : -1; break;
    case 'division': applicable = isOffice ? divisions : -1; break;
    case 'branch': applicable = isReal ? 1 : -1; break;
    case 'branch_recurring_weekly':
      if (isReal) for (const w of task.recurring_weeks) putCounter(rows, task, branchId, w.weekOf, w.dueDate, 1);
      return;
    case 'member': applicable = isReal ? active.active : -1; break;
    case 'leader': applicable = isReal ? active.leaders : -1; break;
    default: applicable = -1;
  }
  if (applicable >= 0) putCounter(rows, task, branchId, '', task.due_date, applicable);
}

function putCounter(rows: Rows, task: TaskRow, branchId: string, weekOf: string, dueDate: string, applicable: number): void {
  const key = { campaign_id: task.campaign_id, branch_id: branchId, task_id: task.task_id, week_of: weekOf };
  const existing = rows.get('counter', key);
  // Work recorded before the counter existed (an instance row ahead of its plan) still counts.
  const done = existing?.done ?? 0;
  rows.put('counter', {
    ...key, stage_id: task.stage_id, phase_id: task.phase_id, scope: task.scope, due_date: dueDate, cancelled: task.cancelled,
    mandatory: task.mandatory, applicable, done,
  });
}

function bump(rows: Rows, campaign: CampaignRow | { campaign_id: string }, task: TaskRow, branchId: string, weekOf: string, applicable: number, done: number): void {
  const key = { campaign_id: campaign.campaign_id, branch_id: branchId, task_id: task.task_id, week_of: weekOf };
  const counter: CounterRow = rows.get('counter', key) ?? {
    ...key, stage_id: task.stage_id, phase_id: task.phase_id, scope: task.scope,
    due_date: weekOf ? (task.recurring_weeks.find((w) => w.weekOf === weekOf)?.dueDate ?? task.due_date) : task.due_date,
    cancelled: task.cancelled, mandatory: task.mandatory, applicable: 0, done: 0,
  };
  rows.put('counter', { ...counter, applicable: counter.applicable + applicable, done: counter.done + done });
}

const bumpByInstance = (rows: Rows, task: TaskRow, instance: InstanceRow, done: number): void =>
  bump(rows, instance, task, instance.branch_id, instance.week_of ?? '', 0, done);

/** A member (now active in `member.branch_id`) starts or stops counting: their instances' applicable and done. */
function contribute(rows: Rows, member: MemberRow, sign: 1 | -1): void {
  if (member.branch_id === UNIT_LEVEL_BRANCH_ID) return;
  for (const campaign of campaignsOf(rows, member.unit_id)) {
    for (const task of tasksOf(rows, campaign.campaign_id)) {
      let instanceKey: string;
      if (task.scope === 'member') instanceKey = InstanceKeys.member(task.task_id, member.member_id);
      else if (task.scope === 'leader' && member.is_leader) instanceKey = InstanceKeys.leader(task.task_id, member.member_id);
      else continue;
      const instance = rows.get('instance', { campaign_id: campaign.campaign_id, branch_id: member.branch_id, instance_key: instanceKey });
      bump(rows, campaign, task, member.branch_id, '', sign, instance?.status === 'completed' ? sign : 0);
    }
  }
}

/** Whether a completed instance counts in its branch today: member and leader work only while the member is active there. */
function countsNow(rows: Rows, task: TaskRow, instance: InstanceRow): boolean {
  if (task.scope !== 'member' && task.scope !== 'leader') return true;
  const campaign = rows.get('campaign', { campaign_id: instance.campaign_id });
  if (!campaign) return false;
  const member = rows.get('member', { unit_id: campaign.unit_id, member_id: instance.subject_id });
  return !!member && member.status === 'active' && member.branch_id === instance.branch_id && (task.scope === 'member' || member.is_leader);
}

function newInstance(
  campaignId: string, branchId: string, instanceKey: string, task: TaskRow | undefined,
  ref?: { scope: string; subjectId: string; weekOf: string | null; taskId: string },
): InstanceRow {
  const parts = instanceKey.split(':');
  return {
    campaign_id: campaignId, branch_id: branchId, instance_key: instanceKey, task_id: ref?.taskId ?? task?.task_id ?? parts[0],
    scope: ref?.scope ?? task?.scope ?? 'unit', subject_id: ref?.subjectId ?? (parts[2] ?? branchId),
    week_of: ref?.weekOf ?? (parts[1] === 'week' ? parts[3] : null), status: 'open', completed_on: null, completed_by: null, evidence: [],
    reopen_count: 0, actual: null, carried_over: false, carried_over_to: null,
  };
}

function addParticipation(rows: Rows, campaignId: string, branchId: string, memberId: string, expected: number, participated: number): void {
  const row = rows.get('participation', { campaign_id: campaignId, branch_id: branchId, member_id: memberId });
  const e = (row?.expected ?? 0) + expected;
  const p = (row?.participated ?? 0) + participated;
  rows.put('participation', { campaign_id: campaignId, branch_id: branchId, member_id: memberId, expected: e, participated: p, complete: e > 0 && p >= e });
}
