import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { computeDigest, type LedgerManifest } from '@campaign-ledger/audit';
import { formatPosition, type EventStore } from '@campaign-ledger/event-store';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { LogScopes } from '../log-scopes';
import { EVENT_STORE } from '@api/infrastructure/tokens';

export interface DigestView {
  readonly digest: string;
  readonly scope: string;
  /** Position of the last event covered in this store (not part of a v2 digest: a restore changes it). */
  readonly position: string;
  readonly root: string;
  readonly events: number;
  readonly streams: number;
  readonly manifest: LedgerManifest;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetDigestHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
  ) {}

  @Get('digest')
  @Roles('auditor')
  @ApiOperation({ summary: "The digest of your unit's part of the log now (v2:unit.<unitId>:<events>:<root over every hash and recording time>; v2:all:… for an installation administrator) and the manifest behind it" })
  @ApiOkResponse({ description: '{ digest, scope, position, root, events, streams, manifest }' })
  @ApiForbiddenResponse({ description: 'Anyone but an auditor' })
  async digest(@CurrentPrincipal() principal: Principal): Promise<DigestView> {
    const result = await computeDigest(this.store, { scope: this.scopes.of(principal) });
    return {
      digest: result.digest, scope: result.scope, position: formatPosition(result.position), root: result.root,
      events: result.events, streams: result.streams, manifest: result.manifest,
    };
  }
}
