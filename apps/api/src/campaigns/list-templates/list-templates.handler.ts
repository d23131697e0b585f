import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { TemplateListItem } from '@campaign-ledger/api-contract';
import { builtinTemplates } from '@campaign-ledger/domain';
import { templateSummary } from '../template-problems';

export class ListTemplatesQuery extends Query<TemplateListItem[]> {}

@QueryHandler(ListTemplatesQuery)
export class ListTemplatesHandler implements IQueryHandler<ListTemplatesQuery, TemplateListItem[]> {
  async execute(): Promise<TemplateListItem[]> {
    return builtinTemplates.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, summary: templateSummary(t.load()) }));
  }
}
