// Which mandatory task instances of a stage are still unfinished, across every branch of the unit (read from the streams, no projection).
import { Injectable } from '@nestjs/common';
import {
  expandInstances,
  isCompleted,
  rosterOn,
  UNIT_LEVEL_BRANCH_ID,
  type BranchWorkState,
  type IsoDate,
  type OrganisationState,
  type PlannedCampaign,
  type Roster,
  type TaskInstance,
  type UnfinishedInstance,
} from '@campaign-ledger/domain';
import { CampaignContext } from './campaign-context';

export interface BranchWork {
  readonly roster: Roster;
  readonly work: BranchWorkState;
}

/** Does this instance belong to the stage now: its own stage's work, or work carried into it at the last transition. */
export const belongsToStage = (instance: TaskInstance, stageId: string): boolean =>
  instance.carriedOverTo === undefined ? instance.stageId === stageId : instance.carriedOverTo === stageId;

/** Pure: the unfinished mandatory instances of `stageId` given each branch's roster and work. */
export function unfinishedInStage(campaign: PlannedCampaign, stageId: string, branches: readonly BranchWork[]): UnfinishedInstance[] {
  return branches.flatMap(({ roster, work }) =>
    expandInstances(campaign, roster, roster.branchId)
      .filter((i) => i.mandatory && belongsToStage(i, stageId) && !isCompleted(work, i.key))
      .map((i) => ({ instanceKey: i.key, taskId: i.taskId, branchId: i.branchId })),
  );
}

/** Branches whose work streams hold the campaign's work: every branch of the unit, plus the unit level when no real office branch keeps it. */
export function workingBranchesOf(campaign: PlannedCampaign, organisation: OrganisationState): string[] {
  const branches = organisation.status === 'registered' ? Object.keys(organisation.branches).sort() : [];
  return campaign.officeBranchId === UNIT_LEVEL_BRANCH_ID ? [UNIT_LEVEL_BRANCH_ID, ...branches] : branches;
}

export interface StageWorkReport {
  readonly stageId: string;
  readonly asOf: IsoDate;
  readonly unfinished: UnfinishedInstance[];
  readonly byBranch: Record<string, number>;
}

@Injectable()
export class StageWork {
  constructor(private readonly context: CampaignContext) {}

  /**
   * Reads the organisation (rosters on `asOf`) and each branch's work stream. Linear in branches: fine for one office
   * (~10 branches); a city-wide unit needs the completion projection instead.
   */
  async unfinished(campaign: PlannedCampaign, stageId: string, asOf: IsoDate): Promise<StageWorkReport> {
    const organisation = await this.context.organisation(campaign.unitId);
    const branchIds = workingBranchesOf(campaign, organisation);
    const branches = await Promise.all(
      branchIds.map(async (branchId): Promise<BranchWork> => ({
        roster: organisation.status === 'registered' ? rosterOn(organisation, branchId, asOf) : { branchId, asOf, members: [], divisions: [] },
        work: await this.context.branchWork(campaign.campaignId, branchId),
      })),
    );
    const unfinished = unfinishedInStage(campaign, stageId, branches);
    const byBranch: Record<string, number> = {};
    for (const u of unfinished) byBranch[u.branchId] = (byBranch[u.branchId] ?? 0) + 1;
    return { stageId, asOf, unfinished, byBranch };
  }
}
