// Pure helpers behind the plan-change dialogs and the quantity figures: no React, no fetch.
import type { Ratio } from '@campaign-ledger/api-contract';

/** A task id not yet in the plan: the prefix and the smallest number from 1 up that no task uses. */
export function nextTaskId(existing: readonly string[], prefix = 'X'): string {
  const used = new Set(existing);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Evidence names as the leading group types them: one a line (or separated by 、 , ；), blanks dropped, each once. */
export function evidenceList(text: string | undefined): string[] {
  const names = (text ?? '')
    .split(/[\n,，、;；]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return [...new Set(names)];
}

/** A quantity instance's actual amount against its target and its challenge, as ratios (null where the task sets none). */
export function quantityRatios(actual: number | null, target: number | null, challenge: number | null): { target: Ratio | null; challenge: Ratio | null } {
  const done = actual ?? 0;
  return {
    target: target !== null && target > 0 ? { numerator: done, denominator: target } : null,
    challenge: challenge !== null && challenge > 0 ? { numerator: done, denominator: challenge } : null,
  };
}

export interface UnfinishedTask {
  readonly taskId: string;
  readonly taskTitle: string | null;
  /** How many of the branch's instances of this task are unfinished (a weekly task has one a week). */
  readonly count: number;
}

/** The unfinished instances of a stage, by branch (in branch order) and task (in plan order of first appearance). */
export function unfinishedByBranch(
  instances: readonly { taskId: string; taskTitle: string | null; branchId: string }[],
): { branchId: string; tasks: UnfinishedTask[] }[] {
  const branches = new Map<string, Map<string, UnfinishedTask>>();
  for (const i of instances) {
    const tasks = branches.get(i.branchId) ?? new Map<string, UnfinishedTask>();
    branches.set(i.branchId, tasks);
    const seen = tasks.get(i.taskId);
    tasks.set(i.taskId, { taskId: i.taskId, taskTitle: seen?.taskTitle ?? i.taskTitle, count: (seen?.count ?? 0) + 1 });
  }
  return [...branches.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([branchId, tasks]) => ({ branchId, tasks: [...tasks.values()] }));
}
