// What a template amounts to, in a few figures: shown when a template is listed, checked or loaded.
import type { CampaignTemplate } from './template.types';

export function templateSummary(template: CampaignTemplate) {
  return {
    code: template.code,
    name: template.name,
    nameEn: template.nameEn,
    weeks: template.weeks,
    structure: template.stages.length > 0 ? ('stages' as const) : template.tracks.length > 0 ? ('tracks' as const) : ('flat' as const),
    counts: { stages: template.stages.length, phases: template.phases.length, tracks: template.tracks.length, tasks: template.tasks.length },
  };
}

export type TemplateSummary = ReturnType<typeof templateSummary>;
