// Keeps the accounts stream's state in memory, catching up from the store before each use.
import { Inject, Injectable } from '@nestjs/common';
import {
  ACCOUNTS_STREAM, accountsInitialState, decideAccounts, evolveAccounts, findAccountByUsername,
  type Account, type AccountCommand, type AccountEvent, type AccountsState,
} from '@campaign-ledger/domain';
import { ConcurrencyError, type EventStore, type MetadataInput } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';

@Injectable()
export class AccountsService {
  private state: AccountsState = accountsInitialState();
  private revision = -1;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private caughtUpAt = Number.NEGATIVE_INFINITY;
  private catchingUp: Promise<void> | null = null;

  private async catchUp(): Promise<void> {
    const startedAt = performance.now();
    const events = await this.store.readStream(ACCOUNTS_STREAM, { fromRevision: this.revision + 1 });
    for (const event of events) {
      if (event.revision <= this.revision) continue;
      this.state = evolveAccounts(this.state, { type: event.type, data: event.data } as AccountEvent);
      this.revision = event.revision;
    }
    this.caughtUpAt = Math.max(this.caughtUpAt, startedAt);
  }

  /** Catches up unless that was done less than `maxAgeMs` ago; concurrent callers share one read. */
  private async fresh(maxAgeMs: number): Promise<void> {
    if (performance.now() - this.caughtUpAt <= maxAgeMs) return;
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null;
    });
    await this.catchingUp;
  }

  /**
   * With `maxAgeMs`, the state may be that old (the auth guard: changes made through this process apply at once,
   * since `execute` catches up; another process's change to an account applies within that time).
   */
  async findById(accountId: string, options: { maxAgeMs?: number } = {}): Promise<Account | undefined> {
    if (options.maxAgeMs !== undefined) await this.fresh(options.maxAgeMs);
    else await this.catchUp();
    return this.state.byId.get(accountId);
  }

  async findByUsername(username: string): Promise<Account | undefined> {
    await this.catchUp();
    return findAccountByUsername(this.state, username);
  }

  async list(): Promise<Account[]> {
    await this.catchUp();
    return [...this.state.byId.values()];
  }

  async execute(command: AccountCommand, metadata: MetadataInput, idempotencyKey?: string): Promise<AccountEvent[]> {
    for (let attempt = 0; ; attempt += 1) {
      await this.catchUp();
      const events = decideAccounts(command, this.state);
      if (events.length === 0) return [];
      try {
        await this.store.append(ACCOUNTS_STREAM, events, {
          expectedRevision: this.revision < 0 ? 'no_stream' : this.revision,
          metadata,
          idempotencyKey,
        });
        await this.catchUp();
        return events;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
      }
    }
  }
}
