import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { ExemptMemberCommand } from './exempt-member.handler';
import { ExemptMemberDto } from './exempt-member.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ExemptMemberHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/members/:memberId/exempt')
  @HttpCode(200)
  @OrganisationWrite('Exempt a member (long illness, abroad...) from a date, optionally until a date')
  async exempt(
    @Param('unitId') unitId: string,
    @Param('memberId') memberId: string,
    @Body() body: ExemptMemberDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new ExemptMemberCommand(
        unitId,
        { memberId, reason: body.reason, from: body.from, until: body.until ?? null },
        { actor: actorOf(principal), reason: body.reason, expectedRevision },
      ),
    );
    return result;
  }
}
