import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { AsOfQueryDto } from '../shared/read-model-query.dto';
import { GetBranchDashboardQuery } from './get-branch-dashboard.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class GetBranchDashboardHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('branches/:branchId/dashboard')
  @Roles(...WATCHERS, 'secretary')
  @ApiOperation({
    summary:
      "One branch's page in one answer: completion per phase, its instances with due dates and colours, study sessions with every member's mark, participation, the three ones with their titles",
  })
  @ApiOkResponse({ description: 'A secretary sees only their own branch (403 otherwise)' })
  dashboard(@Param('campaignId') campaignId: string, @Param('branchId') branchId: string, @QueryParams() query: AsOfQueryDto) {
    return this.queries.execute(new GetBranchDashboardQuery(campaignId, branchId, { asOf: query.asOf, amberWithinDays: query.amberDays }));
  }
}
