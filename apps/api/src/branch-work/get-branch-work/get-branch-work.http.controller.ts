import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { BRANCH_ROUTE, type HttpResponse } from '../shared/http';
import { GetBranchWorkQuery } from './get-branch-work.handler';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class GetBranchWorkHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('work')
  @ApiOkResponse({ description: "The branch's work folded from its stream; ETag is the stream revision (If-None-Match → 304)" })
  @ApiForbiddenResponse({ description: 'A secretary reading another branch' })
  @ApiNotFoundResponse({ description: 'Unknown campaign or branch' })
  async work(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const view = await this.queries.execute(new GetBranchWorkQuery(principal, campaignId, branchId));
    const etag = `"${view.revision}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (
      ifNoneMatch !== undefined &&
      ifNoneMatch
        .split(',')
        .map((t) => t.trim().replace(/^W\//, ''))
        .includes(etag)
    ) {
      response.status(304);
      return undefined;
    }
    return view;
  }
}
