import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { assertInstallationAdministrator } from '@api/auth/access-policy';
import { actorOf, CurrentPrincipal, type Principal } from '@api/auth/principal';
import { OrganisationWrite } from '../shared/organisation.http';
import type { OrganisationWriteResult } from '../shared/organisation.writer';
import { RegisterUnitCommand } from './register-unit.handler';
import { RegisterUnitDto } from './register-unit.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class RegisterUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @OrganisationWrite('Register a unit (单位): the start of its organisation stream')
  async register(
    @Body() body: RegisterUnitDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationWriteResult> {
    assertInstallationAdministrator(principal);
    const result = await this.commandBus.execute(new RegisterUnitCommand(body.unitId, body.name, body.code, { actor: actorOf(principal) }));
    response.setHeader('Location', `/api/units/${encodeURIComponent(result.unitId)}`);
    return result;
  }
}
