import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
import { CloseStageCommand } from './close-stage.handler';
import { CloseStageDto } from './close-stage.dto';
import { StageUnfinishedQuery } from './stage-unfinished.handler';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CloseStageHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':campaignId/stages/:stageId/close')
  @HttpCode(200)
  @Roles('leading_group')
  @RespondsWithETag()
  @ApiOperation({ summary: 'Close a stage today (转段): refused while mandatory work of any branch is unfinished, unless carried over' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse (412) unless the campaign is still at this ETag' })
  @ApiOkResponse({ description: 'The campaign with the stage closed (carried-over instances listed), and its new ETag' })
  @ApiResponse({ status: 412, description: 'STAGE.UNFINISHED_WORK with details.unfinished = how many instances are not done; or a stale If-Match' })
  async close(
    @Param('campaignId') campaignId: string,
    @Param('stageId') stageId: string,
    @Body() body: CloseStageDto,
    @IfMatch() expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.commands.execute(new CloseStageCommand(campaignId, stageId, body.carryOver, body.reason ?? null, expectedRevision, principal, correlationId));
  }

  @Get(':campaignId/stages/:stageId/unfinished')
  @Roles('leading_group', 'auditor', 'administrator')
  @ApiOperation({ summary: 'The mandatory instances of a stage not yet completed, per branch (what would block 转段 today)' })
  @ApiOkResponse({ description: '{ count, byBranch, instances: [{ instanceKey, taskId, taskTitle, branchId }] }' })
  unfinished(@Param('campaignId') campaignId: string, @Param('stageId') stageId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new StageUnfinishedQuery(campaignId, stageId, principal));
  }
}
