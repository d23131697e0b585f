import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { etagOf, IfMatchRevision, OrganisationWrite } from '../shared/organisation.http';
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
    @IfMatchRevision() expectedRevision: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new ChangeBranchSecretaryCommand(unitId, { branchId, secretaryName: body.secretaryName }, { actor: actorOf(principal), reason: body.reason, expectedRevision }),
    );
    response.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
