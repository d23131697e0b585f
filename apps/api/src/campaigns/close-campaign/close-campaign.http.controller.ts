import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
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
  @RespondsWithETag()
  @ApiOperation({ summary: 'Close the campaign today (活动结束); every stage must be closed first' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse (412) unless the campaign is still at this ETag' })
  @ApiOkResponse({ description: 'The closed campaign, and its new ETag' })
  @ApiResponse({ status: 412, description: 'Some stages are not closed yet, or a stale If-Match' })
  async close(
    @Param('campaignId') campaignId: string,
    @Body() body: CloseCampaignDto,
    @IfMatch() expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.commands.execute(new CloseCampaignCommand(campaignId, body.note ?? null, expectedRevision, principal, correlationId));
  }
}
