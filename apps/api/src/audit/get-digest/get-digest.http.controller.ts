import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { computeDigest, type LedgerManifest } from '@campaign-ledger/audit';
import { formatPosition, type EventStore } from '@campaign-ledger/event-store';
import { Roles } from '../../auth/principal';
import { EVENT_STORE } from '../../infrastructure/tokens';

export interface DigestView {
  readonly digest: string;
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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('digest')
  @Roles('auditor')
  @ApiOperation({ summary: 'The digest of the log now (v1:<commit>/<prepare>:<root>) and the manifest of stream heads behind it' })
  @ApiOkResponse({ description: '{ digest, position, root, events, streams, manifest }' })
  @ApiForbiddenResponse({ description: 'Anyone but an auditor' })
  async digest(): Promise<DigestView> {
    const result = await computeDigest(this.store);
    return {
      digest: result.digest, position: formatPosition(result.position), root: result.root,
      events: result.events, streams: result.streams, manifest: result.manifest,
    };
  }
}
