// Template answers shared by the template routes and planning: a summary of a valid template, a 400 listing every problem with its JSON path.
import { BadRequestException, HttpStatus } from '@nestjs/common';
import type { CampaignTemplate, TemplateError } from '@campaign-ledger/domain';

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

export class TemplateInvalid extends BadRequestException {
  /** `prefix` places the paths inside the request body (e.g. `template` when the template is one field of it). */
  constructor(errors: readonly TemplateError[], prefix = '') {
    const at = (path: string) => (prefix ? (path === '$' ? prefix : `${prefix}.${path}`) : path);
    const located = errors.map((e) => ({ path: at(e.path), message: e.message }));
    super({
      statusCode: HttpStatus.BAD_REQUEST,
      error: 'TEMPLATE.INVALID',
      message: `the template has ${located.length} problem(s): ${located.slice(0, 10).map((e) => `${e.path}: ${e.message}`).join('; ')}${located.length > 10 ? '; …' : ''}`,
      messageZh: `模板有 ${located.length} 处错误，请按路径逐项更正`,
      details: { errors: located },
      fieldErrors: located.map((e) => ({ field: e.path, messages: [e.message] })),
    });
  }
}
