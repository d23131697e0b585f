import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseTemplate } from '@campaign-ledger/domain';
import { TemplateInvalid, templateSummary } from '../template-problems';
import { ValidateTemplateQuery, type TemplateValidation } from './validate-template.query';

@QueryHandler(ValidateTemplateQuery)
export class ValidateTemplateHandler implements IQueryHandler<ValidateTemplateQuery, TemplateValidation> {
  async execute({ json }: ValidateTemplateQuery): Promise<TemplateValidation> {
    const result = parseTemplate(json);
    if (!result.ok) throw new TemplateInvalid(result.errors);
    return { valid: true, summary: templateSummary(result.template) };
  }
}
