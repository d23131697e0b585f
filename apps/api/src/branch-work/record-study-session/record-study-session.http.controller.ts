import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { RecordStudySessionCommand } from './record-study-session.handler';
import { RecordStudySessionDto } from './record-study-session.dto';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class RecordStudySessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('study-sessions')
  @BranchWorkWriters()
  @ApiCreatedResponse({ description: 'Recorded (StudySessionRecorded): attendance of every member on the day' })
  @ApiForbiddenResponse({ description: "Not this principal's branch, or a member who is not in it" })
  @ApiConflictResponse({ description: 'The session id is already used' })
  async record(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Body() body: RecordStudySessionDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(
      new RecordStudySessionCommand(principal, campaignId, branchId, {
        sessionId: body.sessionId,
        date: body.date,
        topic: body.topic,
        attendance: body.attendance,
      }),
    );
    return answerWrite(response, result);
  }
}
