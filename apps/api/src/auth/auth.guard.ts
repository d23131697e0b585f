// Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@campaign-ledger/domain';
import { AccessRefused } from './access-policy';
import { AccountsService } from './accounts.service';
import { SignInRequired } from './auth.errors';
import { IS_PUBLIC, ROLES_ALLOWED, type Principal } from './principal';
import { claimsOf, VerifiedTokens, type TokenClaims } from './verified-tokens';

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
    const request = context.switchToHttp().getRequest();
    const token = tokenOf(request);
    if (route.isPublic) {
      // A public route that also serves the signed-in (metrics for administrators) learns who asks when it can.
      if (token) request.principal = await this.principalOf(token).catch(() => undefined);
      return true;
    }
    if (!token) throw SignInRequired.noToken();
    const principal = await this.principalOf(token);
    request.principal = principal;
    const allowed = route.allowed;
    if (allowed && !allowed.includes(principal.role)) {
      throw AccessRefused.because(`role ${principal.role} may not do this; it needs one of: ${allowed.join(', ')}`, `您的角色无权执行此操作`, {
        role: principal.role,
        allowed,
      });
    }
    return true;
  }

  private async principalOf(token: string): Promise<Principal> {
    let claims: TokenClaims | null | undefined = this.verified.claimsOf(token);
    if (claims === undefined) {
      try {
        claims = claimsOf(await this.jwt.verifyAsync(token));
      } catch {
        throw SignInRequired.tokenInvalid();
      }
      if (!claims) throw SignInRequired.tokenInvalid();
      this.verified.remember(token, claims);
    }
    // The account is read again on every request: a disabled account, a changed password (the epoch moves on) or a
    // changed role take effect at once when changed through this process, within a second from another one.
    const account = await this.accounts.forRequest(claims.sub);
    if (!account || account.disabled) throw SignInRequired.accountGone();
    if (account.tokenEpoch !== claims.ep) throw SignInRequired.passwordChanged();
    return {
      accountId: account.accountId,
      username: account.username,
      role: account.role,
      unitId: account.unitId,
      branchId: account.branchId,
      session: { expiresAtMs: claims.exp * 1000, tokenEpoch: claims.ep },
    };
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

/** The bearer token of the request: from the Authorization header only, never from an address (proxies log those). */
function tokenOf(request: { headers?: Record<string, string | undefined> }): string | undefined {
  const header = request.headers?.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
