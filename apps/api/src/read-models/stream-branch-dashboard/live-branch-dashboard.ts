// The live dashboard of one branch: pushed again when the read model moves and the branch's figures changed, for as long
// as the session that opened it holds (a secretary's pages, and the branch ledger the leading group reads).
import { Injectable, type MessageEvent } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Observable } from 'rxjs';
import type { Principal } from '@api/auth/principal';
import { GetBranchDashboardQuery } from '../get-branch-dashboard/get-branch-dashboard.handler';
import { LiveReadModel } from '../shared/live-read-model';

@Injectable()
export class LiveBranchDashboard {
  constructor(
    private readonly live: LiveReadModel,
    private readonly queries: QueryBus,
  ) {}

  /** Today's dashboard at once as a `dashboard` event, then each changed one; `signed-out` ends it. */
  watch(campaignId: string, branchId: string, principal: Principal, amberWithinDays: number | undefined): Observable<MessageEvent> {
    return this.live.watch(principal, 'dashboard', () => this.queries.execute(new GetBranchDashboardQuery(campaignId, branchId, { amberWithinDays })), {
      onlyWhenChanged: true,
    });
  }
}
