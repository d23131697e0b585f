import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { ListCampaignsQueryDto } from './list-campaigns.dto';
import { ListCampaignsQuery } from './list-campaigns.handler';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class ListCampaignsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "A unit's campaigns, newest first (eventually consistent: a campaign appears once its events are readable from the log)" })
  @ApiOkResponse({ description: '{ unitId, count, campaigns: [{ campaignId, name, status, currentStageId, startDate, endDate }] }' })
  list(@QueryParams() query: ListCampaignsQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListCampaignsQuery(query.unitId, principal));
  }
}
