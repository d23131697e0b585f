import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '@api/infrastructure/http/if-match';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { AddDivisionCommand } from './add-division.handler';
import { AddDivisionDto } from './add-division.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class AddDivisionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/divisions')
  @OrganisationWrite('Add an administrative division (处室) to the unit')
  async add(
    @Param('unitId') unitId: string,
    @Body() body: AddDivisionDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() expectedRevision: number | undefined,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new AddDivisionCommand(unitId, { divisionId: body.divisionId, name: body.name }, { actor: actorOf(principal), expectedRevision }),
    );
    return result;
  }
}
