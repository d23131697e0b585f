import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isInstallationAdministrator } from '@api/auth/access-policy';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { READERS } from '../shared/organisation.http';
import type { UnitSummary } from '../shared/unit-index';
import { ListUnitsQuery } from './list-units.handler';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ListUnitsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Your unit (every registered unit for an installation administrator), in registration order' })
  @ApiOkResponse({ description: '[{ unitId, name, code }]' })
  @ApiForbiddenResponse({ description: 'Secretaries read only their own branch roster' })
  async list(@CurrentPrincipal() principal: Principal): Promise<UnitSummary[]> {
    const units: UnitSummary[] = await this.queryBus.execute(new ListUnitsQuery());
    return isInstallationAdministrator(principal) ? units : units.filter((unit) => unit.unitId === principal.unitId);
  }
}
