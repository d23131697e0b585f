import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  BranchNotFound,
  branchWorkStream,
  campaignDecider,
  CampaignNotFound,
  campaignStream,
  organisationDecider,
  organisationStream,
  UNIT_LEVEL_BRANCH_ID,
} from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { type BranchWorkView, foldBranchWorkView } from './branch-work.view';
import type { Principal } from '@api/auth/principal';

export class GetBranchWorkQuery extends Query<BranchWorkView> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
  ) {
    super();
  }
}

@QueryHandler(GetBranchWorkQuery)
export class GetBranchWorkHandler implements IQueryHandler<GetBranchWorkQuery, BranchWorkView> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ campaignId, branchId }: GetBranchWorkQuery): Promise<BranchWorkView> {
    const streamId = branchWorkStream(campaignId, branchId);
    const { state: plan } = await this.aggregates.load(campaignStream(campaignId), campaignDecider);
    if (plan.status === 'not_planned') throw CampaignNotFound.notPlanned();
    if (branchId !== UNIT_LEVEL_BRANCH_ID && branchId !== plan.officeBranchId) {
      const { state: organisation } = await this.aggregates.load(organisationStream(plan.unitId), organisationDecider);
      if (organisation.status !== 'registered' || !organisation.branches[branchId]) throw BranchNotFound.withId(branchId);
    }
    // Read straight from the stream: one branch's work is small, and this answer is never behind a write.
    return foldBranchWorkView(campaignId, branchId, await this.store.readStream(streamId));
  }
}
