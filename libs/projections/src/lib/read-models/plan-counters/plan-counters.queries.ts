// Queries of the plan-counters read model: progress from grouped counter sums, the half-year check, the branch × phase
// heat map, and the plan as the domain's instance rules read it.
import { halfYearCheck, isBefore, overdueColour, ratio, UNIT_LEVEL_BRANCH_ID, type HalfYearCheck, type InstancePlan } from '@campaign-ledger/domain';
import type { HeatMap, HeatMapCell, Progress } from '@campaign-ledger/api-contract';
import type { ReadModelSource } from '../../queries/source';
import { unitLevelBranch } from '../organisation/organisation.queries';
import { byText } from '../query-options';
import type { CampaignRow, TaskRow } from './plan-counters.tables';

/** Counter sums grouped by some of these columns. */
export interface CounterGroup {
  applicable: number;
  done: number;
  cancelled: boolean;
  due_date?: string;
  stage_id?: string | null;
  phase_id?: string | null;
  branch_id?: string;
}

export function progressOf(groups: readonly CounterGroup[], asOf: string): Progress {
  let applicable = 0;
  let done = 0;
  let overdue = 0;
  for (const g of groups) {
    if (g.cancelled) continue;
    applicable += g.applicable;
    done += g.done;
    if (g.due_date !== undefined && isBefore(g.due_date, asOf)) overdue += g.applicable - g.done;
  }
  return { applicable, done, overdue, completion: ratio(done, applicable) };
}

/** Open instances overdue (red) and due within `amberDays` (amber): the domain's colour of each group's due date. */
export function colourCounts(groups: readonly CounterGroup[], asOf: string, amberDays: number): { red: number; amber: number } {
  let red = 0;
  let amber = 0;
  for (const g of groups) {
    if (g.cancelled || g.due_date === undefined) continue;
    const open = g.applicable - g.done;
    const { colour } = overdueColour({ dueDate: g.due_date, asOf, done: false, amberWithinDays: amberDays });
    if (colour === 'red') red += open;
    else if (colour === 'amber') amber += open;
  }
  return { red, amber };
}

export class CampaignNotProjected extends Error {
  readonly code = 'READ_MODEL.CAMPAIGN_NOT_FOUND';
  readonly kind = 'not_found' as const;
  readonly messageZh: string;
  readonly details: { readonly campaignId: string };
  constructor(readonly campaignId: string) {
    super(`campaign ${campaignId} is not in the read model (unknown, or not projected yet): check the campaign id, or wait a moment and reload`);
    this.name = 'CampaignNotProjected';
    this.messageZh = `读模型中没有活动 ${campaignId}（不存在，或尚未投影）：请核对活动编号，或稍候刷新`;
    this.details = { campaignId };
  }
}

export async function campaignOrThrow(source: ReadModelSource, campaignId: string): Promise<CampaignRow> {
  const [campaign] = await source.rows('campaign', { campaign_id: campaignId });
  if (!campaign) throw new CampaignNotProjected(campaignId);
  return campaign;
}

/**
 * The plan as `expandInstances` reads it, from the campaign's rows (tasks in plan order). Carried-over instances are
 * left out: the instance rows say which were.
 */
export const instancePlanOf = (campaign: CampaignRow, tasks: readonly TaskRow[]): InstancePlan => ({
  unitId: campaign.unit_id,
  officeBranchId: campaign.office_branch_id,
  carriedOver: [],
  tasks: [...tasks]
    .sort((a, b) => a.ord - b.ord)
    .map((t) => ({
      taskId: t.task_id,
      stageId: t.stage_id,
      phaseId: t.phase_id,
      trackId: t.track_id,
      scope: t.scope,
      mandatory: t.mandatory,
      kind: t.kind,
      cancelled: t.cancelled,
      dueDate: t.due_date,
      recurringWeeks: t.recurring_weeks,
    })),
});

/** 双过半 of a campaign (or any period) on a date, from the read model's done and applicable instances. */
export async function campaignHalfYearCheck(
  source: ReadModelSource,
  campaignId: string,
  asOf: string,
  period?: { start: string; end: string },
): Promise<HalfYearCheck> {
  const campaign = await campaignOrThrow(source, campaignId);
  const counters = await source.aggregate('counter', { campaign_id: campaignId }, ['cancelled'], ['applicable', 'done']);
  const totals = progressOf(counters, asOf);
  return halfYearCheck({
    periodStart: period?.start ?? campaign.start_date,
    periodEnd: period?.end ?? campaign.end_date,
    asOf,
    done: totals.done,
    planned: totals.applicable,
  });
}

/** Branch × phase: applicable and done instances per cell. */
export async function branchPhaseHeatMap(source: ReadModelSource, campaignId: string): Promise<HeatMap> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [branches, phases, stages, counters] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id }),
    source.rows('phase', { campaign_id: campaignId }),
    source.rows('stage', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId }, ['branch_id', 'phase_id', 'cancelled'], ['applicable', 'done']),
  ]);
  const stageOrder = new Map(stages.map((s) => [s.stage_id, s.ord]));
  const sortedPhases = [...phases].sort(
    (a, b) => (stageOrder.get(a.stage_id ?? '') ?? 0) - (stageOrder.get(b.stage_id ?? '') ?? 0) || a.ord - b.ord || byText(a.phase_id, b.phase_id),
  );
  const withUnit = campaign.office_branch_id === UNIT_LEVEL_BRANCH_ID ? [...branches, unitLevelBranch(campaign.unit_id)] : branches;
  return {
    phases: sortedPhases.map((p) => ({ phaseId: p.phase_id, stageId: p.stage_id, name: p.name, order: p.ord })),
    branches: [...withUnit]
      .sort((a, b) => byText(a.branch_id, b.branch_id))
      .map((b) => {
        const cells: Record<string, HeatMapCell> = {};
        for (const p of sortedPhases) {
          const { applicable, done, completion } = progressOf(
            counters.filter((c) => c.branch_id === b.branch_id && c.phase_id === p.phase_id),
            campaign.start_date,
          );
          cells[p.phase_id] = { applicable, done, completion };
        }
        return { branchId: b.branch_id, name: b.name, cells };
      }),
  };
}
