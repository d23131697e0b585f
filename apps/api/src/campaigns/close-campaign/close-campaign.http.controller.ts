import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { revisionFromIfMatch, writeAtRevision } from '../if-match';
import { CloseCampaignCommand } from './close-campaign.handler';
import { CloseCampaignDto } from './close-campaign.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CloseCampaignHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':campaignId/close')
  @HttpCode(200)
  @Roles('leading_group')
  @ApiOperation({ summary: 'Close the campaign today (活动结束); every stage must be closed first' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse (412) unless the campaign is still at this ETag' })
  @ApiOkResponse({ description: 'The closed campaign, and its new ETag' })
  @ApiResponse({ status: 412, description: 'Some stages are not closed yet, or a stale If-Match' })
  async close(
    @Param('campaignId') campaignId: string,
    @Body() body: CloseCampaignDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return writeAtRevision(res, campaignId, ifMatch, () =>
      this.commands.execute(new CloseCampaignCommand(campaignId, body.note ?? null, revisionFromIfMatch(ifMatch), principal, correlationId)),
    );
  }
}
