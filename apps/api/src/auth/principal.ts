import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@campaign-ledger/domain';

/** The signed-in account, as the token says. */
export interface Principal {
  readonly accountId: string;
  readonly username: string;
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId: string | null;
  /** The token the request was signed in with: when it expires, and the account's token epoch it was issued in. */
  readonly session?: { readonly expiresAtMs: number; readonly tokenEpoch: number };
}

export const IS_PUBLIC = 'auth:public';
export const ROLES_ALLOWED = 'auth:roles';

/** The route needs no token (log-in, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
export const OWN_ACCOUNT = 'auth:own-account';
/** The route changes only the caller's own account (their password): every role may call it, auditors included. */
export const OwnAccount = () => SetMetadata(OWN_ACCOUNT, true);

/** Only these roles may call the route; the others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});

/** The actor recorded in event metadata. */
export const actorOf = (principal: Principal) => ({ id: principal.accountId, role: principal.role });
