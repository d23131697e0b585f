import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { GetHeatMapQuery } from './get-heat-map.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class GetHeatMapHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('heat-map')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Branch × phase: applicable and done instances' })
  heatMap(@Param('campaignId') campaignId: string) {
    return this.queries.execute(new GetHeatMapQuery(campaignId));
  }
}
