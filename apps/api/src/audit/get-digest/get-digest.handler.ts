import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { DigestView } from '@campaign-ledger/api-contract';
import { computeDigest } from '@campaign-ledger/audit';
import { formatPosition, type EventStore } from '@campaign-ledger/event-store';
import type { Principal } from '@api/auth/principal';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { LogScopes } from '../log-scopes';

// What GET /api/audit/digest answers is the contract's: declared once, there.
export type { DigestView };

export class GetDigestQuery extends Query<DigestView> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/** The digest of the principal's part of the log now: their unit's events (the whole log for an installation administrator). */
@QueryHandler(GetDigestQuery)
export class GetDigestHandler implements IQueryHandler<GetDigestQuery, DigestView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
  ) {}

  async execute({ principal }: GetDigestQuery): Promise<DigestView> {
    const result = await computeDigest(this.store, { scope: this.scopes.of(principal) });
    return {
      digest: result.digest,
      scope: result.scope,
      position: formatPosition(result.position),
      root: result.root,
      events: result.events,
      streams: result.streams,
      manifest: result.manifest,
    };
  }
}
