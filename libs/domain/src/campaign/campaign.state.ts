import type { IsoDate } from '../shared/dates';
import type { CarriedOverInstance, PlannedPhase, PlannedStage, PlannedTask, PlannedTrack } from './campaign.types';

export type StageStatus = 'pending' | 'open' | 'closed';

export interface StageState extends PlannedStage {
  readonly status: StageStatus;
  readonly openedOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  /** Instances this stage handed to the next one when it closed. */
  readonly carriedOver: readonly CarriedOverInstance[];
}

export interface TaskState extends PlannedTask {
  readonly cancelled: boolean;
  readonly cancelReason: string | null;
}

export interface PlannedCampaign {
  readonly status: 'planned' | 'closed';
  readonly campaignId: string;
  readonly unitId: string;
  readonly name: string;
  readonly templateCode: string | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly officeBranchId: string;
  readonly createdBy: string;
  readonly stages: readonly StageState[];
  readonly phases: readonly PlannedPhase[];
  readonly tracks: readonly PlannedTrack[];
  /** Plan order; cancelled tasks stay, flagged. */
  readonly tasks: readonly TaskState[];
  /** Every instance carried over at any stage transition, still visible as such. */
  readonly carriedOver: readonly CarriedOverInstance[];
  readonly closedOn: IsoDate | null;
}

export type CampaignState = { readonly status: 'not_planned' } | PlannedCampaign;

export const initialCampaignState = (): CampaignState => ({ status: 'not_planned' });

export const findTask = (campaign: PlannedCampaign, taskId: string): TaskState | undefined => campaign.tasks.find((t) => t.taskId === taskId);
export const openStageOf = (campaign: PlannedCampaign): StageState | undefined => campaign.stages.find((s) => s.status === 'open');
