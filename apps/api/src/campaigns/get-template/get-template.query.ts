import { Query } from '@nestjs/cqrs';
import type { CampaignTemplate } from '@campaign-ledger/domain';
import type { templateSummary } from '../template-problems';

export interface TemplateDetail {
  readonly id: string;
  readonly summary: ReturnType<typeof templateSummary>;
  readonly template: CampaignTemplate;
}

export class GetTemplateQuery extends Query<TemplateDetail> {
  constructor(readonly templateId: string) {
    super();
  }
}
