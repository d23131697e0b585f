import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

export class GetCampaignQuery extends Query<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
