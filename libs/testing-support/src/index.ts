// Test helpers shared by every suite that needs a real PostgreSQL: each call gets its own database.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Server used by tests; CI starts PostgreSQL 15 on 127.0.0.1:5432 (trust auth). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'cl_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A test's own pool: when its database is dropped WITH (FORCE) an idle client is terminated (57P01), and a pool
 * without an 'error' listener turns that into an unhandled error that fails whichever test is running.
 */
export function quietPool<P extends { on(event: 'error', listener: (error: Error) => void): unknown }>(pool: P): P {
  pool.on('error', () => undefined);
  return pool;
}
