import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { RankBranchesQueryDto, RANKINGS } from './rank-branches.dto';
import { RankBranchesQuery } from './rank-branches.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class RankBranchesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('ranking')
  @Roles(...WATCHERS)
  @ApiQuery({ name: 'by', required: false, enum: RANKINGS })
  @ApiOperation({ summary: 'Branches ranked by completion or by participation' })
  ranking(@Param('campaignId') campaignId: string, @QueryParams() query: RankBranchesQueryDto) {
    return this.queries.execute(new RankBranchesQuery(campaignId, query.by));
  }
}
