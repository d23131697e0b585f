import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { etagOf } from '@api/infrastructure/http/if-match';
import { GetCampaignQuery } from './get-campaign.handler';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class GetCampaignHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId')
  @ApiOperation({ summary: 'The current plan and stage statuses, folded from the campaign stream' })
  @ApiOkResponse({ description: 'The campaign; the ETag header ("<revision>") is what plan changes send back as If-Match' })
  @ApiNotFoundResponse({ description: 'No campaign has this id' })
  async get(@Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const view = await this.queries.execute(new GetCampaignQuery(campaignId, principal));
    res.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  @Get(':campaignId/carried-over')
  @ApiOperation({ summary: 'Task instances carried over at stage transitions (结转), with their task titles' })
  @ApiOkResponse({ description: 'A secretary sees only their own branch' })
  async carriedOver(@Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const view = await this.queries.execute(new GetCampaignQuery(campaignId, principal));
    res.setHeader('ETag', etagOf(view.revision));
    return { campaignId: view.campaignId, revision: view.revision, count: view.carriedOver.length, carriedOver: view.carriedOver };
  }
}
