import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { diffBetween, type CampaignDiff } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { GetDiffQuery } from './get-diff.query';

@QueryHandler(GetDiffQuery)
export class GetDiffHandler implements IQueryHandler<GetDiffQuery, CampaignDiff> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ campaignId, from, to }: GetDiffQuery): Promise<CampaignDiff> {
    return diffBetween(this.store, campaignId, from, to);
  }
}
