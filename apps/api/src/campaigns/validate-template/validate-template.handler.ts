import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { TemplateValidation } from '@campaign-ledger/api-contract';
import { parseTemplate } from '@campaign-ledger/domain';
import { TemplateInvalid, templateSummary } from '../template-problems';

/** Checking a template writes nothing, so it is a query even though the template arrives in a POST body. */
export class ValidateTemplateQuery extends Query<TemplateValidation> {
  constructor(readonly json: unknown) {
    super();
  }
}

@QueryHandler(ValidateTemplateQuery)
export class ValidateTemplateHandler implements IQueryHandler<ValidateTemplateQuery, TemplateValidation> {
  async execute({ json }: ValidateTemplateQuery): Promise<TemplateValidation> {
    const result = parseTemplate(json);
    if (!result.ok) throw TemplateInvalid.because(result.errors);
    return { valid: true, summary: templateSummary(result.template) };
  }
}
