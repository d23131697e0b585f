import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { GetWeeklyParticipationQuery } from './get-weekly-participation.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class GetWeeklyParticipationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('participation/weekly')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Participation and attendance per week' })
  weekly(@Param('campaignId') campaignId: string) {
    return this.queries.execute(new GetWeeklyParticipationQuery(campaignId));
  }
}
