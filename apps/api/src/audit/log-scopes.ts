// The part of the log an account may read (history, verification, digests): the whole log for an installation
// administrator, its own unit's events for everyone else, and one stream only if it is within reach.
import { Injectable } from '@nestjs/common';
import { emptyScope, SHARED_STREAMS, unitScope, type LogScope } from '@campaign-ledger/audit';
import { parseBranchWorkStream, StreamCategories } from '@campaign-ledger/domain';
import { isInstallationAdministrator, mayReachUnit, NotFoundForYou } from '../auth/access-policy';
import { AccountsService } from '../auth/accounts.service';
import type { Principal } from '../auth/principal';
import { CampaignUnits } from '../auth/campaign-units';
import { AUDITOR_READS_STREAM_PREFIX } from '@campaign-ledger/audit';

@Injectable()
export class LogScopes {
  constructor(
    private readonly campaigns: CampaignUnits,
    private readonly accounts: AccountsService,
  ) {}

  /**
   * What history, chain checks and digests cover: undefined for the whole log, else the principal's unit's events
   * (checks link the shared streams' other events without showing them).
   */
  of(principal: Principal): LogScope | undefined {
    if (isInstallationAdministrator(principal)) return undefined;
    return principal.unitId === null ? emptyScope : unitScope(principal.unitId);
  }

  /** A stream of another unit answers as a stream that does not exist. */
  async assertStreamReachable(principal: Principal, streamId: string): Promise<void> {
    if (isInstallationAdministrator(principal) || SHARED_STREAMS.has(streamId)) return;
    const unit = await this.unitOfStream(streamId);
    if (unit === null || !mayReachUnit(principal, unit)) throw NotFoundForYou.thing('stream', '事件流', streamId);
  }

  private async unitOfStream(streamId: string): Promise<string | null> {
    const organisation = `${StreamCategories.organisation}-`;
    if (streamId.startsWith(organisation)) return streamId.slice(organisation.length);
    const campaign = `${StreamCategories.campaign}-`;
    const campaignId = streamId.startsWith(campaign) ? streamId.slice(campaign.length) : parseBranchWorkStream(streamId)?.campaignId;
    if (campaignId) return this.campaigns.unitOf(campaignId);
    if (streamId.startsWith(AUDITOR_READS_STREAM_PREFIX)) {
      return (await this.accounts.findById(streamId.slice(AUDITOR_READS_STREAM_PREFIX.length)))?.unitId ?? null;
    }
    return null;
  }
}
