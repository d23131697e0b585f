import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertSameUnit } from '../campaign-context';
import { CampaignCatalogue } from './campaign-catalogue';
import { ListCampaignsQuery, type CampaignList } from './list-campaigns.query';

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery, CampaignList> {
  constructor(private readonly catalogue: CampaignCatalogue) {}

  async execute({ unitId, principal }: ListCampaignsQuery): Promise<CampaignList> {
    const unit = unitId ?? principal.unitId ?? null;
    if (unit !== null) assertSameUnit(principal, unit);
    const all = [...(await this.catalogue.current()).values()];
    const campaigns = all
      .filter((c) => unit === null || c.unitId === unit)
      .sort((a, b) => (a.startDate === b.startDate ? a.campaignId.localeCompare(b.campaignId) : b.startDate.localeCompare(a.startDate)));
    return { unitId: unit, count: campaigns.length, campaigns };
  }
}
