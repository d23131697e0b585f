// Auditors only read, and what they read is itself on the record: one AuditorRead event per GET or HEAD, in their own
// stream, written before the answer leaves. A read that cannot be recorded is not served (503): the record fails
// closed. A global guard after the AuthGuard and the UnitScopeGuard (AuthModule is imported before AuditModule), which
// have set request.principal and refused what is not the auditor's: a guard rather than an interceptor, because every
// request passes through it and a guard adds no observable chain to requests that are not an auditor's.
import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AUDITOR_READ_EVENT, auditorReadsStream, type AuditorReadData } from '@campaign-ledger/audit';
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { AccessRefused } from '@api/auth/access-policy';
import { redactQuery, redactText } from '@api/infrastructure/http/redact';
import { actorOf, OWN_ACCOUNT, type Principal } from '@api/auth/principal';
import { Reflector } from '@nestjs/core';
import { CLOCK } from '@api/infrastructure/tokens';

const RECORDED = new Set(['GET', 'HEAD']);

/** The auditor's read could not be put on the record, so it was not served. */
export class AuditorReadNotRecorded extends DomainError {
  static readonly code = 'AUDIT.READ_NOT_RECORDED';
  static readonly kind: DomainErrorKind = 'unavailable';
  static now(): AuditorReadNotRecorded {
    return new AuditorReadNotRecorded(
      "your read could not be put on the record of auditors' reads, so it was not served: try again shortly",
      '您的查阅无法记入审计查阅记录，因此未予提供，请稍后重试',
    );
  }
}

@Injectable()
export class AuditorReadGuard implements CanActivate {
  private readonly logger = new Logger('auditor-reads');

  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest();
    const principal: Principal | undefined = request.principal;
    if (principal?.role !== 'auditor') return true;
    if (!RECORDED.has(request.method)) {
      if (this.reflector.get<boolean>(OWN_ACCOUNT, context.getHandler()) === true) return true;
      throw AccessRefused.because('auditors read only: an auditor account may not change anything', '指导检查组账号只能查阅，不能修改任何内容');
    }
    return this.record(principal, request).then(() => true);
  }

  private async record(
    principal: Principal,
    request: { method: string; originalUrl?: string; url: string; query?: Record<string, unknown>; headers?: Record<string, string | undefined> },
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    // The log is for ever: a token or password a client put in the address is never written into it.
    const own = request.headers?.authorization?.replace(/^Bearer\s+/i, '');
    const known = own ? [own] : [];
    const data: AuditorReadData = {
      path: redactText((request.originalUrl ?? request.url).split('?')[0], known),
      query: redactQuery(request.query ?? {}, known),
      at,
      ...(request.method === 'HEAD' ? { method: 'HEAD' } : {}),
    };
    try {
      await this.aggregates.record(auditorReadsStream(principal.accountId), [{ type: AUDITOR_READ_EVENT, data }], {
        actor: actorOf(principal),
        occurredAt: at,
      });
    } catch (error) {
      this.logger.error(`could not record the read of ${data.path} by ${principal.accountId}: ${error instanceof Error ? error.message : String(error)}`);
      throw AuditorReadNotRecorded.now();
    }
  }
}
