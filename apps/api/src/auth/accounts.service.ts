// The accounts stream through the one write path (the aggregate store), and the passwords kept beside it, outside
// the log, in the credential store.
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  ACCOUNTS_STREAM,
  accountsDecider,
  findAccountByUsername,
  type Account,
  type AccountCommand,
  type AccountEvent,
  type AccountsState,
} from '@campaign-ledger/domain';
import type { AccountView } from '@campaign-ledger/api-contract';
import type { EventStore, MetadataInput } from '@campaign-ledger/event-store';
import { PasswordHasher, type CredentialStore } from '@campaign-ledger/identity';
import { AggregateStore } from '../infrastructure/event-sourcing/aggregate-store';
import { CREDENTIAL_STORE, EVENT_STORE } from '../infrastructure/tokens';
import { assertCanManageAccount, NotFoundForYou } from './access-policy';
import type { Principal } from './principal';

/** The state may be this old for the auth guard: changes made through this process apply at once (they update it). */
const GUARD_MAX_AGE_MS = 1_000;

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<AccountsState> | null = null;

  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Stores written before passwords left the log sealed the hashes into AccountCreated / AccountPasswordChanged.
   * Those events stay (the chain needs them); the last hash of each account that has no credential yet is copied to
   * the credential store once, so that sign-in reads one place and nothing ever reads a hash out of the log again.
   */
  async onApplicationBootstrap(): Promise<void> {
    const legacy = new Map<string, string>();
    for (const event of await this.store.readStream(ACCOUNTS_STREAM)) {
      const data = event.data as { accountId?: unknown; passwordHash?: unknown };
      if (typeof data.accountId === 'string' && typeof data.passwordHash === 'string') legacy.set(data.accountId, data.passwordHash);
      else if (typeof data.accountId === 'string' && (event.type === 'AccountPasswordChanged' || event.type === 'AccountPasswordReset'))
        legacy.delete(data.accountId);
    }
    let copied = 0;
    for (const [accountId, hash] of legacy) {
      if ((await this.credentials.hashOf(accountId)) !== null) continue;
      await this.credentials.set(accountId, hash);
      copied += 1;
    }
    if (copied > 0) this.logger.warn(`moved the password hashes of ${copied} account(s) from the log's old events to the credential store`);
  }

  /** The accounts as recorded now (one read of what is new). */
  async state(): Promise<AccountsState> {
    this.loading ??= (async () => {
      const startedAt = performance.now();
      try {
        const { state } = await this.aggregates.load(ACCOUNTS_STREAM, accountsDecider);
        this.loadedAt = Math.max(this.loadedAt, startedAt);
        return state;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /**
   * For the auth guard, on every request: the state read at most a second ago, so that another process's change to
   * an account (disabled, password changed, role changed) applies within a second and this process's at once.
   */
  async forRequest(accountId: string): Promise<Account | undefined> {
    const known = this.aggregates.peek(ACCOUNTS_STREAM, accountsDecider);
    const state = known && performance.now() - this.loadedAt <= GUARD_MAX_AGE_MS ? known.state : await this.state();
    return state.byId.get(accountId);
  }

  /**
   * Whether a signed-in session is still good: the token not expired, the account enabled, its password unchanged
   * since the token was issued. A live stream asks this as it goes, as every request's guard does.
   */
  async stillSignedIn(principal: Principal, nowMs: number): Promise<boolean> {
    if (!principal.session || nowMs >= principal.session.expiresAtMs) return false;
    const account = await this.forRequest(principal.accountId);
    return !!account && !account.disabled && account.tokenEpoch === principal.session.tokenEpoch;
  }

  async findById(accountId: string): Promise<Account | undefined> {
    return (await this.state()).byId.get(accountId);
  }

  /** The account, when the principal may manage it; NotFoundForYou when there is none, or it is another unit's. */
  async manageable(principal: Principal, accountId: string): Promise<Account> {
    const account = await this.findById(accountId);
    if (!account) throw NotFoundForYou.thing('account', '账号', accountId);
    assertCanManageAccount(principal, account);
    return account;
  }

  async findByUsername(username: string): Promise<Account | undefined> {
    return findAccountByUsername(await this.state(), username);
  }

  async list(): Promise<Account[]> {
    return [...(await this.state()).byId.values()];
  }

  /** Checks a password against the stored hash; false for an account without one. */
  async passwordMatches(account: Account, password: string): Promise<boolean> {
    const hash = await this.credentials.hashOf(account.accountId);
    return hash !== null && this.hasher.verify(password, hash);
  }

  /** Spends the time a real check would, so that answers do not reveal which usernames exist. */
  async wastePasswordCheck(password: string): Promise<void> {
    await this.hasher.hash(password);
  }

  /**
   * Runs an account command. With `password`, the new hash is stored first and taken back if the command is refused
   * or cannot be recorded, so that the log never says a password was set that is not in force, nor the reverse.
   */
  async execute(command: AccountCommand, metadata: MetadataInput, options: { password?: string } = {}): Promise<{ events: AccountEvent[]; account: Account }> {
    const accountId = command.data.accountId;
    let restore: (() => Promise<void>) | null = null;
    if (options.password !== undefined) {
      const previous = await this.credentials.hashOf(accountId);
      await this.credentials.set(accountId, await this.hasher.hash(options.password));
      restore = () => (previous === null ? this.credentials.remove(accountId) : this.credentials.set(accountId, previous));
    }
    try {
      const result = await this.aggregates.handle(ACCOUNTS_STREAM, accountsDecider, command, () => undefined, { metadata });
      const account = result.state.byId.get(accountId);
      if (!account) throw new Error(`account ${accountId} is missing after ${command.type}`);
      return { events: result.events, account };
    } catch (error) {
      await restore?.().catch((undo: Error) => this.logger.error(`could not restore the previous password of ${accountId}: ${undo.message}`));
      throw error;
    }
  }
}

/** An account as answers show it (the contract's AccountView): no secret, the names people read. */
export function accountView(account: Account): AccountView {
  const { accountId, username, displayName, role, unitId, branchId, disabled } = account;
  return { accountId, username, displayName, role, unitId, branchId, disabled };
}

export type { AccountView };
