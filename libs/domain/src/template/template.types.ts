import type { IsoDate } from '../shared/dates';

export const TASK_SCOPES = ['unit', 'branch', 'member', 'leader', 'division', 'branch_recurring_weekly'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

export const TASK_KINDS = ['checklist', 'quantity'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Inclusive campaign-week range, week 1 starting on the campaign's start Monday. */
export interface WeekRange {
  readonly from: number;
  readonly to: number;
}

export type TaskDue = { readonly kind: 'week'; readonly week: number } | { readonly kind: 'date'; readonly date: IsoDate };

export interface TemplateStage {
  readonly id: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly weeks: WeekRange | null;
}

export interface TemplatePhase {
  readonly id: string;
  readonly stageId: string | null;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly weeks: WeekRange | null;
}

export interface TemplateTrack {
  readonly id: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
}

export type TaskQuantity = { readonly target: number; readonly challenge: number | null; readonly unit: string | null };

export interface TemplateTask {
  readonly id: string;
  readonly title: string;
  readonly titleEn: string | null;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly scope: TaskScope;
  readonly due: TaskDue;
  /** For `branch_recurring_weekly`: weeks to repeat in, overriding the stage's (then phase's) weeks. */
  readonly weeks: WeekRange | null;
  readonly evidence: readonly string[];
  readonly responsible: string | null;
  readonly kind: TaskKind;
  /** Present exactly when kind is `quantity`. */
  readonly quantity: TaskQuantity | null;
  readonly mandatory: boolean;
  readonly source: string | null;
}

/** A campaign plan template, validated and normalised: every reference resolves, ids are unique, lists are ordered. */
export interface CampaignTemplate {
  readonly code: string | null;
  readonly name: string;
  readonly nameEn: string | null;
  /** Campaign length in weeks when the template says so. */
  readonly weeks: number | null;
  readonly stages: readonly TemplateStage[];
  readonly phases: readonly TemplatePhase[];
  readonly tracks: readonly TemplateTrack[];
  readonly tasks: readonly TemplateTask[];
}

export interface TemplateError {
  /** JSON path of the offending value, e.g. `tasks[3].scope`. */
  readonly path: string;
  readonly message: string;
}

export type ParseTemplateResult =
  { readonly ok: true; readonly template: CampaignTemplate } | { readonly ok: false; readonly errors: readonly TemplateError[] };

export const formatTemplateError = (error: TemplateError): string => `${error.path}: ${error.message}`;
