// Counts log-in attempts in the database, where every API process of the installation sees them: a limit per process
// would let N processes take N times the guesses. One row per key (address or account) and fixed window.
import type { Pool } from 'pg';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ensureSchema } from '@campaign-ledger/runtime';

interface ThrottleRecord {
  readonly totalHits: number;
  readonly timeToExpire: number;
  readonly isBlocked: boolean;
  readonly timeToBlockExpire: number;
}

const INCREMENT_SQL = `
INSERT INTO login_throttle AS t (key, hits, window_ends, blocked_until)
VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0), NULL)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN t.window_ends <= now() THEN 1 ELSE t.hits + 1 END,
  window_ends = CASE WHEN t.window_ends <= now() THEN now() + make_interval(secs => $2 / 1000.0) ELSE t.window_ends END,
  blocked_until = CASE WHEN t.blocked_until > now() THEN t.blocked_until ELSE NULL END
RETURNING hits, EXTRACT(EPOCH FROM (window_ends - now()))::float8 AS expires_in,
  EXTRACT(EPOCH FROM (COALESCE(blocked_until, now()) - now()))::float8 AS blocked_for`;

export class PostgresThrottlerStorage implements ThrottlerStorage {
  private constructor(private readonly pool: Pool) {}

  static async create(pool: Pool): Promise<PostgresThrottlerStorage> {
    await ensureSchema(
      pool,
      `CREATE TABLE IF NOT EXISTS login_throttle (
      key text PRIMARY KEY, hits int NOT NULL, window_ends timestamptz NOT NULL, blocked_until timestamptz)`,
    );
    return new PostgresThrottlerStorage(pool);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottleRecord> {
    const { rows } = await this.pool.query<{ hits: number; expires_in: number; blocked_for: number }>(INCREMENT_SQL, [key, ttl]);
    let { hits, blocked_for: blockedFor } = rows[0];
    if (blockedFor <= 0 && hits > limit) {
      const blocked = await this.pool.query<{ blocked_for: number }>(
        `UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2 / 1000.0) WHERE key = $1
         RETURNING EXTRACT(EPOCH FROM (blocked_until - now()))::float8 AS blocked_for`,
        [key, blockDuration],
      );
      blockedFor = blocked.rows[0]?.blocked_for ?? 0;
    }
    hits = Number(hits);
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(rows[0].expires_in)),
      isBlocked: blockedFor > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockedFor)),
    };
  }
}
