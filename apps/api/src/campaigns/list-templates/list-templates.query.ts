import { Query } from '@nestjs/cqrs';
import type { templateSummary } from '../template-problems';
export interface TemplateListItem {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly summary: ReturnType<typeof templateSummary>;
}

export class ListTemplatesQuery extends Query<TemplateListItem[]> {}
