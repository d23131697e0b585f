// What every live stream of figures shares: the answer at once, then again after each batch the projector commits (at
// most every 500 ms), for as long as the session that opened it holds. Each stream names its event type and its read.
import { Injectable, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { AccountsService } from '@api/auth/accounts.service';
import type { Principal } from '@api/auth/principal';
import { ReadModelsService } from '../read-models.service';

export const STREAM_INTERVAL_MS = 500;
/** How often an idle live stream checks that its session still holds. */
export const SESSION_CHECK_MS = 5_000;
/** How often a stream says it is alive when nothing else is sent (the web app takes 45 s of silence for a dead connection). */
export const HEARTBEAT_MS = 15_000;

export interface LiveReadOptions {
  /** Pushes an answer only when it differs from the last one pushed (the checkpoint moved for other figures). */
  readonly onlyWhenChanged?: boolean;
}

@Injectable()
export class LiveReadModel {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly accounts: AccountsService,
  ) {}

  /** `read`'s answer at once as a `type` event, then after each committed batch; `signed-out` ends it. */
  watch<T>(principal: Principal, type: string, read: () => Promise<T>, options: LiveReadOptions = {}): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let timer: NodeJS.Timeout | null = null;
      let lastSent = 0;
      /** When the stream last sent anything (a figure or a heartbeat is due only after 15 s of silence). */
      let lastPushed = Date.now();
      let lastText: string | null = null;
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
      const heartbeat = setInterval(() => {
        if (!closed && Date.now() - lastPushed >= HEARTBEAT_MS) subscriber.next({ type: 'heartbeat', data: { at: new Date().toISOString() } });
      }, HEARTBEAT_MS);
      const push = async () => {
        lastSent = Date.now();
        if (!(await stillSignedIn())) return;
        try {
          const answer = await read();
          if (closed) return;
          if (options.onlyWhenChanged) {
            const text = JSON.stringify(answer);
            if (text === lastText) return;
            lastText = text;
          }
          lastPushed = Date.now();
          subscriber.next({ type, data: answer as object });
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
        clearInterval(heartbeat);
      };
    });
  }
}
