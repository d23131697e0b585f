// Runs one command on a campaign stream for the use-case handlers: decide and append (the UnitScopeGuard checked the unit).
import { Injectable } from '@nestjs/common';
import { campaignDecider, campaignStream, CampaignNotFound, type CampaignCommand } from '@campaign-ledger/domain';
import type { Principal } from '../auth/principal';
import { AggregateStore } from '../infrastructure/event-sourcing/aggregate-store';
import { metadataFor } from './campaign-context';
import { campaignView, type CampaignView } from './campaign-view';

export interface WriteOptions {
  /** The revision the client saw (If-Match); a stream found elsewhere raises ConcurrencyError. Omitted: retry on conflict. */
  readonly expectedRevision?: number;
  readonly reason?: string | null;
  readonly correlationId?: string;
}

@Injectable()
export class CampaignWriter {
  constructor(private readonly aggregates: AggregateStore) {}

  async write(campaignId: string, command: CampaignCommand, principal: Principal, options: WriteOptions = {}): Promise<CampaignView> {
    const result = await this.aggregates.handle(campaignStream(campaignId), campaignDecider, command, () => undefined, {
      metadata: metadataFor(principal, options.reason, options.correlationId),
      expectedRevision: options.expectedRevision,
    });
    if (result.state.status === 'not_planned') throw CampaignNotFound.notPlanned();
    return campaignView(result.state, result.revision, principal);
  }
}
