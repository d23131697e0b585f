import { Query } from '@nestjs/cqrs';
import type { templateSummary } from '../template-problems';

export interface TemplateValidation {
  readonly valid: true;
  readonly summary: ReturnType<typeof templateSummary>;
}

/** Checking a template writes nothing, so it is a query even though the template arrives in a POST body. */
export class ValidateTemplateQuery extends Query<TemplateValidation> {
  constructor(readonly json: unknown) {
    super();
  }
}
