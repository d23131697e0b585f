import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { ListOverdueQueryDto } from './list-overdue.dto';
import { ListOverdueQuery } from './list-overdue.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class ListOverdueHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('overdue')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Overdue (red) and due-soon (amber) instances, most overdue first' })
  overdue(@Param('campaignId') campaignId: string, @QueryParams() query: ListOverdueQueryDto) {
    return this.queries.execute(new ListOverdueQuery(campaignId, { asOf: query.asOf, amberWithinDays: query.amberDays, limit: query.limit }));
  }
}
