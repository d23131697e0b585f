import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { AsOfQueryDto } from '../shared/read-model-query.dto';
import { GetOverviewQuery } from './get-overview.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class GetOverviewHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('overview')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Progress per stage, phase and campaign (applicable / done / overdue), half-year check, participation' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; an earlier day replays the log as recorded by then' })
  @ApiQuery({ name: 'amberDays', required: false })
  overview(@Param('campaignId') campaignId: string, @QueryParams() query: AsOfQueryDto) {
    return this.queries.execute(new GetOverviewQuery(campaignId, { asOf: query.asOf, amberWithinDays: query.amberDays }));
  }
}
