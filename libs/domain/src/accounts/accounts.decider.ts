// Who may sign in, with which role and in which unit: one stream for all accounts of the installation.
// Passwords are not facts of this stream: their hashes live outside the log (the credential store); the stream records
// that a password was set, changed or reset, by whom (metadata actor) and when.
import type { Decider } from '../shared/decider';
import { DomainError, type DomainErrorKind } from '../shared/errors';

export const ROLES = ['administrator', 'leading_group', 'secretary', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const AccountEventTypes = {
  AccountCreated: 'AccountCreated',
  AccountPasswordChanged: 'AccountPasswordChanged',
  AccountPasswordReset: 'AccountPasswordReset',
  AccountRoleChanged: 'AccountRoleChanged',
  AccountDisabled: 'AccountDisabled',
  AccountEnabled: 'AccountEnabled',
} as const;

interface AccountScope {
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId: string | null;
}

/**
 * Stores written before credentials left the log carry `passwordHash` in AccountCreated and AccountPasswordChanged:
 * those events are sealed and still verify; the field is never read into state nor shown (see `LEGACY_SECRET_FIELDS`).
 */
export type AccountEvent =
  | { type: 'AccountCreated'; data: { accountId: string; username: string; displayName: string } & AccountScope }
  /** The holder changed their own password. */
  | { type: 'AccountPasswordChanged'; data: { accountId: string } }
  /** An administrator set a new password for the account (or the first one, from the command line). */
  | { type: 'AccountPasswordReset'; data: { accountId: string } }
  | { type: 'AccountRoleChanged'; data: { accountId: string } & AccountScope }
  | { type: 'AccountDisabled'; data: { accountId: string; reason: string } }
  | { type: 'AccountEnabled'; data: { accountId: string; reason: string } };

/** Fields of account events that held secrets in stores written before credentials left the log. */
export const LEGACY_SECRET_FIELDS: readonly string[] = ['passwordHash'];

/** Event data without any field that once held a secret: what history, exports of views and answers may show. */
export function withoutSecrets<T>(data: T): T {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  if (!LEGACY_SECRET_FIELDS.some((field) => field in (data as object))) return data;
  const copy = { ...(data as Record<string, unknown>) };
  for (const field of LEGACY_SECRET_FIELDS) delete copy[field];
  return copy as T;
}

export type AccountCommand =
  | { type: 'CreateAccount'; data: { accountId: string; username: string; displayName: string; role: Role; unitId?: string | null; branchId?: string | null } }
  | { type: 'ChangeOwnPassword'; data: { accountId: string } }
  | { type: 'ResetPassword'; data: { accountId: string } }
  | { type: 'ChangeRole'; data: { accountId: string; role: Role; unitId?: string | null; branchId?: string | null } }
  | { type: 'DisableAccount'; data: { accountId: string; reason: string } }
  | { type: 'EnableAccount'; data: { accountId: string; reason: string } };

export interface Account {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The unit the account works in; null only for an installation administrator (every unit). */
  readonly unitId: string | null;
  readonly branchId: string | null;
  readonly disabled: boolean;
  /**
   * Tokens carry the epoch they were issued in; a password change, a reset or disabling the account moves it on, so
   * every token issued before stops working at once.
   */
  readonly tokenEpoch: number;
}

export interface AccountsState {
  readonly byId: ReadonlyMap<string, Account>;
  readonly idByUsername: ReadonlyMap<string, string>;
}

/** One error class for account rules; the code says which rule (the HTTP filter maps `kind`). */
export class AccountError extends DomainError {
  static readonly code = 'ACCOUNT.INVALID';
  static readonly kind: DomainErrorKind = 'validation';

  private constructor(code: string, kind: DomainErrorKind, message: string, messageZh: string, details: Record<string, unknown>) {
    super(message, messageZh, details);
    Object.assign(this, { code, kind });
  }

  static because(code: string, kind: DomainErrorKind, message: string, messageZh: string = message, details: Record<string, unknown> = {}): AccountError {
    return new AccountError(code, kind, message, messageZh, details);
  }
}

export const accountsInitialState = (): AccountsState => ({ byId: new Map(), idByUsername: new Map() });

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

const USERNAME = /^[a-z0-9._-]{2,64}$/i;

function requireAccount(state: AccountsState, accountId: string): Account {
  const account = state.byId.get(accountId);
  if (!account) throw AccountError.because('ACCOUNT.NOT_FOUND', 'not_found', `no account ${accountId}`, `没有账号 ${accountId}`, { accountId });
  return account;
}

/** The unit and branch an account of this role must (and may) have. */
function scopeOf(role: Role, unitId: string | null | undefined, branchId: string | null | undefined): AccountScope {
  const unit = unitId?.trim() || null;
  const branch = branchId?.trim() || null;
  if (role === 'secretary' && !branch) {
    throw AccountError.because(
      'ACCOUNT.BRANCH_REQUIRED',
      'validation',
      'a secretary account needs the branch it writes for (branchId)',
      '支部书记账号必须指定所在支部（branchId）',
    );
  }
  if (role !== 'secretary' && branch) {
    throw AccountError.because(
      'ACCOUNT.BRANCH_NOT_ALLOWED',
      'validation',
      `only secretaries belong to a branch; remove branchId for role ${role}`,
      `只有支部书记账号属于支部；角色 ${role} 请不要填写 branchId`,
    );
  }
  if (role !== 'administrator' && !unit) {
    throw AccountError.because(
      'ACCOUNT.UNIT_REQUIRED',
      'validation',
      `a ${role} account works in one unit: give its unitId`,
      '除系统管理员外，每个账号都必须属于一个单位：请填写 unitId',
    );
  }
  return { role, unitId: unit, branchId: branch };
}

const isAdministrator = (a: Pick<Account, 'role' | 'disabled'>) => a.role === 'administrator' && !a.disabled;
/** An enabled administrator without a unit: the one who can register units and reach every account. */
const isInstallationAdministrator = (a: Pick<Account, 'role' | 'disabled' | 'unitId'>) => isAdministrator(a) && a.unitId === null;

/**
 * Refuses a change (`after`: the account's new scope, or null when it is disabled) that would leave the installation
 * without an enabled installation administrator, or without any enabled administrator at all: nobody could then
 * register a unit or reach an account but from the command line.
 */
function keepAnAdministrator(state: AccountsState, account: Account, after: AccountScope | null): void {
  const others = [...state.byId.values()].filter((a) => a.accountId !== account.accountId);
  const stillInstallation = after !== null && isInstallationAdministrator({ ...after, disabled: false });
  const stillAdministrator = after !== null && after.role === 'administrator';
  const lastInstallation = isInstallationAdministrator(account) && !stillInstallation && !others.some(isInstallationAdministrator);
  const lastAdministrator = isAdministrator(account) && !stillAdministrator && !others.some(isAdministrator);
  if (lastInstallation || lastAdministrator) {
    throw AccountError.because(
      'ACCOUNT.LAST_ADMINISTRATOR',
      'conflict',
      `${account.username} is the last enabled ${lastInstallation ? 'installation administrator (an administrator of no single unit)' : 'administrator'}: create or enable another first`,
      `${account.username} 是最后一个可用的${lastInstallation ? '系统级管理员（不属于任何单位）' : '系统管理员'}：请先创建或启用另一个`,
      { accountId: account.accountId },
    );
  }
}

function requireReason(reason: string, action: string, actionZh: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw AccountError.because('ACCOUNT.REASON_REQUIRED', 'validation', `say why the account is ${action} (reason)`, `${actionZh}账号必须填写原因`);
  return trimmed;
}

export function decideAccounts(command: AccountCommand, state: AccountsState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount': {
      const { accountId, username, displayName, role } = command.data;
      if (!USERNAME.test(username.trim())) {
        throw AccountError.because(
          'ACCOUNT.USERNAME_INVALID',
          'validation',
          'username must be 2..64 letters, digits, dot, dash or underscore',
          '用户名须为 2 至 64 个字母、数字、点、横线或下划线',
        );
      }
      if (state.byId.has(accountId))
        throw AccountError.because('ACCOUNT.EXISTS', 'conflict', `account ${accountId} already exists`, `账号 ${accountId} 已存在`, { accountId });
      if (state.idByUsername.has(normaliseUsername(username))) {
        throw AccountError.because(
          'ACCOUNT.USERNAME_TAKEN',
          'conflict',
          `username "${username}" is already taken; choose another`,
          `用户名“${username}”已被使用，请换一个`,
          { username },
        );
      }
      const name = displayName.trim();
      if (!name) throw AccountError.because('ACCOUNT.NAME_REQUIRED', 'validation', 'give the account a display name (displayName)', '请填写账号的显示名称');
      return [
        {
          type: 'AccountCreated',
          data: { accountId, username: normaliseUsername(username), displayName: name, ...scopeOf(role, command.data.unitId, command.data.branchId) },
        },
      ];
    }
    case 'ChangeOwnPassword': {
      const account = requireAccount(state, command.data.accountId);
      if (account.disabled)
        throw AccountError.because('ACCOUNT.DISABLED', 'forbidden', 'this account is disabled', '该账号已停用', { accountId: account.accountId });
      return [{ type: 'AccountPasswordChanged', data: { accountId: account.accountId } }];
    }
    case 'ResetPassword':
      return [{ type: 'AccountPasswordReset', data: { accountId: requireAccount(state, command.data.accountId).accountId } }];
    case 'ChangeRole': {
      const account = requireAccount(state, command.data.accountId);
      const scope = scopeOf(command.data.role, command.data.unitId, command.data.branchId);
      if (account.role === scope.role && account.branchId === scope.branchId && account.unitId === scope.unitId) return [];
      keepAnAdministrator(state, account, scope);
      return [{ type: 'AccountRoleChanged', data: { accountId: account.accountId, ...scope } }];
    }
    case 'DisableAccount': {
      const account = requireAccount(state, command.data.accountId);
      if (account.disabled) return [];
      const reason = requireReason(command.data.reason, 'disabled', '停用');
      keepAnAdministrator(state, account, null);
      return [{ type: 'AccountDisabled', data: { accountId: account.accountId, reason } }];
    }
    case 'EnableAccount': {
      const account = requireAccount(state, command.data.accountId);
      if (!account.disabled) return [];
      return [{ type: 'AccountEnabled', data: { accountId: account.accountId, reason: requireReason(command.data.reason, 'enabled again', '重新启用') } }];
    }
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

/** Applies one event to maps the caller owns (evolve copies them once per event, evolveAll once per batch). */
function apply(byId: Map<string, Account>, idByUsername: Map<string, string>, event: AccountEvent): void {
  const update = (accountId: string, change: (account: Account) => Account) => {
    const account = byId.get(accountId);
    if (account) byId.set(accountId, change(account));
  };
  switch (event.type) {
    case 'AccountCreated': {
      const { accountId, username, displayName, role, unitId, branchId } = event.data;
      byId.set(accountId, { accountId, username, displayName, role, unitId: unitId ?? null, branchId: branchId ?? null, disabled: false, tokenEpoch: 0 });
      idByUsername.set(username, accountId);
      break;
    }
    case 'AccountPasswordChanged':
    case 'AccountPasswordReset':
      update(event.data.accountId, (account) => ({ ...account, tokenEpoch: account.tokenEpoch + 1 }));
      break;
    case 'AccountRoleChanged': {
      const { role, unitId, branchId } = event.data;
      update(event.data.accountId, (account) => ({ ...account, role, unitId: unitId ?? null, branchId: branchId ?? null }));
      break;
    }
    case 'AccountDisabled':
      update(event.data.accountId, (account) => ({ ...account, disabled: true, tokenEpoch: account.tokenEpoch + 1 }));
      break;
    case 'AccountEnabled':
      update(event.data.accountId, (account) => ({ ...account, disabled: false }));
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

export function evolveAccounts(state: AccountsState, event: AccountEvent): AccountsState {
  return evolveAllAccounts(state, [event]);
}

export function evolveAllAccounts(state: AccountsState, events: readonly AccountEvent[]): AccountsState {
  const byId = new Map(state.byId);
  const idByUsername = new Map(state.idByUsername);
  for (const event of events) apply(byId, idByUsername, event);
  return { byId, idByUsername };
}

export const accountsDecider: Decider<AccountCommand, AccountsState, AccountEvent> = {
  decide: decideAccounts,
  evolve: evolveAccounts,
  evolveAll: evolveAllAccounts,
  initialState: accountsInitialState,
};

export const ACCOUNTS_STREAM = 'accounts';

export const findAccountByUsername = (state: AccountsState, username: string): Account | undefined => {
  const id = state.idByUsername.get(normaliseUsername(username));
  return id ? state.byId.get(id) : undefined;
};
