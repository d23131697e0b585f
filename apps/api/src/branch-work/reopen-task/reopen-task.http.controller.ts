import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { ReopenTaskCommand } from './reopen-task.handler';
import { ReopenTaskDto } from './reopen-task.dto';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class ReopenTaskHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('instances/:instanceKey/reopen')
  @BranchWorkWriters()
  @ApiCreatedResponse({ description: 'Recorded (TaskReopened); the earlier completion stays in the history' })
  @ApiForbiddenResponse({ description: "Not this principal's branch" })
  @ApiConflictResponse({ description: 'The instance is not completed' })
  async reopen(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Param('instanceKey') instanceKey: string,
    @Body() body: ReopenTaskDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(new ReopenTaskCommand(principal, campaignId, branchId, instanceKey, { reason: body.reason, on: body.on }));
    return answerWrite(response, result);
  }
}
