// What every campaign use case needs besides its decider: the stream states it reads and today's date.
import { Inject, Injectable } from '@nestjs/common';
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  CampaignNotFound,
  organisationDecider,
  organisationStream,
  type BranchWorkState,
  type IsoDate,
  type OrganisationState,
  type PlannedCampaign,
} from '@campaign-ledger/domain';
import type { Clock, MetadataInput } from '@campaign-ledger/event-store';
import { actorOf, type Principal } from '../auth/principal';
import { AggregateStore } from '../infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '../infrastructure/tokens';

// The campaign calendar is the office's: a stage closed at 01:00 in Wuhan is closed that day, not the day before.
import { officeToday as todayOn } from '../infrastructure/office-today';

export { todayOn };

export interface LoadedCampaign {
  readonly campaign: PlannedCampaign;
  readonly revision: number;
}

export function metadataFor(principal: Principal, reason?: string | null, correlationId?: string): MetadataInput {
  return { actor: actorOf(principal), ...(reason ? { reason } : {}), ...(correlationId ? { correlationId } : {}) };
}

@Injectable()
export class CampaignContext {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return todayOn(this.clock);
  }

  /** The campaign's current state, or 404 when it was never planned. */
  async campaign(campaignId: string): Promise<LoadedCampaign> {
    const loaded = await this.aggregates.load(campaignStream(campaignId), campaignDecider);
    if (loaded.state.status === 'not_planned') throw CampaignNotFound.notPlanned();
    return { campaign: loaded.state, revision: loaded.revision };
  }

  async organisation(unitId: string): Promise<OrganisationState> {
    return (await this.aggregates.load(organisationStream(unitId), organisationDecider)).state;
  }

  async branchWork(campaignId: string, branchId: string): Promise<BranchWorkState> {
    return (await this.aggregates.load(branchWorkStream(campaignId, branchId), branchWorkDecider)).state;
  }
}
