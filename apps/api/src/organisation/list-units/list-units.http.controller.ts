import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/principal';
import { READERS } from '../shared/organisation.http';
import type { UnitSummary } from '../shared/unit-index';
import { ListUnitsQuery } from './list-units.query';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ListUnitsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Units registered through this API, in registration order' })
  @ApiOkResponse({ description: '[{ unitId, name, code }]' })
  @ApiForbiddenResponse({ description: 'Secretaries read only their own branch roster' })
  list(): Promise<UnitSummary[]> {
    return this.queryBus.execute(new ListUnitsQuery());
  }
}
