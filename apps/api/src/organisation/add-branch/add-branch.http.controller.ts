import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { AddBranchCommand } from './add-branch.handler';
import { AddBranchDto } from './add-branch.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class AddBranchHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/branches')
  @OrganisationWrite('Add a party branch (支部) with its secretary')
  async add(
    @Param('unitId') unitId: string,
    @Body() body: AddBranchDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new AddBranchCommand(
        unitId,
        { branchId: body.branchId, name: body.name, secretaryName: body.secretaryName },
        { actor: actorOf(principal), expectedRevision },
      ),
    );
    return result;
  }
}
