import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@campaign-ledger/domain';

/** The signed-in account, as the token says. */
export interface Principal {
  readonly accountId: string;
  readonly username: string;
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId: string | null;
}

export const IS_PUBLIC = 'auth:public';
export const ROLES_ALLOWED = 'auth:roles';

/** The route needs no token (log-in, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route; the others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});

/** The actor recorded in event metadata. */
export const actorOf = (principal: Principal) => ({ id: principal.accountId, role: principal.role });
