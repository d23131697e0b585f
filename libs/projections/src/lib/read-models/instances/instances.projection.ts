// The instances read model: one row per task instance with recorded work (completed, reopened, quantities, carried over).
import { parseInstanceKey } from '@campaign-ledger/domain';
import type { Rows } from '../../rows/row-set';
import type { TaskRow } from '../plan-counters/plan-counters.tables';
import type { ProjectedEvent } from '../projected-event';
import type { InstanceRow } from './instances.tables';

/** An instance's row before and after an event, with its task: the plan counters count completions from it. */
export interface InstanceChange {
  readonly before: InstanceRow | undefined;
  readonly after: InstanceRow;
  readonly task: TaskRow | undefined;
}

export function evolveInstances(rows: Rows, event: ProjectedEvent): InstanceChange | undefined {
  switch (event.type) {
    case 'StageClosed': {
      const d = event.data;
      for (const c of d.carriedOver) {
        const task = rows.get('task', { campaign_id: d.campaignId, task_id: c.taskId });
        const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: c.branchId, instance_key: c.instanceKey });
        rows.put('instance', { ...(existing ?? newInstance(d.campaignId, c.branchId, c.instanceKey, task)), carried_over: true, carried_over_to: c.toStageId });
      }
      return undefined;
    }
    case 'TaskCompleted': {
      const d = event.data;
      const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey });
      if (existing?.status === 'completed') return undefined;
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      const base = existing ?? newInstance(d.campaignId, d.branchId, d.instanceKey, task, d);
      const evidence = d.evidence.map((e) => e.sha256);
      return putInstance(
        rows,
        existing,
        { ...base, status: 'completed', completed_on: d.completedOn, completed_by: d.by, evidence, note: d.note || null },
        task,
      );
    }
    case 'TaskReopened': {
      const d = event.data;
      const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey });
      if (!existing || existing.status !== 'completed') return undefined;
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      return putInstance(
        rows,
        existing,
        { ...existing, status: 'reopened', completed_on: null, completed_by: null, note: null, reopen_count: existing.reopen_count + 1 },
        task,
      );
    }
    case 'QuantityReported': {
      const d = event.data;
      const task = rows.get('task', { campaign_id: d.campaignId, task_id: d.taskId });
      const existing = rows.get('instance', { campaign_id: d.campaignId, branch_id: d.branchId, instance_key: d.instanceKey });
      return putInstance(rows, existing, { ...(existing ?? newInstance(d.campaignId, d.branchId, d.instanceKey, task, d)), actual: d.actual }, task);
    }
    default:
      return undefined;
  }
}

function putInstance(rows: Rows, before: InstanceRow | undefined, after: InstanceRow, task: TaskRow | undefined): InstanceChange {
  rows.put('instance', after);
  return { before, after, task };
}

/** A row for an instance first met: described by the event when it says, else by its task and its key. */
function newInstance(
  campaignId: string,
  branchId: string,
  instanceKey: string,
  task: TaskRow | undefined,
  ref?: { scope: string; subjectId: string; weekOf: string | null; taskId: string },
): InstanceRow {
  const parts = parseInstanceKey(instanceKey);
  return {
    campaign_id: campaignId,
    branch_id: branchId,
    instance_key: instanceKey,
    task_id: ref?.taskId ?? task?.task_id ?? parts?.taskId ?? instanceKey,
    scope: ref?.scope ?? task?.scope ?? 'unit',
    subject_id: ref?.subjectId ?? (parts && parts.scope !== 'unit' ? parts.subjectId : branchId),
    week_of: ref?.weekOf ?? (parts?.scope === 'branch_recurring_weekly' ? parts.weekOf : null),
    status: 'open',
    completed_on: null,
    completed_by: null,
    evidence: [],
    reopen_count: 0,
    actual: null,
    carried_over: false,
    carried_over_to: null,
    note: null,
  };
}
