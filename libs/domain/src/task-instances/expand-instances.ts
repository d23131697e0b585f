// Makes a plan concrete for one branch: which task instances it must do, each with a stable key.
import type { IsoDate } from '../shared/dates';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { assertNever } from '../shared/decider';
import type { PlannedCampaign, TaskState } from '../campaign/campaign.state';
import type { Roster } from '../organisation/roster';
import type { TaskKind, TaskScope } from '../template/template.types';
import { InstanceKeys } from './instance-key';

export interface TaskInstance {
  readonly key: string;
  readonly taskId: string;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly scope: TaskScope;
  /** Whom the instance is for: the unit, branch, member, leader or division id. */
  readonly subjectId: string;
  /** The branch whose work stream keeps this instance. */
  readonly branchId: string;
  /** Monday of the week, for weekly instances. */
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly mandatory: boolean;
  readonly kind: TaskKind;
  /** The stage it was carried into at a stage transition (null: into no further stage), or undefined when never carried over. */
  readonly carriedOverTo?: string | null;
}

/** What instances are made of: a task of the plan, as the campaign's state or a read model keeps it. */
export type InstanceTask = Pick<
  TaskState,
  'taskId' | 'stageId' | 'phaseId' | 'trackId' | 'scope' | 'mandatory' | 'kind' | 'cancelled' | 'dueDate' | 'recurringWeeks'
>;

/** What `expandInstances` reads of a plan: a PlannedCampaign, or a read model's copy of it. */
export interface InstancePlan extends Pick<PlannedCampaign, 'unitId' | 'officeBranchId' | 'carriedOver'> {
  /** Plan order. */
  readonly tasks: readonly InstanceTask[];
}

export interface ExpandOptions {
  /** Include instances of cancelled tasks (off by default: cancelled work is not applicable). */
  readonly includeCancelled?: boolean;
  /** Only this task's instances (a command naming one instance needs no others). */
  readonly taskId?: string;
}

/**
 * Applicable instances of one branch.
 * - `branch`, `branch_recurring_weekly`: this branch (weekly: one per week of the task's stage, due that Sunday).
 * - `member`: each active, non-exempt member of the branch on the roster's date; `leader`: each such member flagged as leader.
 * - `unit`, `division`: only for the campaign's office branch (UNIT_LEVEL_BRANCH_ID unless the plan names a real branch);
 *   `division` gives one instance per division of the unit.
 */
export function expandInstances(plan: InstancePlan, roster: Roster, branchId: string = roster.branchId, options: ExpandOptions = {}): TaskInstance[] {
  const isOffice = branchId === plan.officeBranchId;
  const isRealBranch = branchId !== UNIT_LEVEL_BRANCH_ID;
  const active = roster.members.filter((m) => m.status === 'active');
  const carried = new Map(plan.carriedOver.filter((c) => c.branchId === branchId).map((c) => [c.instanceKey, c.toStageId]));
  const result: TaskInstance[] = [];
  const push = (task: InstanceTask, key: string, subjectId: string, dueDate: IsoDate, weekOf: IsoDate | null = null): void => {
    const instance: TaskInstance = {
      key,
      taskId: task.taskId,
      stageId: task.stageId,
      phaseId: task.phaseId,
      trackId: task.trackId,
      scope: task.scope,
      subjectId,
      branchId,
      weekOf,
      dueDate,
      mandatory: task.mandatory,
      kind: task.kind,
    };
    result.push(carried.has(key) ? { ...instance, carriedOverTo: carried.get(key) ?? null } : instance);
  };

  for (const task of plan.tasks) {
    if ((task.cancelled && !options.includeCancelled) || (options.taskId !== undefined && task.taskId !== options.taskId)) continue;
    switch (task.scope) {
      case 'unit':
        if (isOffice) push(task, InstanceKeys.unit(task.taskId), plan.unitId, task.dueDate);
        break;
      case 'division':
        if (isOffice) for (const d of roster.divisions) push(task, InstanceKeys.division(task.taskId, d.divisionId), d.divisionId, task.dueDate);
        break;
      case 'branch':
        if (isRealBranch) push(task, InstanceKeys.branch(task.taskId, branchId), branchId, task.dueDate);
        break;
      case 'branch_recurring_weekly':
        if (isRealBranch) for (const w of task.recurringWeeks) push(task, InstanceKeys.weekly(task.taskId, branchId, w.weekOf), branchId, w.dueDate, w.weekOf);
        break;
      case 'member':
        for (const m of active) push(task, InstanceKeys.member(task.taskId, m.memberId), m.memberId, task.dueDate);
        break;
      case 'leader':
        for (const m of active) if (m.isLeader) push(task, InstanceKeys.leader(task.taskId, m.memberId), m.memberId, task.dueDate);
        break;
      default:
        assertNever(task.scope);
    }
  }
  return result;
}

/** Counts per scope, handy for dashboards and checks. */
export function countByScope(instances: readonly TaskInstance[]): Record<TaskScope, number> {
  const counts: Record<TaskScope, number> = { unit: 0, branch: 0, member: 0, leader: 0, division: 0, branch_recurring_weekly: 0 };
  for (const i of instances) counts[i.scope] += 1;
  return counts;
}
