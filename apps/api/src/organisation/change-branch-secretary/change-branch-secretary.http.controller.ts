import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { ChangeBranchSecretaryCommand } from './change-branch-secretary.handler';
import { ChangeBranchSecretaryDto } from './change-branch-secretary.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ChangeBranchSecretaryHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/branches/:branchId/secretary')
  @HttpCode(200)
  @OrganisationWrite("Change a branch's secretary (书记)")
  async change(
    @Param('unitId') unitId: string,
    @Param('branchId') branchId: string,
    @Body() body: ChangeBranchSecretaryDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new ChangeBranchSecretaryCommand(
        unitId,
        { branchId, secretaryName: body.secretaryName },
        { actor: actorOf(principal), reason: body.reason, expectedRevision },
      ),
    );
    return result;
  }
}
