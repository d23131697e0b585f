// The live overview of a campaign: pushed again whenever the read model moves, for as long as the session that opened it holds.
import { Injectable, type MessageEvent } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Observable } from 'rxjs';
import type { Principal } from '@api/auth/principal';
import { GetOverviewQuery } from '../get-overview/get-overview.handler';
import { LiveReadModel } from '../shared/live-read-model';

@Injectable()
export class LiveOverview {
  constructor(
    private readonly live: LiveReadModel,
    private readonly queries: QueryBus,
  ) {}

  /** Today's overview at once, then after each batch the projector commits (at most every 500 ms); `signed-out` ends it. */
  watch(campaignId: string, principal: Principal, amberWithinDays: number | undefined): Observable<MessageEvent> {
    return this.live.watch(principal, 'overview', () => this.queries.execute(new GetOverviewQuery(campaignId, { amberWithinDays })));
  }
}
