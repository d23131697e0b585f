// Stable keys of task instances: `<taskId>:<scope>[:<subject>]`, weekly ones `<taskId>:week:<branchId>:<Monday>`.
import { isIsoDate, type IsoDate } from '../shared/dates';

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
