// Failed log-ins (and failed checks of the current password) are counted in the database, where every API process
// sees them: per account and client address, so that a guesser is stopped after a few tries without letting anyone
// lock a colleague out from elsewhere; and per account from every address together, at a higher bar, so that guessing
// from many addresses is stopped too. A successful sign-in clears that address's count.
import type { Pool } from 'pg';
import { DomainError, normaliseUsername, type DomainErrorKind } from '@campaign-ledger/domain';
import { ensureSchema } from '@campaign-ledger/runtime';

export const ATTEMPT_LIMITS = {
  /** Failures for one account from one address within the window. */
  perAccountAndAddress: 10,
  /** Failures for one account from all addresses within the window. */
  perAccount: 100,
  windowMs: 15 * 60_000,
} as const;

export class TooManyAttempts extends DomainError {
  static readonly code = 'AUTH.TOO_MANY_ATTEMPTS';
  static readonly kind: DomainErrorKind = 'too_many';
  static wait(seconds: number): TooManyAttempts {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return new TooManyAttempts(
      `too many failed attempts for this account: wait ${minutes} minute(s) and try again`,
      `该账号尝试失败次数过多，请 ${minutes} 分钟后再试`,
      { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) },
    );
  }
}

export interface FailureCounts {
  /** Seconds until the key may try again (0: it may). */
  blockedFor(key: string, limit: number): Promise<number>;
  add(keys: readonly string[], windowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
}

export class InMemoryFailureCounts implements FailureCounts {
  private readonly counts = new Map<string, { hits: number; until: number }>();

  async blockedFor(key: string, limit: number): Promise<number> {
    const entry = this.counts.get(key);
    if (!entry || entry.until <= Date.now()) return 0;
    return entry.hits >= limit ? (entry.until - Date.now()) / 1000 : 0;
  }

  async add(keys: readonly string[], windowMs: number): Promise<void> {
    for (const key of keys) {
      const entry = this.counts.get(key);
      if (!entry || entry.until <= Date.now()) this.counts.set(key, { hits: 1, until: Date.now() + windowMs });
      else entry.hits += 1;
    }
  }

  async clear(key: string): Promise<void> {
    this.counts.delete(key);
  }
}

export class PostgresFailureCounts implements FailureCounts {
  private constructor(private readonly pool: Pool) {}

  static async create(pool: Pool): Promise<PostgresFailureCounts> {
    await ensureSchema(pool, 'CREATE TABLE IF NOT EXISTS login_failures (key text PRIMARY KEY, failures int NOT NULL, window_ends timestamptz NOT NULL)');
    return new PostgresFailureCounts(pool);
  }

  async blockedFor(key: string, limit: number): Promise<number> {
    const { rows } = await this.pool.query<{ wait: number }>(
      'SELECT EXTRACT(EPOCH FROM (window_ends - now()))::float8 AS wait FROM login_failures WHERE key = $1 AND failures >= $2 AND window_ends > now()',
      [key, limit],
    );
    return rows[0] ? Math.max(0, rows[0].wait) : 0;
  }

  async add(keys: readonly string[], windowMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO login_failures AS f (key, failures, window_ends)
       SELECT k, 1, now() + make_interval(secs => $2 / 1000.0) FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_ends <= now() THEN 1 ELSE f.failures + 1 END,
         window_ends = CASE WHEN f.window_ends <= now() THEN now() + make_interval(secs => $2 / 1000.0) ELSE f.window_ends END`,
      [keys, windowMs],
    );
  }

  async clear(key: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}

/** What a log-in or a password check consults first, and tells afterwards. */
export class LoginAttempts {
  constructor(private readonly counts: FailureCounts) {}

  private keys(username: string, address: string) {
    const account = `account:${normaliseUsername(username)}`;
    return { account, pair: `${account}@${address}` };
  }

  /** Throws TooManyAttempts while this account may not try again from this address. */
  async assertMayTry(username: string, address: string): Promise<void> {
    const { account, pair } = this.keys(username, address);
    const wait = Math.max(
      await this.counts.blockedFor(pair, ATTEMPT_LIMITS.perAccountAndAddress),
      await this.counts.blockedFor(account, ATTEMPT_LIMITS.perAccount),
    );
    if (wait > 0) throw TooManyAttempts.wait(wait);
  }

  async failed(username: string, address: string): Promise<void> {
    const { account, pair } = this.keys(username, address);
    await this.counts.add([pair, account], ATTEMPT_LIMITS.windowMs);
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.counts.clear(this.keys(username, address).pair);
  }
}
