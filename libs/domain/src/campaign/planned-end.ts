// The default end of a campaign planned from a template, shared by every way of planning (API, `ledger template load --plan`).
import { isAfter, weekSunday, type IsoDate } from '../shared/dates';
import type { CampaignTemplate } from '../template/template.types';

/** The last day the template plans for: its stated length, else the latest week or date it mentions; null when it says neither. */
export function plannedEnd(template: CampaignTemplate, startDate: IsoDate): IsoDate | null {
  const weeks = [
    template.weeks ?? 0,
    ...template.stages.map((s) => s.weeks?.to ?? 0),
    ...template.phases.map((p) => p.weeks?.to ?? 0),
    ...template.tasks.map((t) => Math.max(t.weeks?.to ?? 0, t.due.kind === 'week' ? t.due.week : 0)),
  ];
  const lastWeek = Math.max(...weeks);
  let end: IsoDate | null = lastWeek > 0 ? weekSunday(startDate, lastWeek) : null;
  for (const t of template.tasks) if (t.due.kind === 'date' && (end === null || isAfter(t.due.date, end))) end = t.due.date;
  return end;
}
