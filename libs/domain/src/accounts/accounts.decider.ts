// Who may sign in and with which role: one stream for all accounts of the installation.
import { DomainError, type DomainErrorKind } from '../shared/errors';

export const ROLES = ['administrator', 'leading_group', 'secretary', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const AccountEventTypes = {
  AccountCreated: 'AccountCreated',
  AccountPasswordChanged: 'AccountPasswordChanged',
  AccountRoleChanged: 'AccountRoleChanged',
  AccountDisabled: 'AccountDisabled',
} as const;

export type AccountEvent =
  | { type: 'AccountCreated'; data: { accountId: string; username: string; displayName: string; role: Role; unitId: string | null; branchId: string | null; passwordHash: string } }
  | { type: 'AccountPasswordChanged'; data: { accountId: string; passwordHash: string } }
  | { type: 'AccountRoleChanged'; data: { accountId: string; role: Role; unitId: string | null; branchId: string | null } }
  | { type: 'AccountDisabled'; data: { accountId: string; reason: string } };

export type AccountCommand =
  | { type: 'CreateAccount'; data: { accountId: string; username: string; displayName: string; role: Role; unitId?: string | null; branchId?: string | null; passwordHash: string } }
  | { type: 'ChangePassword'; data: { accountId: string; passwordHash: string } }
  | { type: 'ChangeRole'; data: { accountId: string; role: Role; unitId?: string | null; branchId?: string | null } }
  | { type: 'DisableAccount'; data: { accountId: string; reason: string } };

export interface Account {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId: string | null;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

export interface AccountsState {
  readonly byId: ReadonlyMap<string, Account>;
  readonly idByUsername: ReadonlyMap<string, string>;
}

/** One error class for account rules; the code says which rule (the HTTP filter maps `kind`). */
export class AccountError extends DomainError {
  static readonly code = 'ACCOUNT.INVALID';
  static readonly kind: DomainErrorKind = 'validation';
  private constructor(code: string, kind: DomainErrorKind, message: string) {
    super(message, message);
    Object.assign(this, { code, kind });
  }
  static because(code: string, kind: DomainErrorKind, message: string): AccountError {
    return new AccountError(code, kind, message);
  }
}

export const accountsInitialState = (): AccountsState => ({ byId: new Map(), idByUsername: new Map() });

const normalise = (username: string) => username.trim().toLowerCase();

function requireAccount(state: AccountsState, accountId: string): Account {
  const account = state.byId.get(accountId);
  if (!account) throw AccountError.because('ACCOUNT.NOT_FOUND', 'not_found', `no account ${accountId}`);
  return account;
}

function checkRoleScope(role: Role, branchId: string | null | undefined) {
  if (role === 'secretary' && !branchId) {
    throw AccountError.because('ACCOUNT.BRANCH_REQUIRED', 'validation', 'a secretary account needs the branch it writes for (branchId)');
  }
  if (role !== 'secretary' && branchId) {
    throw AccountError.because('ACCOUNT.BRANCH_NOT_ALLOWED', 'validation', `only secretaries belong to a branch; remove branchId for role ${role}`);
  }
}

export function decideAccounts(command: AccountCommand, state: AccountsState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount': {
      const { accountId, username, role, branchId } = command.data;
      if (!/^[a-z0-9._-]{2,64}$/i.test(username.trim())) {
        throw AccountError.because('ACCOUNT.USERNAME_INVALID', 'validation', 'username must be 2..64 letters, digits, dot, dash or underscore');
      }
      if (state.byId.has(accountId)) throw AccountError.because('ACCOUNT.EXISTS', 'conflict', `account ${accountId} already exists`);
      if (state.idByUsername.has(normalise(username))) {
        throw AccountError.because('ACCOUNT.USERNAME_TAKEN', 'conflict', `username "${username}" is already taken; choose another`);
      }
      checkRoleScope(role, branchId);
      return [{
        type: 'AccountCreated',
        data: { ...command.data, username: normalise(username), unitId: command.data.unitId ?? null, branchId: branchId ?? null },
      }];
    }
    case 'ChangePassword':
      requireAccount(state, command.data.accountId);
      return [{ type: 'AccountPasswordChanged', data: command.data }];
    case 'ChangeRole': {
      const account = requireAccount(state, command.data.accountId);
      checkRoleScope(command.data.role, command.data.branchId);
      const unitId = command.data.unitId ?? null;
      const branchId = command.data.branchId ?? null;
      if (account.role === command.data.role && account.branchId === branchId && account.unitId === unitId) return [];
      return [{ type: 'AccountRoleChanged', data: { accountId: account.accountId, role: command.data.role, unitId, branchId } }];
    }
    case 'DisableAccount': {
      const account = requireAccount(state, command.data.accountId);
      if (account.disabled) return [];
      if (!command.data.reason.trim()) throw AccountError.because('ACCOUNT.REASON_REQUIRED', 'validation', 'say why the account is disabled');
      return [{ type: 'AccountDisabled', data: command.data }];
    }
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

export function evolveAccounts(state: AccountsState, event: AccountEvent): AccountsState {
  const byId = new Map(state.byId);
  const idByUsername = new Map(state.idByUsername);
  switch (event.type) {
    case 'AccountCreated':
      byId.set(event.data.accountId, { ...event.data, disabled: false });
      idByUsername.set(event.data.username, event.data.accountId);
      break;
    case 'AccountPasswordChanged': {
      const account = byId.get(event.data.accountId);
      if (account) byId.set(account.accountId, { ...account, passwordHash: event.data.passwordHash });
      break;
    }
    case 'AccountRoleChanged': {
      const account = byId.get(event.data.accountId);
      if (account) byId.set(account.accountId, { ...account, role: event.data.role, unitId: event.data.unitId, branchId: event.data.branchId });
      break;
    }
    case 'AccountDisabled': {
      const account = byId.get(event.data.accountId);
      if (account) byId.set(account.accountId, { ...account, disabled: true });
      break;
    }
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
  return { byId, idByUsername };
}

export const ACCOUNTS_STREAM = 'accounts';

export const findAccountByUsername = (state: AccountsState, username: string): Account | undefined => {
  const id = state.idByUsername.get(normalise(username));
  return id ? state.byId.get(id) : undefined;
};
