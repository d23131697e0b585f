import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { RecordMemberLeftCommand } from './record-member-left.handler';
import { RecordMemberLeftDto } from './record-member-left.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class RecordMemberLeftHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/members/:memberId/leave')
  @HttpCode(200)
  @OrganisationWrite('Record that a member left the unit (the id stays taken)')
  async leave(
    @Param('unitId') unitId: string,
    @Param('memberId') memberId: string,
    @Body() body: RecordMemberLeftDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new RecordMemberLeftCommand(unitId, { memberId, on: body.on, reason: body.reason }, { actor: actorOf(principal), reason: body.reason, expectedRevision }),
    );
    return result;
  }
}
