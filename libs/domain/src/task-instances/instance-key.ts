// Stable keys of task instances: `<taskId>:<scope>[:<subject>]`, weekly ones `<taskId>:week:<branchId>:<Monday>`.
import { isIsoDate, type IsoDate } from '../shared/dates';
import type { TaskScope } from '../template/template.types';

export type InstanceKeyParts =
  | { readonly scope: 'unit'; readonly taskId: string }
  | { readonly scope: 'branch' | 'member' | 'leader' | 'division'; readonly taskId: string; readonly subjectId: string }
  | { readonly scope: 'branch_recurring_weekly'; readonly taskId: string; readonly subjectId: string; readonly weekOf: IsoDate };

export const InstanceKeys = {
  unit: (taskId: string): string => `${taskId}:unit`,
  branch: (taskId: string, branchId: string): string => `${taskId}:branch:${branchId}`,
  member: (taskId: string, memberId: string): string => `${taskId}:member:${memberId}`,
  leader: (taskId: string, memberId: string): string => `${taskId}:leader:${memberId}`,
  division: (taskId: string, divisionId: string): string => `${taskId}:division:${divisionId}`,
  weekly: (taskId: string, branchId: string, weekOf: IsoDate): string => `${taskId}:week:${branchId}:${weekOf}`,
};

export function parseInstanceKey(key: string): InstanceKeyParts | null {
  if (typeof key !== 'string') return null;
  const parts = key.split(':');
  if (parts.some((p) => p.length === 0)) return null;
  const [taskId, scope, subjectId, weekOf] = parts;
  if (scope === 'unit' && parts.length === 2) return { scope, taskId };
  if ((scope === 'branch' || scope === 'member' || scope === 'leader' || scope === 'division') && parts.length === 3) return { scope, taskId, subjectId };
  if (scope === 'week' && parts.length === 4 && isIsoDate(weekOf)) return { scope: 'branch_recurring_weekly', taskId, subjectId, weekOf };
  return null;
}

/** The instance of a member- or leader-scope task a member is the subject of; null when the task has none for them. */
export function memberInstanceKey(
  task: { readonly taskId: string; readonly scope: TaskScope },
  member: { readonly memberId: string; readonly isLeader: boolean },
): string | null {
  if (task.scope === 'member') return InstanceKeys.member(task.taskId, member.memberId);
  if (task.scope === 'leader' && member.isLeader) return InstanceKeys.leader(task.taskId, member.memberId);
  return null;
}

/** The member an instance key names (`T07:member:M42` → M42); null for keys of other scopes and for what is not a key. */
export function memberOfInstanceKey(key: string): string | null {
  const parts = parseInstanceKey(key);
  return parts && (parts.scope === 'member' || parts.scope === 'leader') ? parts.subjectId : null;
}
