import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { VerifyLogQuery, type VerifyLogAnswer } from './verify-log.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyLogHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @Roles('auditor', 'administrator')
  @ApiOperation({ summary: "Checks every stream's hash chain and names every broken place" })
  @ApiOkResponse({
    description:
      '{ ok, streams, events, brokenCount, broken: [{ streamId, revision, eventId, position, reason, message }] }; with `against`, a DigestCheck { ok, rootMatches, eventsSince, verify, message }',
  })
  @ApiQuery({
    name: 'against',
    required: false,
    description: 'A digest written down earlier (v2:all:<events>:<root>, or an older v1:<commit>/<prepare>:<root>): also proves the log up to it is unchanged',
  })
  @ApiForbiddenResponse({ description: 'Roles other than auditor and administrator' })
  verify(@CurrentPrincipal() principal: Principal, @Query('against') against?: string): Promise<VerifyLogAnswer> {
    return this.queries.execute(new VerifyLogQuery(principal, against));
  }
}
