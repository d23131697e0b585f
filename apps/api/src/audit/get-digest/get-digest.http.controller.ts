import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { GetDigestQuery, type DigestView } from './get-digest.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetDigestHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('digest')
  @Roles('auditor')
  @ApiOperation({
    summary:
      "The digest of your unit's part of the log now (v2:unit.<unitId>:<events>:<root over every hash and recording time>; v2:all:… for an installation administrator) and the manifest behind it",
  })
  @ApiOkResponse({ description: '{ digest, scope, position, root, events, streams, manifest }' })
  @ApiForbiddenResponse({ description: 'Anyone but an auditor' })
  digest(@CurrentPrincipal() principal: Principal): Promise<DigestView> {
    return this.queries.execute(new GetDigestQuery(principal));
  }
}
