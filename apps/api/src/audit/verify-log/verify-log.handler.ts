import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { verifyAgainstDigest, verifyLog, type DigestCheck, type VerifyLogReport } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import type { Principal } from '@api/auth/principal';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { LogScopes } from '../log-scopes';

export type VerifyLogAnswer = VerifyLogReport | DigestCheck;

/** Broken places named in one answer at most. */
const MAX_REPORTED = 1000;

export class VerifyLogQuery extends Query<VerifyLogAnswer> {
  constructor(
    readonly principal: Principal,
    /** A digest written down earlier: also proves the log up to it is unchanged. Empty or left out: the chains only. */
    readonly against?: string,
  ) {
    super();
  }
}

/** Reads the whole log in one request: fine for an office's ledger; the `ledger verify` command is for big ones. */
@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, VerifyLogAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
  ) {}

  execute({ principal, against }: VerifyLogQuery): Promise<VerifyLogAnswer> {
    // Your unit's streams only (every stream for an installation administrator): a scope is learnt afresh per read.
    const digest = against?.trim() ?? '';
    if (digest === '') return verifyLog(this.store, undefined, { maxReported: MAX_REPORTED, scope: this.scopes.of(principal) });
    return verifyAgainstDigest(this.store, digest, { maxReported: MAX_REPORTED, scope: this.scopes.of(principal) });
  }
}
