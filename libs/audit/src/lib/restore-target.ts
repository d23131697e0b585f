// The "restore" write path: appends events that are already sealed (ids, metadata, hashes fixed) instead of
// sealing new ones as EventStore.append does. The port lives here until the event store offers `appendSealed`.
import type { Pool, PoolClient } from 'pg';
import type { EventMetadata, EventStore, ExpectedRevision, LogPosition, RecordedEvent } from '@campaign-ledger/event-store';
import { RestoreNotSupportedError } from './errors';
import type { BlobSink } from './evidence';

/** An event exactly as it was sealed into its stream's chain. */
export interface SealedEventInput {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly previousHash: string | null;
  readonly hash: string;
  /** When the source recorded it (ISO); restored as is. Null: unknown (the target records the time of the restore). */
  readonly recordedAt?: string | null;
}

/** A restored event as the backend stored it (read back, so the caller can check the hash and the time survived the write). */
export interface RestoredEvent extends Omit<SealedEventInput, 'recordedAt'> {
  readonly logPosition: LogPosition;
  readonly recordedAt: Date;
}

export interface SealedEventWriter {
  /** Where evidence files go, inside the restore's transaction where the backend has one; absent: the target keeps none. */
  readonly blobs?: BlobSink;
  isEmpty(): Promise<boolean>;
  /**
   * Appends `events` (contiguous revisions of `streamId`, chained to each other and to the stream's head) as they are.
   * `expectedRevision` is the stream's current last revision, or 'no_stream'. Refuses (throws) when the stream is not
   * there, or its head hash is not `events[0].previousHash`.
   */
  appendSealed(streamId: string, events: readonly SealedEventInput[], expectedRevision: number | 'no_stream'): Promise<RestoredEvent[]>;
}

export interface RestoreTarget {
  /** Runs the whole restore; all or nothing where the backend can (PostgreSQL: one transaction). */
  restore<T>(work: (writer: SealedEventWriter) => Promise<T>): Promise<T>;
}

/** What the event-store port would offer for restores; used when a store has it. */
export interface SealedAppendCapable {
  appendSealed(streamId: string, events: readonly SealedEventInput[], expectedRevision: ExpectedRevision): Promise<unknown>;
}

const hasAppendSealed = (store: EventStore): store is EventStore & SealedAppendCapable =>
  typeof (store as Partial<SealedAppendCapable>).appendSealed === 'function';

/** A restore target for a store whose port offers `appendSealed` (not atomic: each append commits on its own). */
export function restoreTargetOf(store: EventStore): RestoreTarget {
  if (!hasAppendSealed(store)) {
    throw new RestoreNotSupportedError(
      `the ${store.backend} event store cannot write already-sealed events; import into PostgreSQL or the embedded store (EVENT_STORE=postgres or pglite)`,
    );
  }
  const writer: SealedEventWriter = {
    isEmpty: async () => (await store.readAll({ maxCount: 1 })).length === 0,
    async appendSealed(streamId, events, expectedRevision) {
      await store.appendSealed(streamId, events, expectedRevision);
      const stored = await store.readStream(streamId, { fromRevision: events[0].revision, maxCount: events.length });
      return stored.map((event: RecordedEvent) => ({ ...event }));
    },
  };
  return { restore: (work) => work(writer) };
}

const RESTORE_SQL = `
WITH guard AS (
  SELECT 1 WHERE CASE WHEN $2::int < 0
    THEN NOT EXISTS (SELECT 1 FROM events WHERE stream_id = $1)
    ELSE EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND revision = $2::int AND hash = $3::text)
      AND NOT EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND revision > $2::int) END
), inserted AS (
  INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash, recorded_at)
  SELECT $1, e.revision, e.id, e.type, e.schema_version, e.data, e.metadata, e.previous_hash, e.hash, coalesce(e.recorded_at, date_trunc('milliseconds', now()))
  FROM guard, unnest($4::int[], $5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::timestamptz[])
    WITH ORDINALITY AS e(revision, id, type, schema_version, data, metadata, previous_hash, hash, recorded_at, ord)
  ORDER BY e.ord
  RETURNING position, transaction_id, stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash, recorded_at
)
SELECT position::text AS position, transaction_id::text AS transaction_id, stream_id, revision, event_id::text AS event_id,
  type, schema_version, data, metadata, previous_hash, hash, recorded_at
FROM inserted ORDER BY revision`;

// Appends that carried an idempotency key stored it; a client retrying after the restore must still get a replay.
const RESTORE_IDEMPOTENCY_SQL = `
INSERT INTO event_idempotency (key, stream_id, first_revision, last_revision, last_position, last_transaction_id, event_ids)
VALUES ($1, $2, $3, $4, $5::bigint, pg_current_xact_id(), $6::uuid[])
ON CONFLICT (key) DO UPDATE SET last_revision = EXCLUDED.last_revision, last_position = EXCLUDED.last_position,
  event_ids = event_idempotency.event_ids || EXCLUDED.event_ids
WHERE event_idempotency.stream_id = EXCLUDED.stream_id`;

export interface PostgresRestoreTargetOptions {
  /**
   * Evidence files written on the restore's own connection, and so in its transaction (e.g. the runtime library's
   * `(client) => new PostgresBlobStore(client)`). On the embedded database a second connection would wait for the
   * restore's transaction to end, so it must be this one.
   */
  readonly blobsOn?: (client: PoolClient) => BlobSink;
}

/**
 * Restores into the PostgreSQL (or embedded PGlite) `events` table of a migrated store, in one transaction that
 * holds the table against other writers: a failed import leaves the store as empty as it found it (evidence files too,
 * when they are written through `blobsOn`).
 */
export class PostgresRestoreTarget implements RestoreTarget {
  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresRestoreTargetOptions = {},
  ) {}

  async restore<T>(work: (writer: SealedEventWriter) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE events IN EXCLUSIVE MODE');
      const result = await work(postgresWriter(client, this.options.blobsOn?.(client)));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function postgresWriter(client: PoolClient, blobs: BlobSink | undefined): SealedEventWriter {
  return {
    ...(blobs ? { blobs } : {}),
    async isEmpty() {
      const result = await client.query('SELECT NOT EXISTS (SELECT 1 FROM events) AS empty');
      return result.rows[0].empty === true;
    },
    async appendSealed(streamId, events, expectedRevision) {
      const previousRevision = expectedRevision === 'no_stream' ? -1 : expectedRevision;
      const result = await client.query<RestoredRow>(RESTORE_SQL, [
        streamId,
        previousRevision,
        events[0].previousHash,
        events.map((e) => e.revision),
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata)),
        events.map((e) => e.previousHash),
        events.map((e) => e.hash),
        events.map((e) => e.recordedAt ?? null),
      ]);
      if (result.rows.length !== events.length) {
        throw new Error(
          `stream "${streamId}" is not at ${expectedRevision === 'no_stream' ? 'no stream' : `revision ${expectedRevision}`} with hash ${events[0].previousHash}`,
        );
      }
      const restored = result.rows.map(toRestored);
      await recordIdempotencyKeys(client, streamId, restored);
      return restored;
    },
  };
}

async function recordIdempotencyKeys(client: PoolClient, streamId: string, restored: readonly RestoredEvent[]): Promise<void> {
  const byKey = new Map<string, RestoredEvent[]>();
  for (const event of restored) {
    const key = event.metadata.idempotencyKey;
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  for (const [key, events] of byKey) {
    const last = events[events.length - 1];
    await client.query(RESTORE_IDEMPOTENCY_SQL, [
      key,
      streamId,
      events[0].revision,
      last.revision,
      last.logPosition.prepare.toString(),
      events.map((e) => e.id),
    ]);
  }
}

/** A row RESTORE_SQL returns. */
interface RestoredRow {
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly previous_hash: string | null;
  readonly hash: string;
  readonly transaction_id: string;
  readonly position: string;
  readonly recorded_at: Date | string;
}

function toRestored(row: RestoredRow): RestoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    previousHash: row.previous_hash,
    hash: row.hash,
    logPosition: { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) },
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}
