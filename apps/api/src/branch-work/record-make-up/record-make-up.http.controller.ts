import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { RecordMakeUpCommand } from './record-make-up.handler';
import { RecordMakeUpDto } from './record-make-up.dto';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class RecordMakeUpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('study-sessions/:sessionId/make-ups')
  @BranchWorkWriters()
  @ApiCreatedResponse({ description: 'Recorded (StudyMakeUpRecorded)' })
  @ApiNotFoundResponse({ description: 'Unknown session or member' })
  @ApiConflictResponse({ description: 'The member already made this session up' })
  async record(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: RecordMakeUpDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(
      new RecordMakeUpCommand(principal, campaignId, branchId, sessionId, { memberId: body.memberId, date: body.date, note: body.note }),
    );
    return answerWrite(response, result);
  }
}
