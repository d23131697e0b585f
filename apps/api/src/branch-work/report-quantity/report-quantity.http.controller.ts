import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { ReportQuantityCommand } from './report-quantity.handler';
import { ReportQuantityDto } from './report-quantity.dto';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class ReportQuantityHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('quantities')
  @BranchWorkWriters()
  @ApiCreatedResponse({ description: 'Recorded (QuantityReported) with the running total' })
  @ApiOkResponse({ description: 'The same reportId was already counted' })
  @ApiForbiddenResponse({ description: "Not this principal's branch" })
  async report(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Body() body: ReportQuantityDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(
      new ReportQuantityCommand(principal, campaignId, branchId, {
        instanceKey: body.instanceKey,
        taskId: body.taskId,
        amount: body.amount,
        on: body.on,
        note: body.note,
        reportId: body.reportId,
      }),
    );
    return answerWrite(response, result);
  }
}
