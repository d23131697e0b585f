import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { JoinMemberCommand } from './join-member.handler';
import { JoinMemberDto } from './join-member.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class JoinMemberHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/members')
  @OrganisationWrite('Record a member joining a branch of the unit')
  async join(
    @Param('unitId') unitId: string,
    @Body() body: JoinMemberDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new JoinMemberCommand(
        unitId,
        { memberId: body.memberId, name: body.name, branchId: body.branchId, isLeader: body.isLeader ?? false, joinedOn: body.joinedOn },
        { actor: actorOf(principal), expectedRevision },
      ),
    );
    return result;
  }
}
