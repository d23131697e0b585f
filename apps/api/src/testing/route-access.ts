// Who may call a use case's route, read from the route itself: the roles its decorators allow (the AuthGuard's check)
// and what the UnitScopeGuard says to a principal for the route's own :unitId / :campaignId / :branchId. Lets a
// use-case spec check the route's refusals without HTTP.
import type { ExecutionContext, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Role } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import type { AccountsService } from '@api/auth/accounts.service';
import { CampaignUnits } from '@api/auth/campaign-units';
import { IS_PUBLIC, ROLES_ALLOWED, type Principal } from '@api/auth/principal';
import { UnitScopeGuard } from '@api/auth/unit-scope.guard';

export interface RouteAccess {
  /** The controller's path and the method's, joined (`campaigns/:campaignId/tasks`). */
  readonly path: string;
  /** The roles allowed; undefined when the route names none (every signed-in role). */
  readonly roles: readonly Role[] | undefined;
  readonly isPublic: boolean;
  /**
   * Runs the UnitScopeGuard for `principal` with these path parameters (each must be in the route's path) and query:
   * resolves when the guard lets the request through, rejects with its refusal.
   */
  scopeCheck(store: EventStore, principal: Principal, params: Record<string, string>, query?: Record<string, string>): Promise<void>;
}

const noAccounts = { findById: async () => undefined } as unknown as AccountsService;

export function routeOf<T>(controller: Type<T>, method: keyof T & string): RouteAccess {
  const handler = (controller.prototype as Record<string, object>)[method];
  const own = (target: object, key: string): unknown => Reflect.getMetadata(key, target);
  const path = [own(controller, PATH_METADATA), own(handler, PATH_METADATA)]
    .filter((part): part is string => typeof part === 'string' && part !== '' && part !== '/')
    .join('/');
  const roles = (own(handler, ROLES_ALLOWED) ?? own(controller, ROLES_ALLOWED)) as Role[] | undefined;
  const isPublic = (own(handler, IS_PUBLIC) ?? own(controller, IS_PUBLIC)) === true;
  return {
    path,
    roles,
    isPublic,
    async scopeCheck(store, principal, params, query = {}) {
      for (const name of Object.keys(params)) {
        if (!path.split('/').includes(`:${name}`)) throw new Error(`the route ${path} has no :${name}: the guard would not see it`);
      }
      const request = { principal, params, query };
      const context = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
      await new UnitScopeGuard(new CampaignUnits(store), noAccounts).canActivate(context);
    },
  };
}
