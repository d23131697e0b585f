import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CampaignContext } from '../campaign-context';
import { campaignView, type CampaignView } from '../campaign-view';
import type { Principal } from '@api/auth/principal';

export class GetCampaignQuery extends Query<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Folds the campaign stream on every read: a plan is a few dozen events, so no projection is needed for this one. */
@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery, CampaignView> {
  constructor(private readonly context: CampaignContext) {}

  async execute({ campaignId, principal }: GetCampaignQuery): Promise<CampaignView> {
    const { campaign, revision } = await this.context.campaign(campaignId);
    return campaignView(campaign, revision, principal);
  }
}
