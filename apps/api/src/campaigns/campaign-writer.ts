// Runs one command on a campaign stream for the use-case handlers through the aggregate store (the UnitScopeGuard
// checked the unit): the stream, the decider, who did it and why, and what a stale If-Match is called.
import { Injectable } from '@nestjs/common';
import {
  campaignDecider,
  campaignStream,
  CampaignNotFound,
  DomainError,
  type CampaignCommand,
  type CampaignState,
  type DomainErrorKind,
} from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';
import { AggregateStore, type Loaded } from '@api/infrastructure/event-sourcing/aggregate-store';
import { etagOf } from '@api/infrastructure/http/if-match';
import { metadataFor } from './campaign-context';
import { campaignView, type CampaignView } from './campaign-view';

export interface WriteOptions {
  /** The revision the client saw (If-Match): a plan found elsewhere is refused (412). Omitted: retried on conflict. */
  readonly expectedRevision?: number;
  readonly reason?: string | null;
  readonly correlationId?: string;
}

/** The plan changed since the revision the client sent in If-Match. */
export class CampaignChangedSince extends DomainError {
  static readonly code = 'PRECONDITION.ETAG_MISMATCH';
  static readonly kind: DomainErrorKind = 'precondition';
  static revision(campaignId: string, sentRevision: number, currentRevision: number): CampaignChangedSince {
    const sent = etagOf(sentRevision);
    const current = etagOf(currentRevision);
    return new CampaignChangedSince(
      `the campaign changed since you read it: you sent If-Match ${sent} but the current ETag is ${current}; GET /api/campaigns/${campaignId} again, check the plan, and resend with If-Match: ${current}`,
      `活动计划已被修改：您发送的 If-Match 为 ${sent}，当前 ETag 为 ${current}；请重新读取计划、确认后以 If-Match: ${current} 重新提交`,
      { campaignId, sent, currentETag: current, currentRevision },
    );
  }
}

@Injectable()
export class CampaignWriter {
  constructor(private readonly aggregates: AggregateStore) {}

  /** `command` may be made from the plan it is decided on (closing a stage lists the work that plan leaves open). */
  async write(
    campaignId: string,
    command: CampaignCommand | ((loaded: Loaded<CampaignState>) => Promise<CampaignCommand>),
    principal: Principal,
    options: WriteOptions = {},
  ): Promise<CampaignView> {
    const { expectedRevision } = options;
    const result = await this.aggregates.handle(campaignStream(campaignId), campaignDecider, command, () => undefined, {
      metadata: metadataFor(principal, options.reason, options.correlationId),
      expectedRevision,
      staleRevision: (actual) =>
        actual === 'no_stream' || expectedRevision === undefined
          ? CampaignNotFound.notPlanned()
          : CampaignChangedSince.revision(campaignId, expectedRevision, actual),
    });
    if (result.state.status === 'not_planned') throw CampaignNotFound.notPlanned();
    return campaignView(result.state, result.revision, principal);
  }
}
