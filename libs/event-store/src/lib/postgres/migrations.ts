// Versioned schema of the PostgreSQL / PGlite event store; SQL that runs on PostgreSQL 15 and PGlite (PostgreSQL 18).
import type { Pool, PoolClient } from 'pg';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and idempotency keys',
    sql: `
      CREATE TABLE events (
        position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        revision int NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version int NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        previous_hash text,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      );
      CREATE INDEX events_log_order_idx ON events (transaction_id, position);
      CREATE TABLE event_idempotency (
        key text PRIMARY KEY,
        stream_id text NOT NULL,
        first_revision int NOT NULL,
        last_revision int NOT NULL,
        last_position bigint NOT NULL,
        last_transaction_id xid8 NOT NULL,
        event_ids uuid[] NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'recording times kept to the millisecond they were sealed with',
    // The sealed recording time (metadata.recordedAt) has millisecond precision, and every reader reads milliseconds:
    // a recorded_at moved by less than a millisecond would change nothing anyone sees, and so could not be named by
    // verify either. New and changed rows must be whole milliseconds; rows written before are left as they are.
    sql: `
      ALTER TABLE events ALTER COLUMN recorded_at SET DEFAULT date_trunc('milliseconds', now());
      ALTER TABLE events ADD CONSTRAINT events_recorded_at_whole_ms
        CHECK (recorded_at = date_trunc('milliseconds', recorded_at)) NOT VALID;
    `,
  },
];

export const EVENT_STORE_SCHEMA_VERSION = EVENT_STORE_MIGRATIONS[EVENT_STORE_MIGRATIONS.length - 1].version;

// Arbitrary constant shared by every process that migrates this schema.
const MIGRATION_LOCK_KEY = 4_711_020_260_611n;

export interface MigrationOptions {
  /** Off for PGlite, where every connection is one session and advisory locks exclude nothing. */
  readonly advisoryLock?: boolean;
  readonly migrations?: readonly Migration[];
}

export interface MigrationReport {
  readonly applied: readonly number[];
  readonly schemaVersion: number;
}

/** Applies each pending migration once, each in its own transaction, serialised across processes. */
export async function runMigrations(pool: Pool, options: MigrationOptions = {}): Promise<MigrationReport> {
  const migrations = [...(options.migrations ?? EVENT_STORE_MIGRATIONS)].sort((a, b) => a.version - b.version);
  const lock = options.advisoryLock ?? true;
  const client = await pool.connect();
  const applied: number[] = [];
  let schemaVersion = 0;
  try {
    for (const migration of migrations) {
      const done = await applyOne(client, migration, lock);
      if (done) applied.push(migration.version);
      schemaVersion = migration.version;
    }
    return { applied, schemaVersion };
  } finally {
    client.release();
  }
}

async function applyOne(client: PoolClient, migration: Migration, lock: boolean): Promise<boolean> {
  await client.query('BEGIN');
  try {
    if (lock) await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS event_store_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const existing = await client.query('SELECT 1 FROM event_store_migrations WHERE version = $1', [migration.version]);
    if (existing.rowCount) {
      await client.query('COMMIT');
      return false;
    }
    await client.query(migration.sql);
    await client.query('INSERT INTO event_store_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
