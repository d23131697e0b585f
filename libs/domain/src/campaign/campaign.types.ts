import type { IsoDate } from '../shared/dates';
import type { TaskKind, TaskScope } from '../template/template.types';

export interface PlannedStage {
  readonly stageId: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
}

export interface PlannedPhase {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
}

export interface PlannedTrack {
  readonly trackId: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
}

/** One week of a `branch_recurring_weekly` task: the week's Monday and the day its instance is due (that Sunday, or the campaign's end). */
export interface RecurringWeek {
  readonly weekOf: IsoDate;
  readonly dueDate: IsoDate;
}

export interface PlannedTask {
  readonly taskId: string;
  readonly title: string;
  readonly titleEn: string | null;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly scope: TaskScope;
  readonly dueDate: IsoDate;
  readonly dueWeek: number | null;
  /** Empty unless scope is `branch_recurring_weekly`. */
  readonly recurringWeeks: readonly RecurringWeek[];
  readonly evidence: readonly string[];
  readonly responsible: string | null;
  readonly kind: TaskKind;
  readonly target: number | null;
  readonly challenge: number | null;
  readonly quantityUnit: string | null;
  readonly mandatory: boolean;
  readonly source: string | null;
}

export interface CampaignPlan {
  readonly stages: readonly PlannedStage[];
  readonly phases: readonly PlannedPhase[];
  readonly tracks: readonly PlannedTrack[];
  readonly tasks: readonly PlannedTask[];
}

/** An unfinished mandatory task instance, as the application computed it from branch-work state. */
export interface UnfinishedInstance {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly branchId: string;
}

export interface CarriedOverInstance extends UnfinishedInstance {
  readonly fromStageId: string;
  /** The next stage, or null when the last stage closed with work outstanding. */
  readonly toStageId: string | null;
}
