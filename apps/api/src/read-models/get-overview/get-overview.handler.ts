import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { campaignOverview, type CampaignOverview } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';

export class GetOverviewQuery extends Query<CampaignOverview> {
  constructor(
    readonly campaignId: string,
    readonly options: {
      /** Default: today, from the live read model. */
      readonly asOf?: string;
      readonly amberWithinDays?: number;
    } = {},
  ) {
    super();
  }
}

@QueryHandler(GetOverviewQuery)
export class GetOverviewHandler implements IQueryHandler<GetOverviewQuery, CampaignOverview> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId, options }: GetOverviewQuery): Promise<CampaignOverview> {
    const asOf = options.asOf ?? this.readModels.today();
    return campaignOverview(await this.readModels.sourceAsOf(asOf), campaignId, { asOf, amberWithinDays: options.amberWithinDays });
  }
}
