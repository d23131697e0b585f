// The plan-counters read model: each campaign's plan (stages, phases, tasks) and, per task and branch (and week), how
// many instances apply and how many are done. Which instances a branch has is the domain's rule (countInstances,
// memberInstanceKey); this fold keeps the totals in step with the plan, and with the organisation's and the
// instances' changes that the one fold hands it.
import { assertNever, countInstances, memberInstanceKey, type BranchHeadcount, type PlannedTask } from '@campaign-ledger/domain';
import type { Rows } from '../../rows/row-set';
import type { InstanceChange } from '../instances/instances.projection';
import type { InstanceRow } from '../instances/instances.tables';
import type { OrganisationChange } from '../organisation/organisation.projection';
import type { MemberRow } from '../organisation/organisation.tables';
import type { ProjectedEvent } from '../projected-event';
import type { CampaignRow, CounterRow, TaskRow } from './plan-counters.tables';

export function evolvePlanCounters(rows: Rows, event: ProjectedEvent): void {
  switch (event.type) {
    case 'CampaignPlanned': {
      const d = event.data;
      if (rows.get('campaign', { campaign_id: d.campaignId })) return;
      const campaign: CampaignRow = {
        campaign_id: d.campaignId,
        unit_id: d.unitId,
        name: d.name,
        template_code: d.templateCode,
        start_date: d.startDate,
        end_date: d.endDate,
        office_branch_id: d.officeBranchId,
        status: 'planned',
        closed_on: null,
      };
      rows.put('campaign', campaign);
      rows.put('unit_campaign', { unit_id: d.unitId, campaign_id: d.campaignId });
      for (const s of d.plan.stages) {
        rows.put('stage', {
          campaign_id: d.campaignId,
          stage_id: s.stageId,
          ord: s.order,
          name: s.name,
          start_date: s.startDate,
          end_date: s.endDate,
          status: 'pending',
          opened_on: null,
          closed_on: null,
          carried_over: 0,
        });
      }
      for (const p of d.plan.phases) {
        rows.put('phase', {
          campaign_id: d.campaignId,
          phase_id: p.phaseId,
          stage_id: p.stageId,
          ord: p.order,
          name: p.name,
          start_date: p.startDate,
          end_date: p.endDate,
        });
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
      for (const c of rows.scan('counter', { campaign_id: task.campaign_id, task_id: task.task_id }))
        rows.put('counter', { ...c, due_date: event.data.dueDate });
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
      return;
    }
    case 'CampaignClosed': {
      const campaign = rows.get('campaign', { campaign_id: event.data.campaignId });
      if (campaign) rows.put('campaign', { ...campaign, status: 'closed', closed_on: event.data.closedOn });
      return;
    }
    default:
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

const NO_MEMBERS: ReadonlyMap<string, BranchHeadcount> = new Map();

function activeMembersByBranch(members: readonly MemberRow[]): ReadonlyMap<string, BranchHeadcount> {
  const counts = new Map<string, { activeMembers: number; activeLeaders: number; divisions: number }>();
  for (const m of members) {
    if (m.status !== 'active') continue;
    const c = counts.get(m.branch_id) ?? { activeMembers: 0, activeLeaders: 0, divisions: 0 };
    c.activeMembers += 1;
    if (m.is_leader) c.activeLeaders += 1;
    counts.set(m.branch_id, c);
  }
  return counts;
}

const instanceTaskOf = (task: TaskRow) => ({ scope: task.scope, dueDate: task.due_date, recurringWeeks: task.recurring_weeks });

/** The one group of a task that is not weekly: its instances in `branchId` for this headcount. */
const countOf = (campaign: CampaignRow, task: TaskRow, branchId: string, headcount: BranchHeadcount): number =>
  countInstances({ officeBranchId: campaign.office_branch_id }, instanceTaskOf(task), branchId, headcount)[0]?.count ?? 0;

function addTask(rows: Rows, campaign: CampaignRow, t: PlannedTask, order: number, branchIds: string[], members: ReadonlyMap<string, BranchHeadcount>): void {
  const task: TaskRow = {
    campaign_id: campaign.campaign_id,
    task_id: t.taskId,
    ord: order,
    title: t.title,
    stage_id: t.stageId,
    phase_id: t.phaseId,
    track_id: t.trackId,
    scope: t.scope,
    due_date: t.dueDate,
    kind: t.kind,
    mandatory: t.mandatory,
    cancelled: false,
    target: t.target,
    challenge: t.challenge,
    recurring_weeks: t.recurringWeeks.map((w) => ({ weekOf: w.weekOf, dueDate: w.dueDate })),
  };
  rows.put('task', task);
  const divisions = rows.scan('division', { unit_id: campaign.unit_id }).length;
  const targets = new Set(branchIds);
  targets.add(campaign.office_branch_id);
  for (const branchId of [...targets].sort()) createCounters(rows, campaign, task, branchId, members, divisions);
}

/** Counters of one task in one branch, with the applicable count the branch has now. */
function createCounters(
  rows: Rows,
  campaign: CampaignRow,
  task: TaskRow,
  branchId: string,
  members: ReadonlyMap<string, BranchHeadcount>,
  divisions: number,
): void {
  const active = members.get(branchId);
  const headcount = { activeMembers: active?.activeMembers ?? 0, activeLeaders: active?.activeLeaders ?? 0, divisions };
  for (const group of countInstances({ officeBranchId: campaign.office_branch_id }, instanceTaskOf(task), branchId, headcount)) {
    putCounter(rows, task, branchId, group.weekOf ?? '', group.dueDate, group.count);
  }
}

function putCounter(rows: Rows, task: TaskRow, branchId: string, weekOf: string, dueDate: string, applicable: number): void {
  const key = { campaign_id: task.campaign_id, branch_id: branchId, task_id: task.task_id, week_of: weekOf };
  const existing = rows.get('counter', key);
  // Work recorded before the counter existed (an instance row ahead of its plan) still counts.
  const done = existing?.done ?? 0;
  rows.put('counter', {
    ...key,
    stage_id: task.stage_id,
    phase_id: task.phase_id,
    scope: task.scope,
    due_date: dueDate,
    cancelled: task.cancelled,
    mandatory: task.mandatory,
    applicable,
    done,
  });
}

function bump(rows: Rows, campaign: { campaign_id: string }, task: TaskRow, branchId: string, weekOf: string, applicable: number, done: number): void {
  const key = { campaign_id: campaign.campaign_id, branch_id: branchId, task_id: task.task_id, week_of: weekOf };
  const counter: CounterRow = rows.get('counter', key) ?? {
    ...key,
    stage_id: task.stage_id,
    phase_id: task.phase_id,
    scope: task.scope,
    due_date: weekOf ? (task.recurring_weeks.find((w) => w.weekOf === weekOf)?.dueDate ?? task.due_date) : task.due_date,
    cancelled: task.cancelled,
    mandatory: task.mandatory,
    applicable: 0,
    done: 0,
  };
  rows.put('counter', { ...counter, applicable: counter.applicable + applicable, done: counter.done + done });
}

/** Divisions, branches and active members are what the counters count: an organisation change moves them. */
export function countOrganisationChange(rows: Rows, change: OrganisationChange): void {
  switch (change.kind) {
    case 'division-added': {
      const oneDivision: BranchHeadcount = { activeMembers: 0, activeLeaders: 0, divisions: 1 };
      for (const campaign of campaignsOf(rows, change.unitId)) {
        for (const task of tasksOf(rows, campaign.campaign_id)) {
          if (task.scope !== 'division') continue;
          bump(rows, campaign, task, campaign.office_branch_id, '', countOf(campaign, task, campaign.office_branch_id, oneDivision), 0);
        }
      }
      return;
    }
    case 'branch-added':
      for (const campaign of campaignsOf(rows, change.unitId)) {
        for (const task of tasksOf(rows, campaign.campaign_id)) createCounters(rows, campaign, task, change.branchId, NO_MEMBERS, 0);
      }
      return;
    case 'member':
      if (change.before?.status === 'active') contribute(rows, change.before, -1);
      if (change.after.status === 'active') contribute(rows, change.after, 1);
      return;
    default:
      assertNever(change);
  }
}

/** A member (active in `member.branch_id`) starts or stops counting: their instances' applicable and done. */
function contribute(rows: Rows, member: MemberRow, sign: 1 | -1): void {
  const alone: BranchHeadcount = { activeMembers: 1, activeLeaders: member.is_leader ? 1 : 0, divisions: 0 };
  for (const campaign of campaignsOf(rows, member.unit_id)) {
    for (const task of tasksOf(rows, campaign.campaign_id)) {
      const instanceKey = memberInstanceKey({ taskId: task.task_id, scope: task.scope }, { memberId: member.member_id, isLeader: member.is_leader });
      // No instance of their own in tasks of other scopes, nor in a branch that keeps no member work (the unit level).
      if (instanceKey === null || countOf(campaign, task, member.branch_id, alone) === 0) continue;
      const instance = rows.get('instance', { campaign_id: campaign.campaign_id, branch_id: member.branch_id, instance_key: instanceKey });
      bump(rows, campaign, task, member.branch_id, '', sign, instance?.status === 'completed' ? sign : 0);
    }
  }
}

/** A completion counts while its instance is completed and counts in its branch now. */
export function countInstanceChange(rows: Rows, { before, after, task }: InstanceChange): void {
  const done = (after.status === 'completed' ? 1 : 0) - (before?.status === 'completed' ? 1 : 0);
  if (done !== 0 && task && countsNow(rows, task, after)) bump(rows, after, task, after.branch_id, after.week_of ?? '', 0, done);
}

/** Whether a completed instance counts in its branch today: member and leader work only while the member is active there. */
function countsNow(rows: Rows, task: TaskRow, instance: InstanceRow): boolean {
  if (task.scope !== 'member' && task.scope !== 'leader') return true;
  const campaign = rows.get('campaign', { campaign_id: instance.campaign_id });
  if (!campaign) return false;
  const member = rows.get('member', { unit_id: campaign.unit_id, member_id: instance.subject_id });
  return !!member && member.status === 'active' && member.branch_id === instance.branch_id && (task.scope === 'member' || member.is_leader);
}
