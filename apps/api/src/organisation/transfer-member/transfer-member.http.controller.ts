import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { TransferMemberCommand } from './transfer-member.handler';
import { TransferMemberDto } from './transfer-member.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class TransferMemberHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/members/:memberId/transfer')
  @HttpCode(200)
  @OrganisationWrite('Move a member to another branch from a date')
  async transfer(
    @Param('unitId') unitId: string,
    @Param('memberId') memberId: string,
    @Body() body: TransferMemberDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new TransferMemberCommand(
        unitId,
        { memberId, toBranchId: body.toBranchId, on: body.on, reason: body.reason ?? null },
        { actor: actorOf(principal), reason: body.reason, expectedRevision },
      ),
    );
    return result;
  }
}
