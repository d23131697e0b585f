import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { verifyLog, type VerifyLogReport } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { Roles } from '../../auth/principal';
import { EVENT_STORE } from '../../infrastructure/tokens';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyLogHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  // Reads the whole log in one request: fine for an office's ledger; the `ledger verify` command is for big ones.
  @Get('verify')
  @Roles('auditor', 'administrator')
  @ApiOperation({ summary: "Checks every stream's hash chain and names every broken place" })
  @ApiOkResponse({ description: '{ ok, streams, events, brokenCount, broken: [{ streamId, revision, eventId, position, reason, message }] }' })
  @ApiForbiddenResponse({ description: 'Roles other than auditor and administrator' })
  verify(): Promise<VerifyLogReport> {
    return verifyLog(this.store, undefined, { maxReported: 1000 });
  }
}
