import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignSummary } from './campaign-catalogue';

export interface CampaignList {
  readonly unitId: string | null;
  readonly count: number;
  readonly campaigns: CampaignSummary[];
}

export class ListCampaignsQuery extends Query<CampaignList> {
  constructor(
    readonly unitId: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
