import type { IsoDate } from '../shared/dates';
import type { CampaignTemplate, TaskKind, TaskScope, WeekRange } from '../template/template.types';
import type { UnfinishedInstance } from './campaign.types';

export type PlanCampaign = {
  type: 'PlanCampaign';
  data: {
    campaignId: string;
    name: string;
    unitId: string;
    template: CampaignTemplate;
    /** Monday of week 1. */
    startDate: IsoDate;
    endDate: IsoDate;
    createdBy: string;
    /** Branch whose stream keeps unit- and division-scope work; defaults to UNIT_LEVEL_BRANCH_ID. */
    officeBranchId?: string | null;
  };
};

export interface NewTask {
  taskId: string;
  title: string;
  titleEn?: string | null;
  stageId?: string | null;
  phaseId?: string | null;
  trackId?: string | null;
  scope: TaskScope;
  dueDate: IsoDate;
  /** For `branch_recurring_weekly`: campaign weeks to repeat in (default: the stage's, then the phase's, then the whole campaign). */
  weeks?: WeekRange | null;
  evidence?: readonly string[];
  responsible?: string | null;
  kind?: TaskKind;
  target?: number | null;
  challenge?: number | null;
  quantityUnit?: string | null;
  mandatory?: boolean;
}

export type AddTask = { type: 'AddTask'; data: { task: NewTask; reason: string; by: string } };
export type MoveTaskDeadline = { type: 'MoveTaskDeadline'; data: { taskId: string; dueDate: IsoDate; reason: string; by: string } };
export type CancelTask = { type: 'CancelTask'; data: { taskId: string; reason: string; by: string } };
export type OpenStage = { type: 'OpenStage'; data: { stageId: string; on: IsoDate; by: string } };
export type CloseStage = {
  type: 'CloseStage';
  data: {
    stageId: string;
    on: IsoDate;
    by: string;
    /** Unfinished mandatory instances of the stage, computed by the application from branch-work state. */
    unfinished: readonly UnfinishedInstance[];
    /** Close anyway and carry the unfinished instances into the next stage. */
    carryOver: boolean;
    note?: string | null;
  };
};
export type CloseCampaign = { type: 'CloseCampaign'; data: { on: IsoDate; by: string; note?: string | null } };

export type CampaignCommand = PlanCampaign | AddTask | MoveTaskDeadline | CancelTask | OpenStage | CloseStage | CloseCampaign;
