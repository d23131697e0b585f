import { Controller, type MessageEvent, Param, Query as QueryParams, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { CAMPAIGN_ROUTE, WATCHERS } from '../shared/http';
import { AmberDaysQueryDto } from '../shared/read-model-query.dto';
import { LiveOverview } from './live-overview';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller(CAMPAIGN_ROUTE)
export class StreamOverviewHttpController {
  constructor(private readonly live: LiveOverview) {}

  @Sse('overview/stream')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Server-sent events: a fresh overview whenever the read model moves (at most every 500 ms)' })
  overviewStream(
    @Param('campaignId') campaignId: string,
    @CurrentPrincipal() principal: Principal,
    @QueryParams() query: AmberDaysQueryDto,
  ): Observable<MessageEvent> {
    return this.live.watch(campaignId, principal, query.amberDays);
  }
}
