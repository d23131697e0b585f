// Password hashes, kept outside the event log: the log records that a password was set, changed or reset, never the
// hash. One row per account in the database that holds the read models (DATABASE_URL, or the embedded PGlite).
import type { Pool } from 'pg';
import { ensureSchema } from '@campaign-ledger/runtime';

export interface CredentialStore {
  /** The stored hash of the account's password; null when none was ever set. */
  hashOf(accountId: string): Promise<string | null>;
  set(accountId: string, passwordHash: string): Promise<void>;
  /** Removes the account's hash (used to undo a set whose event could not be written). */
  remove(accountId: string): Promise<void>;
}

export class InMemoryCredentialStore implements CredentialStore {
  private readonly hashes = new Map<string, string>();

  async hashOf(accountId: string): Promise<string | null> {
    return this.hashes.get(accountId) ?? null;
  }

  async set(accountId: string, passwordHash: string): Promise<void> {
    this.hashes.set(accountId, passwordHash);
  }

  async remove(accountId: string): Promise<void> {
    this.hashes.delete(accountId);
  }
}

export class PostgresCredentialStore implements CredentialStore {
  private constructor(private readonly pool: Pool) {}

  static async create(pool: Pool): Promise<PostgresCredentialStore> {
    await ensureSchema(
      pool,
      `CREATE TABLE IF NOT EXISTS account_credentials (
      account_id text PRIMARY KEY, password_hash text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    return new PostgresCredentialStore(pool);
  }

  async hashOf(accountId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ password_hash: string }>('SELECT password_hash FROM account_credentials WHERE account_id = $1', [accountId]);
    return rows[0]?.password_hash ?? null;
  }

  async set(accountId: string, passwordHash: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO account_credentials (account_id, password_hash) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
      [accountId, passwordHash],
    );
  }

  async remove(accountId: string): Promise<void> {
    await this.pool.query('DELETE FROM account_credentials WHERE account_id = $1', [accountId]);
  }
}
