import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { RecordThreeOnesCommand } from './record-three-ones.handler';
import { RecordThreeOnesDto } from './record-three-ones.dto';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class RecordThreeOnesHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('three-ones')
  @BranchWorkWriters()
  @ApiCreatedResponse({ description: 'Recorded (ThreeOnesRecorded)' })
  @ApiForbiddenResponse({ description: "Not this principal's branch, or a member who is not in it" })
  @ApiConflictResponse({ description: "This member's item is already recorded" })
  async record(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Body() body: RecordThreeOnesDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(
      new RecordThreeOnesCommand(principal, campaignId, branchId, {
        memberId: body.memberId,
        item: body.item,
        date: body.date,
        title: body.title,
        note: body.note,
      }),
    );
    return answerWrite(response, result);
  }
}
