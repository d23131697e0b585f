// The token-signing secret: JWT_SECRET, or one generated once and kept in the installation's database, so that every
// API process on one PostgreSQL signs and accepts the same tokens. Without a database (EVENT_STORE=memory), a file in
// the data directory.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { installationSecret } from '@campaign-ledger/identity';
import type { AppConfig } from '@campaign-ledger/runtime';

export async function loadJwtSecret(pool: Pool | null, config: Pick<AppConfig, 'jwtSecret' | 'dataDir'>): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const dataDir = config.dataDir;
  const file = join(dataDir, 'jwt-secret');
  // An installation from before the secret moved into the database keeps its secret (and its signed-in users).
  const earlier = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  if (pool) return installationSecret(pool, 'jwt-signing-key', () => earlier || randomBytes(48).toString('base64url'));
  if (earlier) return earlier;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
