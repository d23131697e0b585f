// Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@campaign-ledger/domain';
import { AccountsService } from './accounts.service';
import { IS_PUBLIC, ROLES_ALLOWED, type Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

const ACCOUNT_MAX_AGE_MS = 1_000;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();
  /** Per controller and handler: whether it is public and which roles it allows (metadata does not change at run time). */
  private readonly routes = new WeakMap<object, WeakMap<object, { readonly isPublic: boolean; readonly allowed: readonly Role[] | undefined }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routeOf(context);
    if (route.isPublic) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    // EventSource cannot send headers: the live overview stream alone may carry the token in the query (read only
    // when there is no header: express parses the query string on every read of request.query).
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : /\/overview\/stream$/.test(request.path ?? '') && typeof request.query?.access_token === 'string'
        ? (request.query.access_token as string)
        : undefined;
    if (!token) throw new UnauthorizedException('sign in first: send "Authorization: Bearer <token>" from POST /api/auth/login');
    let subject = this.verified.subjectOf(token);
    if (subject === undefined) {
      try {
        const payload = await this.jwt.verifyAsync<{ sub: string; exp?: number }>(token);
        this.verified.remember(token, payload);
        subject = payload.sub;
      } catch {
        throw new UnauthorizedException('the token is invalid or expired: sign in again');
      }
    }
    // The account is read again so that a disabled account or a changed role takes effect: at once when changed
    // through this process, within a second when another process changed it (one read per second, not per request).
    const account = await this.accounts.findById(subject, { maxAgeMs: ACCOUNT_MAX_AGE_MS });
    if (!account || account.disabled) throw new UnauthorizedException('this account no longer exists or is disabled');
    const principal: Principal = {
      accountId: account.accountId, username: account.username, role: account.role, unitId: account.unitId, branchId: account.branchId,
    };
    request.principal = principal;
    const allowed = route.allowed;
    if (allowed && !allowed.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this; it needs one of: ${allowed.join(', ')}`);
    }
    return true;
  }

  private routeOf(context: ExecutionContext) {
    const handler = context.getHandler();
    const controller = context.getClass();
    let handlers = this.routes.get(controller);
    if (!handlers) this.routes.set(controller, (handlers = new WeakMap()));
    let route = handlers.get(handler);
    if (!route) {
      const targets = [handler, controller];
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets),
      };
      handlers.set(handler, route);
    }
    return route;
  }
}
