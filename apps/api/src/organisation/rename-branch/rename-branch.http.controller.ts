import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { RenameBranchCommand } from './rename-branch.handler';
import { RenameBranchDto } from './rename-branch.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class RenameBranchHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/branches/:branchId/rename')
  @HttpCode(200)
  @OrganisationWrite('Rename a branch (renaming to the same name records nothing)')
  async rename(
    @Param('unitId') unitId: string,
    @Param('branchId') branchId: string,
    @Body() body: RenameBranchDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new RenameBranchCommand(unitId, { branchId, name: body.name }, { actor: actorOf(principal), reason: body.reason, expectedRevision }),
    );
    return result;
  }
}
