// Campaigns, their plan and stages, templates, and a branch's task instances (/api/campaigns, /api/templates).
import type { CampaignTemplate, CarriedOverInstance, IsoDate, PlannedCampaign, StageState, TaskInstance, TemplateSummary } from '@campaign-ledger/domain';

/** A campaign in the list: the planned campaign's identity, dates and status, and its open stage. */
export interface CampaignSummary extends Pick<
  PlannedCampaign,
  'campaignId' | 'unitId' | 'name' | 'templateCode' | 'startDate' | 'endDate' | 'status' | 'closedOn'
> {
  readonly currentStageId: string | null;
}

/** GET /api/campaigns[?unitId=]: newest first. */
export interface CampaignList {
  readonly unitId: string | null;
  readonly count: number;
  readonly campaigns: CampaignSummary[];
}

export interface StageView extends Omit<StageState, 'carriedOver'> {
  readonly carriedOverCount: number;
}

export interface CarriedOverView extends CarriedOverInstance {
  readonly taskTitle: string | null;
}

/**
 * GET /api/campaigns/:id, and the answer of every plan change: the planned campaign as the domain folds it (phases,
 * tracks and tasks in plan order, cancelled tasks flagged), stage statuses with counts, and the revision (ETag).
 */
export interface CampaignView extends Omit<PlannedCampaign, 'stages' | 'carriedOver'> {
  readonly revision: number;
  /** What plan changes send back as If-Match. */
  readonly etag: string;
  readonly currentStageId: string | null;
  readonly counts: {
    readonly stages: number;
    readonly phases: number;
    readonly tracks: number;
    readonly tasks: number;
    readonly activeTasks: number;
    readonly cancelledTasks: number;
    readonly carriedOver: number;
  };
  readonly stages: readonly StageView[];
  /** A secretary sees only their own branch's. */
  readonly carriedOver: readonly CarriedOverView[];
}

/** GET /api/templates: a built-in template with its size. */
export interface TemplateListItem {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly summary: TemplateSummary;
}

/** GET /api/templates/:templateId: a built-in template, whole, with its size. */
export interface TemplateDetail {
  readonly id: string;
  readonly summary: TemplateSummary;
  readonly template: CampaignTemplate;
}

/** POST /api/templates/validate: a valid template's size (an invalid one is a 400 naming every problem). */
export interface TemplateValidation {
  readonly valid: true;
  readonly summary: TemplateSummary;
}

/** POST /api/campaigns (leading group): from a built-in template (templateId) or your own (template). */
export interface PlanCampaignBody {
  /** Chosen by the client for a safe retry; generated when left out. */
  readonly campaignId?: string;
  readonly unitId: string;
  readonly name: string;
  readonly templateId?: string;
  readonly template?: Record<string, unknown>;
  /** Monday of week 1. */
  readonly startDate: IsoDate;
  /** Defaults to the Sunday of the last week the template plans. */
  readonly endDate?: IsoDate;
  /** The branch that keeps unit- and division-level work; left out: the unit level. */
  readonly officeBranchId?: string;
}

/** POST /api/campaigns/:id/stages/:stageId/close. */
export interface CloseStageBody {
  /** Close even with unfinished mandatory work, carrying it into the next stage (结转). */
  readonly carryOver: boolean;
  readonly reason?: string;
}

/** GET /api/campaigns/:id/stages/:stageId/unfinished: what would hold the stage transition back today. */
export interface StageUnfinishedView {
  readonly campaignId: string;
  readonly stageId: string;
  readonly asOf: IsoDate;
  readonly count: number;
  readonly byBranch: Record<string, number>;
  readonly instances: { instanceKey: string; taskId: string; taskTitle: string | null; branchId: string }[];
}

export type InstanceStatus = 'open' | 'completed' | 'carried_over' | 'cancelled';

export interface BranchInstanceView extends Omit<TaskInstance, 'carriedOverTo'> {
  readonly title: string;
  readonly status: InstanceStatus;
  readonly overdue: boolean;
  readonly completedOn: IsoDate | null;
  /** The stage the instance was carried into (null: past the last stage); null when never carried over. */
  readonly carriedOverTo: string | null;
  /** Times the instance was reopened after a completion (each with a reason in the branch's history). */
  readonly reopenCount: number;
}

/** GET /api/campaigns/:id/instances?branchId=: a branch's task instances today, read from the streams. */
export interface BranchInstances {
  readonly campaignId: string;
  readonly branchId: string;
  readonly asOf: IsoDate;
  readonly counts: Record<InstanceStatus | 'total' | 'overdue', number>;
  readonly instances: BranchInstanceView[];
}
