// Turns a template's week-based plan into concrete dates for one campaign.
import { addDays, isAfter, isWithin, minDate, mondaysBetween, weekMonday, weekSunday, type IsoDate } from '../shared/dates';
import type { CampaignTemplate, TemplateTask, WeekRange } from '../template/template.types';
import type { CampaignPlan, PlannedPhase, PlannedStage, PlannedTask, RecurringWeek } from './campaign.types';

export interface DatedRange {
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

/** Weekly instances: one per week touching `range`, each due on that week's Sunday (never after the campaign's end). */
export function recurringWeeksIn(range: DatedRange, campaignEnd: IsoDate): RecurringWeek[] {
  return mondaysBetween(range.startDate, range.endDate).map((weekOf) => ({ weekOf, dueDate: minDate(addDays(weekOf, 6), campaignEnd) }));
}

export const datesOfWeeks = (start: IsoDate, weeks: WeekRange): DatedRange => ({
  startDate: weekMonday(start, weeks.from),
  endDate: weekSunday(start, weeks.to),
});

const hasDates = (x: { startDate: IsoDate | null; endDate: IsoDate | null } | undefined): x is { startDate: IsoDate; endDate: IsoDate } =>
  !!x && x.startDate !== null && x.endDate !== null;

/** The span a weekly task repeats in: its own weeks, else its stage's, else its phase's, else the whole campaign. */
export function recurrenceSpan(own: DatedRange | null, stage: PlannedStage | undefined, phase: PlannedPhase | undefined, campaign: DatedRange): DatedRange {
  if (own) return own;
  if (hasDates(stage)) return stage;
  if (hasDates(phase)) return phase;
  return campaign;
}

export interface PlanWithProblems {
  readonly plan: CampaignPlan;
  /** Dates of the plan that fall outside the campaign. */
  readonly outside: readonly { item: string; date: IsoDate }[];
}

export function planFromTemplate(template: CampaignTemplate, startDate: IsoDate, endDate: IsoDate): PlanWithProblems {
  const outside: { item: string; date: IsoDate }[] = [];
  const check = (item: string, date: IsoDate | null): void => {
    if (date !== null && !isWithin(date, startDate, endDate)) outside.push({ item, date });
  };
  const campaign = { startDate, endDate };

  const stages: PlannedStage[] = template.stages.map((s) => {
    const dates = s.weeks ? datesOfWeeks(startDate, s.weeks) : null;
    check(`stage ${s.id} end`, dates?.endDate ?? null);
    return { stageId: s.id, order: s.order, name: s.name, code: s.code, startDate: dates?.startDate ?? null, endDate: dates?.endDate ?? null };
  });
  const phases: PlannedPhase[] = template.phases.map((p) => {
    const dates = p.weeks ? datesOfWeeks(startDate, p.weeks) : null;
    check(`phase ${p.id} end`, dates?.endDate ?? null);
    return {
      phaseId: p.id,
      stageId: p.stageId,
      order: p.order,
      name: p.name,
      code: p.code,
      startDate: dates?.startDate ?? null,
      endDate: dates?.endDate ?? null,
    };
  });

  const tasks: PlannedTask[] = template.tasks.map((t: TemplateTask) => {
    const dueDate = t.due.kind === 'week' ? weekSunday(startDate, t.due.week) : t.due.date;
    check(`task ${t.id} due date`, dueDate);
    let recurringWeeks: RecurringWeek[] = [];
    if (t.scope === 'branch_recurring_weekly') {
      const span = recurrenceSpan(
        t.weeks ? datesOfWeeks(startDate, t.weeks) : null,
        stages.find((s) => s.stageId === t.stageId),
        phases.find((p) => p.phaseId === t.phaseId),
        campaign,
      );
      if (isAfter(span.endDate, endDate) && t.weeks) check(`task ${t.id} weeks`, span.endDate);
      recurringWeeks = recurringWeeksIn(span, endDate).filter((w) => !isAfter(w.weekOf, endDate));
    }
    return {
      taskId: t.id,
      title: t.title,
      titleEn: t.titleEn,
      stageId: t.stageId,
      phaseId: t.phaseId,
      trackId: t.trackId,
      scope: t.scope,
      dueDate,
      dueWeek: t.due.kind === 'week' ? t.due.week : null,
      recurringWeeks,
      evidence: [...t.evidence],
      responsible: t.responsible,
      kind: t.kind,
      target: t.quantity?.target ?? null,
      challenge: t.quantity?.challenge ?? null,
      quantityUnit: t.quantity?.unit ?? null,
      mandatory: t.mandatory,
      source: t.source,
    };
  });

  return {
    plan: { stages, phases, tracks: template.tracks.map((t) => ({ trackId: t.id, order: t.order, name: t.name, code: t.code })), tasks },
    outside,
  };
}
