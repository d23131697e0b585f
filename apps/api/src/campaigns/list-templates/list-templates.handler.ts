import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { builtinTemplates } from '@campaign-ledger/domain';
import { templateSummary } from '../template-problems';
import { ListTemplatesQuery, type TemplateListItem } from './list-templates.query';

@QueryHandler(ListTemplatesQuery)
export class ListTemplatesHandler implements IQueryHandler<ListTemplatesQuery, TemplateListItem[]> {
  async execute(): Promise<TemplateListItem[]> {
    return builtinTemplates.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, summary: templateSummary(t.load()) }));
  }
}
