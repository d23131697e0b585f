import { Controller, type MessageEvent, Param, Query as QueryParams, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { AmberDaysQueryDto } from '../shared/read-model-query.dto';
import { LiveBranchDashboard } from './live-branch-dashboard';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class StreamBranchDashboardHttpController {
  constructor(private readonly live: LiveBranchDashboard) {}

  @Sse('branches/:branchId/dashboard/stream')
  @Roles(...WATCHERS, 'secretary')
  @ApiOperation({
    summary:
      "Server-sent events: the branch's dashboard at once, then again whenever the read model moves and the branch's figures changed (at most every 500 ms)",
  })
  dashboardStream(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @CurrentPrincipal() principal: Principal,
    @QueryParams() query: AmberDaysQueryDto,
  ): Observable<MessageEvent> {
    return this.live.watch(campaignId, branchId, principal, query.amberDays);
  }
}
