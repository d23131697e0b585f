import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { verifyAgainstDigest, verifyLog, type DigestCheck, type VerifyLogReport } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { LogScopes } from '../log-scopes';
import { EVENT_STORE } from '@api/infrastructure/tokens';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyLogHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
  ) {}

  // Reads the whole log in one request: fine for an office's ledger; the `ledger verify` command is for big ones.
  @Get('verify')
  @Roles('auditor', 'administrator')
  @ApiOperation({ summary: "Checks every stream's hash chain and names every broken place" })
  @ApiOkResponse({ description: '{ ok, streams, events, brokenCount, broken: [{ streamId, revision, eventId, position, reason, message }] }; with `against`, a DigestCheck { ok, rootMatches, eventsSince, verify, message }' })
  @ApiQuery({ name: 'against', required: false, description: 'A digest written down earlier (v2:all:<events>:<root>, or an older v1:<commit>/<prepare>:<root>): also proves the log up to it is unchanged' })
  @ApiForbiddenResponse({ description: 'Roles other than auditor and administrator' })
  async verify(@CurrentPrincipal() principal: Principal, @Query('against') against?: string): Promise<VerifyLogReport | DigestCheck> {
    // Your unit's streams only (every stream for an installation administrator): a scope is learnt afresh per read.
    if (against === undefined || against.trim() === '') return verifyLog(this.store, undefined, { maxReported: 1000, scope: this.scopes.of(principal) });
    return verifyAgainstDigest(this.store, against.trim(), { maxReported: 1000, scope: this.scopes.of(principal) });
  }
}
