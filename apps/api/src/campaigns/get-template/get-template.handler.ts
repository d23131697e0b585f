import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { TemplateDetail } from '@campaign-ledger/api-contract';
import { builtinTemplates, DomainError, type DomainErrorKind, findBuiltinTemplate } from '@campaign-ledger/domain';
import { templateSummary } from '../template-problems';

export class GetTemplateQuery extends Query<TemplateDetail> {
  constructor(readonly templateId: string) {
    super();
  }
}

/** No built-in template has this id. */
export class TemplateNotFound extends DomainError {
  static readonly code = 'TEMPLATE.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(templateId: string): TemplateNotFound {
    return new TemplateNotFound(
      `there is no built-in template "${templateId}"; pick one of: ${builtinTemplates.map((t) => t.id).join(', ')} (GET /api/templates), or send your own template`,
      `没有内置模板“${templateId}”，请从 GET /api/templates 中选择，或上传自己的模板`,
      { templateId },
    );
  }
}

@QueryHandler(GetTemplateQuery)
export class GetTemplateHandler implements IQueryHandler<GetTemplateQuery, TemplateDetail> {
  async execute({ templateId }: GetTemplateQuery): Promise<TemplateDetail> {
    const builtin = findBuiltinTemplate(templateId);
    if (!builtin) throw TemplateNotFound.withId(templateId);
    const template = builtin.load();
    return { id: builtin.id, summary: templateSummary(template), template };
  }
}
