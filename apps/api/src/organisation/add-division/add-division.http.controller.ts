import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { etagOf, IfMatchRevision, OrganisationWrite } from '../shared/organisation.http';
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
    @IfMatchRevision() expectedRevision: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationWriteResult> {
    const result = await this.commandBus.execute(
      new AddDivisionCommand(unitId, { divisionId: body.divisionId, name: body.name }, { actor: actorOf(principal), expectedRevision }),
    );
    response.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
