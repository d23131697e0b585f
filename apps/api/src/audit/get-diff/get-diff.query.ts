import { Query } from '@nestjs/cqrs';
import type { CampaignDiff } from '@campaign-ledger/audit';

export class GetDiffQuery extends Query<CampaignDiff> {
  constructor(
    readonly campaignId: string,
    /** ISO instants, or office days (YYYY-MM-DD) meaning their end. */
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
