import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@api/auth/principal';
import { RespondsWithETag } from '@api/infrastructure/http/if-match';
import { READERS } from '../shared/organisation.http';
import type { OrganisationView } from '../shared/organisation.view';
import { AsOfQueryDto } from './get-unit.dto';
import { GetUnitQuery } from './get-unit.handler';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class GetUnitHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':unitId')
  @Roles(...READERS)
  @RespondsWithETag()
  @ApiOperation({ summary: 'The unit as recorded: divisions, branches, members with status and branch; ETag = stream revision' })
  @ApiOkResponse({ description: 'The organisation, folded from its stream' })
  @ApiForbiddenResponse({ description: 'Secretaries read only their own branch roster' })
  @ApiNotFoundResponse({ description: 'No such unit' })
  get(@Param('unitId') unitId: string, @Query() query: AsOfQueryDto): Promise<OrganisationView> {
    return this.queryBus.execute(new GetUnitQuery(unitId, query.on));
  }
}
