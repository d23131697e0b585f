// Signing in and the accounts administrators manage (/api/auth, /api/accounts).
import type { Account, Role } from '@campaign-ledger/domain';

/** An account as answers show it: the domain's account without its token epoch (no secret), the names people read. */
export type AccountView = Pick<Account, 'accountId' | 'username' | 'displayName' | 'role' | 'unitId' | 'branchId' | 'disabled'>;

/** POST /api/auth/login and POST /api/auth/password: a bearer token and who it signs in. */
export interface LoginAnswer {
  readonly token: string;
  readonly account: AccountView;
}

export interface LoginBody {
  readonly username: string;
  readonly password: string;
}

export interface ChangeOwnPasswordBody {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** POST /api/accounts. unitId is left out by a unit administrator (their unit) and for an installation administrator. */
export interface CreateAccountBody {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId?: string;
  /** Required for a secretary: the branch they write for. */
  readonly branchId?: string;
  readonly password: string;
}

/** POST /api/accounts/:accountId/role. */
export interface ChangeRoleBody {
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
  readonly reason?: string;
}

/** POST /api/accounts/:accountId/password. */
export interface ResetPasswordBody {
  readonly password: string;
  readonly reason?: string;
}

/** POST /api/accounts/:accountId/disable and /enable. */
export interface AccountReasonBody {
  readonly reason: string;
}
