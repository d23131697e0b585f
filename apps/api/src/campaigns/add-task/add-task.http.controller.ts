import { Body, Controller, Headers, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { IfMatch, RespondsWithETag } from '@api/infrastructure/http/if-match';
import { AddTaskCommand } from './add-task.handler';
import { AddTaskDto } from './add-task.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class AddTaskHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':campaignId/tasks')
  @Roles('leading_group')
  @RespondsWithETag()
  @ApiOperation({ summary: 'Add a task to the plan (增加任务), with a reason' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from GET /api/campaigns/:id' })
  @ApiCreatedResponse({ description: 'The changed campaign, with its new ETag' })
  @ApiResponse({ status: 412, description: 'The plan changed since your ETag; the body names the current one' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async add(
    @Param('campaignId') campaignId: string,
    @Body() body: AddTaskDto,
    @IfMatch({ requiredFrom: '/api/campaigns/:campaignId' }) expectedRevision: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const { reason, ...task } = body;
    return this.commands.execute(new AddTaskCommand(campaignId, { ...task }, reason, expectedRevision, principal, correlationId));
  }
}
