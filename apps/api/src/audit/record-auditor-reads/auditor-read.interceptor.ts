// Auditors only read, and what they read is itself on the record: one AuditorRead event per GET, in their own stream.
import {
  ForbiddenException, Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor,
} from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { AUDITOR_READ_EVENT, auditorReadsStream, type AuditorReadData } from '@campaign-ledger/audit';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { actorOf, type Principal } from '../../auth/principal';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AuditorReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('auditor-reads');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Synchronous for everyone but auditors: every request of the API passes through here.
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest();
    const principal: Principal | undefined = request.principal;
    if (principal?.role !== 'auditor') return next.handle();
    if (!READS.has(request.method)) {
      throw new ForbiddenException('auditors read only: an auditor account may not change anything');
    }
    if (request.method !== 'GET') return next.handle();
    return from(this.record(principal, request)).pipe(mergeMap(() => next.handle()));
  }

  /** One append, awaited so the record is written before the data leaves; a failure is logged, never served. */
  private async record(principal: Principal, request: { originalUrl?: string; url: string; query?: Record<string, unknown> }): Promise<void> {
    const at = this.clock.now().toISOString();
    const data: AuditorReadData = { path: (request.originalUrl ?? request.url).split('?')[0], query: { ...(request.query ?? {}) }, at };
    try {
      await this.store.append(auditorReadsStream(principal.accountId), [{ type: AUDITOR_READ_EVENT, data }], {
        expectedRevision: 'any', metadata: { actor: actorOf(principal), occurredAt: at },
      });
    } catch (error) {
      this.logger.error(`could not record the read of ${data.path} by ${principal.accountId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
