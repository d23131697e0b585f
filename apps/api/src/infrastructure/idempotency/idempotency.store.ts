// Remembers the response to each (account, Idempotency-Key) so that a retried POST gets the first answer. A record
// still "in progress" names the API process that claimed it: when that process has died (a crash between the write
// and the answer), a retry takes the record over and finds out from the log what the first attempt committed.
import type { Pool } from 'pg';
import { ensureSchema } from '@campaign-ledger/runtime';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number | null;
  readonly body: unknown;
  /** The API process that claimed the key (null for records written before owners were kept). */
  readonly owner: string | null;
}

export interface IdempotencyStore {
  /** Claims the key for `owner`; returns the stored record instead when the key is already known. */
  claim(scope: string, key: string, fingerprint: string, owner: string): Promise<StoredResponse | null>;
  /** Takes over a record still in progress whose owner is `from` (dead); false when someone else took it first. */
  takeOver(scope: string, key: string, from: string | null, owner: string): Promise<boolean>;
  complete(scope: string, key: string, status: number, body: unknown): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, StoredResponse>();

  async claim(scope: string, key: string, fingerprint: string, owner: string) {
    const id = `${scope}\u0000${key}`;
    const existing = this.records.get(id);
    if (existing) return existing;
    this.records.set(id, { fingerprint, status: null, body: null, owner });
    return null;
  }

  async takeOver(scope: string, key: string, from: string | null, owner: string) {
    const id = `${scope}\u0000${key}`;
    const record = this.records.get(id);
    if (!record || record.status !== null || record.owner !== from) return false;
    this.records.set(id, { ...record, owner });
    return true;
  }

  async complete(scope: string, key: string, status: number, body: unknown) {
    const id = `${scope}\u0000${key}`;
    const record = this.records.get(id);
    if (record) this.records.set(id, { ...record, status, body });
  }

  async release(scope: string, key: string) {
    this.records.delete(`${scope}\u0000${key}`);
  }
}

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  static async create(pool: Pool): Promise<PostgresIdempotencyStore> {
    await ensureSchema(
      pool,
      `CREATE TABLE IF NOT EXISTS http_idempotency (
      scope text NOT NULL, key text NOT NULL, fingerprint text NOT NULL, status int, body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (scope, key))`,
    );
    await ensureSchema(pool, 'ALTER TABLE http_idempotency ADD COLUMN IF NOT EXISTS owner text');
    return new PostgresIdempotencyStore(pool);
  }

  async claim(scope: string, key: string, fingerprint: string, owner: string): Promise<StoredResponse | null> {
    const inserted = await this.pool.query(
      'INSERT INTO http_idempotency (scope, key, fingerprint, owner) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key',
      [scope, key, fingerprint, owner],
    );
    if (inserted.rowCount === 1) return null;
    const { rows } = await this.pool.query('SELECT fingerprint, status, body, owner FROM http_idempotency WHERE scope = $1 AND key = $2', [scope, key]);
    return rows[0] ? { fingerprint: rows[0].fingerprint, status: rows[0].status, body: rows[0].body, owner: rows[0].owner } : null;
  }

  async takeOver(scope: string, key: string, from: string | null, owner: string): Promise<boolean> {
    const updated = await this.pool.query(
      'UPDATE http_idempotency SET owner = $4 WHERE scope = $1 AND key = $2 AND status IS NULL AND owner IS NOT DISTINCT FROM $3',
      [scope, key, from, owner],
    );
    return updated.rowCount === 1;
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    // jsonb cannot hold NUL characters or lone surrogates; an answer may quote them from a hostile URL.
    const json = JSON.stringify(body ?? null, (_key, value) => (typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD').toWellFormed() : value));
    await this.pool.query('UPDATE http_idempotency SET status = $3, body = $4 WHERE scope = $1 AND key = $2', [scope, key, status, json]);
  }

  async release(scope: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM http_idempotency WHERE scope = $1 AND key = $2', [scope, key]);
  }
}
