import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HistoryPage } from '@campaign-ledger/audit';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { GetHistoryQuery } from './get-history.handler';
import { GetHistoryQueryDto } from './get-history.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('history')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: 'Every event of a stream, a campaign, a branch or a member of your unit: actor, role, times, reason, evidence hashes' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total, pages }, oldest first' })
  @ApiBadRequestResponse({ description: 'branchId without campaignId, or a date that is not a day or ISO date-time' })
  @ApiNotFoundResponse({ description: 'A stream of another unit (or none at all)' })
  @ApiForbiddenResponse({ description: 'Secretaries' })
  history(@Query() query: GetHistoryQueryDto, @CurrentPrincipal() principal: Principal): Promise<HistoryPage> {
    return this.queries.execute(new GetHistoryQuery(query, principal));
  }
}
