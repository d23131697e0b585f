// How many instances of one task a branch has, from head counts: the rules of expandInstances for read models that
// keep running totals per branch instead of lists of members.
import type { IsoDate } from '../shared/dates';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { assertNever } from '../shared/decider';
import type { InstancePlan, InstanceTask } from './expand-instances';

export interface BranchHeadcount {
  /** Active members of the branch (exempt ones are not). */
  readonly activeMembers: number;
  /** Active members of the branch flagged as leaders. */
  readonly activeLeaders: number;
  /** Divisions of the unit: their work is the office branch's. */
  readonly divisions: number;
}

/** Instances of one task in one branch that share a due date: one group per week for a weekly task, one group otherwise. */
export interface InstanceGroup {
  /** Monday of the week, for weekly tasks. */
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly count: number;
}

/**
 * The instances `expandInstances` gives `task` in `branchId`, counted per due date (cancellation is left to the caller).
 * No group at all when the task's scope has no work in that branch (unit and division work outside the office branch,
 * any other work at the unit level, which has no members); a group of 0 when it has but nobody to do it yet.
 */
export function countInstances(
  plan: Pick<InstancePlan, 'officeBranchId'>,
  task: Pick<InstanceTask, 'scope' | 'dueDate' | 'recurringWeeks'>,
  branchId: string,
  headcount: BranchHeadcount,
): InstanceGroup[] {
  const isOffice = branchId === plan.officeBranchId;
  const isRealBranch = branchId !== UNIT_LEVEL_BRANCH_ID;
  const one = (count: number): InstanceGroup[] => [{ weekOf: null, dueDate: task.dueDate, count }];
  switch (task.scope) {
    case 'unit':
      return isOffice ? one(1) : [];
    case 'division':
      return isOffice ? one(headcount.divisions) : [];
    case 'branch':
      return isRealBranch ? one(1) : [];
    case 'branch_recurring_weekly':
      return isRealBranch ? task.recurringWeeks.map((w) => ({ weekOf: w.weekOf, dueDate: w.dueDate, count: 1 })) : [];
    case 'member':
      return isRealBranch ? one(headcount.activeMembers) : [];
    case 'leader':
      return isRealBranch ? one(headcount.activeLeaders) : [];
    default:
      return assertNever(task.scope);
  }
}
