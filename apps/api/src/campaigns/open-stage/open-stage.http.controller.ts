import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
import { OpenStageCommand } from './open-stage.handler';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class OpenStageHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':campaignId/stages/:stageId/open')
  @HttpCode(200)
  @Roles('leading_group')
  @RespondsWithETag()
  @ApiOperation({ summary: 'Open a stage (启动阶段) today; the previous stage must be closed' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse (412) unless the campaign is still at this ETag' })
  @ApiOkResponse({ description: 'The campaign with the stage open, and its new ETag' })
  @ApiResponse({ status: 404, description: 'Unknown campaign or stage' })
  @ApiResponse({ status: 409, description: 'The stage is already open or closed' })
  @ApiResponse({ status: 412, description: 'The previous stage is not closed yet, or If-Match is stale' })
  async open(
    @Param('campaignId') campaignId: string,
    @Param('stageId') stageId: string,
    @IfMatch() expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.commands.execute(new OpenStageCommand(campaignId, stageId, expectedRevision, principal, correlationId));
  }
}
