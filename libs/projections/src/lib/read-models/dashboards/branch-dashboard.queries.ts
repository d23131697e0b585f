// A branch's page of a campaign, across read models: progress and instances by phase, warnings, sessions and
// participation, three ones.
import type { BranchDashboard } from '@campaign-ledger/api-contract';
import { DEFAULT_AMBER_DAYS } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { branchInstances } from '../instances/instances.queries';
import { unitLevelBranch } from '../organisation/organisation.queries';
import { campaignOrThrow, colourCounts, progressOf } from '../plan-counters/plan-counters.queries';
import { byText, type QueryOptions } from '../query-options';
import { branchParticipation, branchSessions, participationOverTime } from '../study-sessions/study-sessions.queries';
import { branchThreeOnes } from '../three-ones/three-ones.queries';

export class BranchNotProjected extends Error {
  readonly code = 'READ_MODEL.BRANCH_NOT_FOUND';
  readonly kind = 'not_found' as const;
  readonly messageZh: string;
  readonly details: { readonly branchId: string };
  constructor(readonly branchId: string) {
    super(`branch ${branchId} is not in the read model: check the branch id`);
    this.name = 'BranchNotProjected';
    this.messageZh = `读模型中没有支部 ${branchId}：请核对支部编号`;
    this.details = { branchId };
  }
}

export async function branchDashboard(source: ReadModelSource, campaignId: string, branchId: string, options: QueryOptions): Promise<BranchDashboard> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const [branchRows, phases, counters, instances, sessions, participation, weeks, threeOnes] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id, branch_id: branchId }),
    source.rows('phase', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId, branch_id: branchId }, ['phase_id', 'due_date', 'cancelled'], ['applicable', 'done']),
    branchInstances(source, campaignId, branchId, options),
    branchSessions(source, campaignId, branchId),
    branchParticipation(source, campaignId, branchId),
    participationOverTime(source, campaignId, branchId),
    branchThreeOnes(source, campaignId, branchId),
  ]);
  const branch = branchRows[0] ?? (branchId === campaign.office_branch_id ? unitLevelBranch(campaign.unit_id) : undefined);
  if (!branch) throw new BranchNotProjected(branchId);
  return {
    campaignId,
    branchId,
    name: branch.name,
    secretaryName: branch.secretary_name || null,
    asOf: options.asOf,
    totals: progressOf(counters, options.asOf),
    phases: [...phases]
      .sort((a, b) => a.ord - b.ord || byText(a.phase_id, b.phase_id))
      .map((p) => ({
        phaseId: p.phase_id,
        stageId: p.stage_id,
        name: p.name,
        order: p.ord,
        ...progressOf(
          counters.filter((c) => c.phase_id === p.phase_id),
          options.asOf,
        ),
        instances: instances.filter((i) => i.phaseId === p.phase_id),
      })),
    unphased: instances.filter((i) => i.phaseId === null),
    warnings: { ...colourCounts(counters, options.asOf, amberDays), amberWithinDays: amberDays },
    sessions,
    participation,
    participationByWeek: weeks,
    threeOnes,
  };
}
