import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CampaignDiff, diffBetween } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';

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

@QueryHandler(GetDiffQuery)
export class GetDiffHandler implements IQueryHandler<GetDiffQuery, CampaignDiff> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ campaignId, from, to }: GetDiffQuery): Promise<CampaignDiff> {
    return diffBetween(this.store, campaignId, from, to);
  }
}
