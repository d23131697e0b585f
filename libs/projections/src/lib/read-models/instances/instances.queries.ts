// Queries of the instances read model: a branch's instances as the domain expands its plan, with the recorded work and
// a warning colour; the overdue and due-soon list.
import type { OverdueList, ReadModelInstance, WarningInstance } from '@campaign-ledger/api-contract';
import { DEFAULT_AMBER_DAYS, expandInstances, overdueColour } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { branchRoster } from '../organisation/organisation.queries';
import { campaignOrThrow, colourCounts, instancePlanOf } from '../plan-counters/plan-counters.queries';
import { byText, type QueryOptions } from '../query-options';
import type { InstanceRow } from './instances.tables';

/** Every applicable instance of one branch (the domain's expansion of the plan), with its status and warning colour. */
export async function branchInstances(source: ReadModelSource, campaignId: string, branchId: string, options: QueryOptions): Promise<ReadModelInstance[]> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [tasks, roster, instances] = await Promise.all([
    source.rows('task', { campaign_id: campaignId }),
    branchRoster(source, campaign.unit_id, branchId, { asOf: options.asOf, withDivisions: branchId === campaign.office_branch_id }),
    source.rows('instance', { campaign_id: campaignId, branch_id: branchId }),
  ]);
  const work = new Map<string, InstanceRow>(instances.map((i) => [i.instance_key, i]));
  const titles = new Map(tasks.map((t) => [t.task_id, t.title]));
  const memberNames = new Map(roster.members.map((m) => [m.memberId, m.name]));
  const divisionNames = new Map(roster.divisions.map((d) => [d.divisionId, d.name]));
  return expandInstances(instancePlanOf(campaign, tasks), roster, branchId).map((instance) => {
    const row = work.get(instance.key);
    const status = row?.status ?? 'open';
    const { colour, daysLeft } = overdueColour({
      dueDate: instance.dueDate,
      asOf: options.asOf,
      done: status === 'completed',
      amberWithinDays: options.amberWithinDays,
    });
    const names = instance.scope === 'division' ? divisionNames : instance.scope === 'member' || instance.scope === 'leader' ? memberNames : null;
    const subjectName = names?.get(instance.subjectId) ?? null;
    return {
      instanceKey: instance.key,
      taskId: instance.taskId,
      title: titles.get(instance.taskId) ?? '',
      stageId: instance.stageId,
      phaseId: instance.phaseId,
      scope: instance.scope,
      subjectId: instance.subjectId,
      subjectName,
      weekOf: instance.weekOf,
      dueDate: instance.dueDate,
      mandatory: instance.mandatory,
      status,
      completedOn: row?.completed_on ?? null,
      completedBy: row?.completed_by ?? null,
      evidence: row?.evidence ?? [],
      reopenCount: row?.reopen_count ?? 0,
      actual: row?.actual ?? null,
      carriedOverTo: row?.carried_over ? row.carried_over_to : undefined,
      colour,
      daysLeft,
    };
  });
}

/** instanceKey → the note of the completion in force, for each of a branch's completed instances that has one. */
export async function completionNotes(source: ReadModelSource, campaignId: string, branchId: string): Promise<Record<string, string>> {
  const rows = await source.rows('instance', { campaign_id: campaignId, branch_id: branchId, status: 'completed' });
  return Object.fromEntries(rows.flatMap((r) => (r.note ? [[r.instance_key, r.note] as const] : [])));
}

/** Overdue (red) and due-soon (amber) instances, most overdue first; over the whole campaign or one branch. */
export async function overdueInstances(
  source: ReadModelSource,
  campaignId: string,
  options: QueryOptions & { branchId?: string; limit?: number },
): Promise<OverdueList> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const limit = options.limit ?? 200;
  const where = options.branchId === undefined ? { campaign_id: campaignId } : { campaign_id: campaignId, branch_id: options.branchId };
  const counters = await source.aggregate('counter', where, ['branch_id', 'due_date', 'cancelled'], ['applicable', 'done']);
  const perBranch = new Map<string, { red: number; amber: number }>();
  for (const c of counters) {
    const counts = colourCounts([c], options.asOf, amberDays);
    const entry = perBranch.get(c.branch_id) ?? { red: 0, amber: 0 };
    perBranch.set(c.branch_id, { red: entry.red + counts.red, amber: entry.amber + counts.amber });
  }
  const totals = colourCounts(counters, options.asOf, amberDays);
  const branchOrder = [...perBranch.entries()]
    .filter(([, c]) => c.red + c.amber > 0)
    .sort((a, b) => b[1].red - a[1].red || b[1].amber - a[1].amber || byText(a[0], b[0]))
    .map(([branchId]) => branchId);
  const found: WarningInstance[] = [];
  for (const branchId of branchOrder) {
    if (found.length >= limit) break;
    const list = await branchInstances(source, campaign.campaign_id, branchId, options);
    for (const i of list) if (i.colour !== 'green') found.push({ ...i, branchId });
  }
  found.sort((a, b) => a.daysLeft - b.daysLeft || byText(a.branchId, b.branchId) || byText(a.instanceKey, b.instanceKey));
  return { ...totals, instances: found.slice(0, limit) };
}
