import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
import { MoveTaskDeadlineCommand } from './move-task-deadline.handler';
import { MoveTaskDeadlineDto } from './move-task-deadline.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class MoveTaskDeadlineHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':campaignId/tasks/:taskId/deadline')
  @HttpCode(200)
  @Roles('leading_group')
  @RespondsWithETag()
  @ApiOperation({ summary: "Move a task's deadline (调整期限), with a reason" })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from GET /api/campaigns/:id' })
  @ApiOkResponse({ description: 'The changed campaign, with its new ETag' })
  @ApiResponse({ status: 400, description: 'The date is malformed or outside the campaign, or the reason is missing' })
  @ApiResponse({ status: 404, description: 'Unknown campaign or task' })
  @ApiResponse({ status: 412, description: 'The plan changed since your ETag; the body names the current one' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async move(
    @Param('campaignId') campaignId: string,
    @Param('taskId') taskId: string,
    @Body() body: MoveTaskDeadlineDto,
    @IfMatch({ requiredFrom: '/api/campaigns/:campaignId' }) expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.commands.execute(new MoveTaskDeadlineCommand(campaignId, taskId, body.dueDate, body.reason, expectedRevision, principal, correlationId));
  }
}
