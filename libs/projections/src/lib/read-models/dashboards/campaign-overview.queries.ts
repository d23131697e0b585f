// The leading group's figures of a campaign, across read models: progress by stage and phase with participation, and
// the branch ranking.
import type { BranchRanking, CampaignOverview, PhaseOverview } from '@campaign-ledger/api-contract';
import { DEFAULT_AMBER_DAYS, halfYearCheck, type Ratio } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { campaignOrThrow, colourCounts, progressOf } from '../plan-counters/plan-counters.queries';
import type { PhaseRow, StageRow } from '../plan-counters/plan-counters.tables';
import { byText, type QueryOptions } from '../query-options';
import { participationByBranch, participationFigures } from '../study-sessions/study-sessions.queries';

export async function campaignOverview(source: ReadModelSource, campaignId: string, options: QueryOptions): Promise<CampaignOverview> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const [stages, phases, counters, participation] = await Promise.all([
    source.rows('stage', { campaign_id: campaignId }),
    source.rows('phase', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId }, ['stage_id', 'phase_id', 'due_date', 'cancelled'], ['applicable', 'done']),
    participationFigures(source, { campaign_id: campaignId }),
  ]);
  const phaseOverview = (p: PhaseRow): PhaseOverview => ({
    phaseId: p.phase_id,
    stageId: p.stage_id,
    name: p.name,
    order: p.ord,
    ...progressOf(
      counters.filter((c) => c.phase_id === p.phase_id),
      options.asOf,
    ),
  });
  const sortedPhases = [...phases].sort((a, b) => a.ord - b.ord || byText(a.phase_id, b.phase_id));
  const totals = progressOf(counters, options.asOf);
  return {
    campaignId,
    name: campaign.name,
    status: campaign.status,
    startDate: campaign.start_date,
    endDate: campaign.end_date,
    asOf: options.asOf,
    totals,
    stages: [...stages]
      .sort((a, b) => a.ord - b.ord)
      .map((s: StageRow) => ({
        stageId: s.stage_id,
        name: s.name,
        order: s.ord,
        status: s.status,
        openedOn: s.opened_on,
        closedOn: s.closed_on,
        carriedOver: s.carried_over,
        ...progressOf(
          counters.filter((c) => c.stage_id === s.stage_id),
          options.asOf,
        ),
        phases: sortedPhases.filter((p) => p.stage_id === s.stage_id).map(phaseOverview),
      })),
    phases: sortedPhases.filter((p) => p.stage_id === null).map(phaseOverview),
    unphased: progressOf(
      counters.filter((c) => c.phase_id === null),
      options.asOf,
    ),
    halfYear: halfYearCheck({
      periodStart: campaign.start_date,
      periodEnd: campaign.end_date,
      asOf: options.asOf,
      done: totals.done,
      planned: totals.applicable,
    }),
    warnings: { ...colourCounts(counters, options.asOf, amberDays), amberWithinDays: amberDays },
    participation,
  };
}

const fractionOf = (r: Ratio): number => (r.denominator === 0 ? -1 : r.numerator / r.denominator);

/** Branches ranked by completion or by participation (person-sessions); ties keep branch order. */
export async function rankBranches(source: ReadModelSource, campaignId: string, by: 'completion' | 'participation'): Promise<BranchRanking[]> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [branches, counters, participationOf] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id }),
    source.aggregate('counter', { campaign_id: campaignId }, ['branch_id', 'cancelled'], ['applicable', 'done']),
    participationByBranch(source, campaignId),
  ]);
  const rows = [...branches]
    .sort((a, b) => byText(a.branch_id, b.branch_id))
    .map((b) => ({
      branchId: b.branch_id,
      name: b.name,
      completion: progressOf(
        counters.filter((c) => c.branch_id === b.branch_id),
        campaign.start_date,
      ).completion,
      participation: participationOf(b.branch_id),
    }));
  const score = (r: (typeof rows)[number]) => fractionOf(by === 'completion' ? r.completion : r.participation.byPersonSession);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => score(b.r) - score(a.r) || a.i - b.i)
    .map(({ r }, i) => ({ rank: i + 1, ...r }));
}
