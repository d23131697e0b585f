// Secrets every API process of one installation must share (the token-signing key): kept in the installation's
// database, created once by whichever process comes first, so that several processes on one PostgreSQL agree.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { ensureSchema } from '@campaign-ledger/runtime';

/**
 * The secret named `name`: the stored one, or `initial()` (default: 48 random bytes) stored by the first caller.
 * Concurrent first callers agree: only one insert wins and everyone reads it back.
 */
export async function installationSecret(pool: Pool, name: string, initial: () => string = () => randomBytes(48).toString('base64url')): Promise<string> {
  await ensureSchema(
    pool,
    'CREATE TABLE IF NOT EXISTS installation_secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  );
  await pool.query('INSERT INTO installation_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, initial()]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM installation_secrets WHERE name = $1', [name]);
  if (!rows[0]) throw new Error(`installation secret ${name} could not be stored`);
  return rows[0].value;
}
