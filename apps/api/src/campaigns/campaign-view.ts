// The campaign as the API shows it: the plan and stage statuses folded from the stream, with its revision (the ETag).
import type { CampaignView, CarriedOverView } from '@campaign-ledger/api-contract';
import { openStageOf, type PlannedCampaign } from '@campaign-ledger/domain';
import type { Principal } from '../auth/principal';
import { etagOf } from '@api/infrastructure/http/if-match';

// What GET /api/campaigns/:id and every plan change answer is the contract's: declared once, there.
export type { CampaignView, CarriedOverView };

/** A secretary sees only their own branch's carried-over work; everyone else sees all of it. */
export function carriedOverVisibleTo(campaign: PlannedCampaign, principal: Principal): CarriedOverView[] {
  const titles = new Map(campaign.tasks.map((t) => [t.taskId, t.title]));
  return campaign.carriedOver
    .filter((c) => principal.role !== 'secretary' || c.branchId === principal.branchId)
    .map((c) => ({ ...c, taskTitle: titles.get(c.taskId) ?? null }));
}

export function campaignView(campaign: PlannedCampaign, revision: number, principal: Principal): CampaignView {
  const active = campaign.tasks.filter((t) => !t.cancelled);
  return {
    campaignId: campaign.campaignId,
    unitId: campaign.unitId,
    name: campaign.name,
    templateCode: campaign.templateCode,
    status: campaign.status,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    closedOn: campaign.closedOn,
    officeBranchId: campaign.officeBranchId,
    createdBy: campaign.createdBy,
    revision,
    etag: etagOf(revision),
    currentStageId: openStageOf(campaign)?.stageId ?? null,
    counts: {
      stages: campaign.stages.length,
      phases: campaign.phases.length,
      tracks: campaign.tracks.length,
      tasks: campaign.tasks.length,
      activeTasks: active.length,
      cancelledTasks: campaign.tasks.length - active.length,
      carriedOver: campaign.carriedOver.length,
    },
    stages: campaign.stages.map(({ carriedOver, ...stage }) => ({ ...stage, carriedOverCount: carriedOver.length })),
    phases: campaign.phases,
    tracks: campaign.tracks,
    tasks: campaign.tasks,
    carriedOver: carriedOverVisibleTo(campaign, principal),
  };
}
