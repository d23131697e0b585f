import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CampaignContext } from '../campaign-context';
import { campaignView, type CampaignView } from '../campaign-view';
import { GetCampaignQuery } from './get-campaign.query';

/** Folds the campaign stream on every read: a plan is a few dozen events, so no projection is needed for this one. */
@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery, CampaignView> {
  constructor(private readonly context: CampaignContext) {}

  async execute({ campaignId, principal }: GetCampaignQuery): Promise<CampaignView> {
    const { campaign, revision } = await this.context.campaign(campaignId);
    return campaignView(campaign, revision, principal);
  }
}
