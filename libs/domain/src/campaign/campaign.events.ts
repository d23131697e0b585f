import type { IsoDate } from '../shared/dates';
import type { CampaignPlan, CarriedOverInstance, PlannedTask } from './campaign.types';

export const CampaignEventTypes = {
  CampaignPlanned: 'CampaignPlanned',
  TaskAdded: 'TaskAdded',
  TaskDeadlineMoved: 'TaskDeadlineMoved',
  TaskCancelled: 'TaskCancelled',
  StageOpened: 'StageOpened',
  StageClosed: 'StageClosed',
  CampaignClosed: 'CampaignClosed',
} as const;

export type CampaignPlanned = {
  type: 'CampaignPlanned';
  data: {
    campaignId: string;
    unitId: string;
    name: string;
    templateCode: string | null;
    startDate: IsoDate;
    endDate: IsoDate;
    officeBranchId: string;
    createdBy: string;
    plan: CampaignPlan;
  };
};
export type TaskAdded = { type: 'TaskAdded'; data: { campaignId: string; task: PlannedTask; reason: string; by: string } };
export type TaskDeadlineMoved = {
  type: 'TaskDeadlineMoved';
  data: { campaignId: string; taskId: string; stageId: string | null; previousDueDate: IsoDate; dueDate: IsoDate; reason: string; by: string };
};
export type TaskCancelled = { type: 'TaskCancelled'; data: { campaignId: string; taskId: string; stageId: string | null; reason: string; by: string } };
export type StageOpened = { type: 'StageOpened'; data: { campaignId: string; stageId: string; order: number; openedOn: IsoDate; by: string } };
export type StageClosed = {
  type: 'StageClosed';
  data: {
    campaignId: string;
    stageId: string;
    order: number;
    closedOn: IsoDate;
    by: string;
    note: string | null;
    carriedOver: CarriedOverInstance[];
  };
};
export type CampaignClosed = { type: 'CampaignClosed'; data: { campaignId: string; closedOn: IsoDate; by: string; note: string | null } };

export type CampaignEvent = CampaignPlanned | TaskAdded | TaskDeadlineMoved | TaskCancelled | StageOpened | StageClosed | CampaignClosed;
