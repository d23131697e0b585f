import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
import { CancelTaskCommand } from './cancel-task.handler';
import { CancelTaskDto } from './cancel-task.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CancelTaskHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':campaignId/tasks/:taskId/cancel')
  @HttpCode(200)
  @Roles('leading_group')
  @RespondsWithETag()
  @ApiOperation({ summary: 'Cancel a task (取消任务), with a reason; it stays in the plan, flagged' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from GET /api/campaigns/:id' })
  @ApiOkResponse({ description: 'The changed campaign, with its new ETag' })
  @ApiResponse({ status: 404, description: 'Unknown campaign or task' })
  @ApiResponse({ status: 412, description: 'The plan changed since your ETag; the body names the current one' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async cancel(
    @Param('campaignId') campaignId: string,
    @Param('taskId') taskId: string,
    @Body() body: CancelTaskDto,
    @IfMatch({ requiredFrom: '/api/campaigns/:campaignId' }) expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.commands.execute(new CancelTaskCommand(campaignId, taskId, body.reason, expectedRevision, principal, correlationId));
  }
}
