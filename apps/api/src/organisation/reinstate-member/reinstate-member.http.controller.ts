import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { ReinstateMemberCommand } from './reinstate-member.handler';
import { ReinstateMemberDto } from './reinstate-member.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ReinstateMemberHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/members/:memberId/reinstate')
  @HttpCode(200)
  @OrganisationWrite('End an exemption: the member is active again from a date')
  async reinstate(
    @Param('unitId') unitId: string,
    @Param('memberId') memberId: string,
    @Body() body: ReinstateMemberDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new ReinstateMemberCommand(
        unitId,
        { memberId, on: body.on, note: body.note ?? null },
        { actor: actorOf(principal), reason: body.note, expectedRevision },
      ),
    );
    return result;
  }
}
