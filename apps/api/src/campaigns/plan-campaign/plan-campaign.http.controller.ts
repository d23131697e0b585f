import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { etagOf } from '@api/infrastructure/http/if-match';
import { PlanCampaignCommand } from './plan-campaign.handler';
import { PlanCampaignDto } from './plan-campaign.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class PlanCampaignHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('leading_group')
  @ApiOperation({ summary: 'Plan a campaign (制定活动计划) from a built-in template or your own' })
  @ApiCreatedResponse({ description: 'The planned campaign; its ETag header is the revision to send as If-Match when changing the plan' })
  @ApiBadRequestResponse({ description: 'Missing or malformed fields, a start that is not a Monday, or a template with problems (paths listed)' })
  @ApiForbiddenResponse({ description: 'Only the leading group plans campaigns' })
  @ApiConflictResponse({ description: 'A campaign with this id is already planned' })
  async plan(
    @Body() body: PlanCampaignDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const view = await this.commands.execute(new PlanCampaignCommand({ ...body }, principal, correlationId));
    res.setHeader('ETag', etagOf(view.revision));
    res.setHeader('Location', `/api/campaigns/${view.campaignId}`);
    return view;
  }
}
