// The live overview of a campaign: pushed again whenever the read model moves, for as long as the session that opened it holds.
import { Injectable, type MessageEvent } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Observable } from 'rxjs';
import { AccountsService } from '@api/auth/accounts.service';
import type { Principal } from '@api/auth/principal';
import { GetOverviewQuery } from '../get-overview/get-overview.handler';
import { ReadModelsService } from '../read-models.service';

const STREAM_INTERVAL_MS = 500;
/** How often an idle live stream checks that its session still holds. */
const SESSION_CHECK_MS = 5_000;

@Injectable()
export class LiveOverview {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly accounts: AccountsService,
    private readonly queries: QueryBus,
  ) {}

  /** Today's overview at once, then after each batch the projector commits (at most every 500 ms); `signed-out` ends it. */
  watch(campaignId: string, principal: Principal, amberWithinDays: number | undefined): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let timer: NodeJS.Timeout | null = null;
      let lastSent = 0;
      let closed = false;
      // A stream lives no longer than the session that opened it: it ends when the token expires, and at the next
      // look (a push, or the periodic check) once the account is disabled or its password changed.
      const signOut = () => {
        if (closed) return;
        subscriber.next({ type: 'signed-out', data: { message: 'the session ended: sign in again', messageZh: '登录已失效，请重新登录' } });
        subscriber.complete();
      };
      const stillSignedIn = async () => {
        if (await this.accounts.stillSignedIn(principal, Date.now())) return true;
        signOut();
        return false;
      };
      const expiry = principal.session ? setTimeout(signOut, Math.max(0, principal.session.expiresAtMs - Date.now())) : null;
      const check = setInterval(() => void stillSignedIn(), SESSION_CHECK_MS);
      const push = async () => {
        lastSent = Date.now();
        if (!(await stillSignedIn())) return;
        try {
          const overview = await this.queries.execute(new GetOverviewQuery(campaignId, { amberWithinDays }));
          if (!closed) subscriber.next({ type: 'overview', data: overview });
        } catch (error) {
          if (!closed) subscriber.next({ type: 'error', data: { message: error instanceof Error ? error.message : String(error) } });
        }
      };
      const schedule = () => {
        if (timer || closed) return;
        timer = setTimeout(
          () => {
            timer = null;
            void push();
          },
          Math.max(0, lastSent + STREAM_INTERVAL_MS - Date.now()),
        );
      };
      void push();
      const subscription = this.readModels.checkpoints.subscribe({ next: schedule, complete: () => subscriber.complete() });
      return () => {
        closed = true;
        subscription.unsubscribe();
        if (timer) clearTimeout(timer);
        if (expiry) clearTimeout(expiry);
        clearInterval(check);
      };
    });
  }
}
