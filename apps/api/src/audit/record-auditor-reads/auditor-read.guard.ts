// Auditors only read, and what they read is itself on the record: one AuditorRead event per GET, in their own stream.
// A global guard after the AuthGuard (AuthModule is imported before AuditModule), which has set request.principal: a
// guard rather than an interceptor, because every request of the API passes through it and a guard adds no
// observable chain to requests that are not an auditor's.
import { ForbiddenException, Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AUDITOR_READ_EVENT, auditorReadsStream, type AuditorReadData } from '@campaign-ledger/audit';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { actorOf, type Principal } from '../../auth/principal';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AuditorReadGuard implements CanActivate {
  private readonly logger = new Logger('auditor-reads');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest();
    const principal: Principal | undefined = request.principal;
    if (principal?.role !== 'auditor') return true;
    if (!READS.has(request.method)) {
      throw new ForbiddenException('auditors read only: an auditor account may not change anything');
    }
    if (request.method !== 'GET') return true;
    return this.record(principal, request).then(() => true);
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
