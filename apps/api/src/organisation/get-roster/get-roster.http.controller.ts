import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Roster } from '@campaign-ledger/domain';
import type { Response } from 'express';
import { Roles } from '@api/auth/principal';
import { AsOfQueryDto } from '../get-unit/get-unit.dto';
import { etagOf } from '@api/infrastructure/http/if-match';
import { ROSTER_READERS } from '../shared/organisation.http';
import { GetRosterQuery } from './get-roster.handler';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class GetRosterHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':unitId/branches/:branchId/roster')
  @Roles(...ROSTER_READERS)
  @ApiOperation({ summary: "A branch's roster on a date: members in the branch, active or exempt (a secretary: own branch only)" })
  @ApiOkResponse({ description: '{ branchId, asOf, members: [{ memberId, name, isLeader, status }], divisions }' })
  @ApiForbiddenResponse({ description: "A secretary asking for another branch's roster" })
  @ApiNotFoundResponse({ description: 'No such unit or branch' })
  async roster(
    @Param('unitId') unitId: string,
    @Param('branchId') branchId: string,
    @Query() query: AsOfQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Roster> {
    const { roster, revision } = await this.queryBus.execute(new GetRosterQuery(unitId, branchId, query.on));
    response.setHeader('ETag', etagOf(revision));
    return roster;
  }
}
