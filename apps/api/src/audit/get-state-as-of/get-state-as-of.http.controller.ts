import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { StateAsOf } from '@campaign-ledger/audit';
import { Roles } from '@api/auth/principal';
import { GetStateAsOfQuery } from './get-state-as-of.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('campaigns')
export class GetStateAsOfHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId/as-of')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: 'The figures the read models showed at a moment (overview, participation, overdue, ranking), replayed from the log' })
  @ApiQuery({
    name: 'at',
    required: true,
    description: 'ISO instant with its time zone (2024-03-07T10:00:00Z), or YYYY-MM-DD meaning the end of that office day',
  })
  @ApiOkResponse({ description: '{ campaignId, at, officeDate, position, eventsRead, eventsReplayed, overview, participation, overdue, ranking }' })
  @ApiBadRequestResponse({ description: '"at" is missing or is neither a day nor an ISO instant with a time zone' })
  @ApiNotFoundResponse({ description: 'No such campaign, or it was planned after that moment' })
  @ApiForbiddenResponse({ description: 'Secretaries' })
  async asOf(@Param('campaignId') campaignId: string, @Query('at') at?: string): Promise<StateAsOf> {
    return this.queries.execute(new GetStateAsOfQuery(campaignId, at ?? ''));
  }
}
