// PostgreSQL adapter (also serves PGlite through its socket): one autocommit statement per append, log read by xid8 order.
import { Pool, type PoolConfig } from 'pg';
import { ConcurrencyError, EventStoreError, EventStoreUnavailableError, IdempotencyKeyReusedError, InvalidAppendError } from '../errors';
import { pollingSubscription, type PollingOptions } from '../polling-subscription';
import { brokenCondition, preparePending, sealEvents, sealedRecordedAt, validateAppend, verifyChain, type SealedEvent } from '../prepare';
import {
  systemClock,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type EventMetadata,
  type EventStore,
  type EventStoreStatus,
  type HeldBackEvents,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamCondition,
  type StreamHead,
  type StreamReadRequest,
  type SubscribeToAllOptions,
  type Subscription,
  type VerifyResult,
} from '../types';
import { GroupCommit, type AppendRequest, type AppendRows, type GroupCommitOptions } from './group-commit';
import { EVENT_STORE_SCHEMA_VERSION, runMigrations } from './migrations';

/** Anything that runs a parameterised query: a Pool, a PoolClient or a Client. */
export interface Queryable {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** A row of EVENT_COLUMNS. */
interface EventRow {
  readonly position: string;
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly previous_hash: string | null;
  readonly hash: string;
  readonly recorded_at: Date | string;
}

type AppendRow = AppendRows[number];

interface IdempotencyRow {
  readonly stream_id: string;
  readonly first_revision: number;
  readonly last_revision: number;
  readonly last_position: string;
  readonly last_transaction_id: string;
  readonly event_ids: string[];
}

interface HoldingSessionRow {
  readonly pid: number | string;
  readonly datname: string | null;
  readonly usename: string | null;
  readonly application_name: string | null;
  readonly xact_start: Date | string | null;
  readonly state: string | null;
}

export interface PostgresEventStoreOptions {
  /** Reported by status() and `backend`. */
  readonly backend?: 'postgres' | 'pglite';
  /** Run the schema migrations before the first call (default true). */
  readonly migrate?: boolean;
  /** Serialise migrations across processes with an advisory lock (default true; PGlite: false). */
  readonly advisoryLock?: boolean;
  /** Use named prepared statements (default true; must be false on PGlite, where connections share a session). */
  readonly namedStatements?: boolean;
  /**
   * Group commit (default on): appends arriving while `lanes` append statements are in flight go together in the
   * next statement. `false` sends every append alone.
   */
  readonly groupCommit?: GroupCommitOptions | false;
  /** Stream heads kept in memory to skip the head read on appends (default 10,000). */
  readonly headCacheSize?: number;
  /** Attempts for `any` / `exists` appends that lose a race (default 100). */
  readonly maxAppendAttempts?: number;
  /** Pool settings when the store is given a connection string. */
  readonly pool?: Omit<PoolConfig, 'connectionString'>;
  readonly polling?: PollingOptions;
}

const EVENT_COLUMNS = `position::text AS position, transaction_id::text AS transaction_id, stream_id, revision,
  event_id::text AS event_id, type, schema_version, data, metadata, previous_hash, hash, recorded_at`;

// recorded_at is the instant sealed into the metadata ($9 / "a": the same text), not the database's now(), so that the
// column and the hash agree and a restore can put it back.
// The guard makes the insert write nothing unless the expected previous event is there with the hash we chain to;
// the (stream_id, revision) key stops a racing writer that passed the same guard.
const APPEND_SQL = `
WITH guard AS (
  SELECT 1 WHERE CASE WHEN $3::int < 0
    THEN NOT EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND revision = 0)
    ELSE EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND revision = $3::int AND hash = $4::text) END
  AND NOT EXISTS (
    SELECT 1 FROM unnest($7::text[], $8::int[]) AS c(stream_id, revision)
    WHERE coalesce((SELECT max(e.revision) FROM events e WHERE e.stream_id = c.stream_id), -1) <> c.revision)
), inserted AS (
  INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash, recorded_at)
  SELECT $1, $3::int + e.ord::int, (e.x->>'i')::uuid, e.x->>'t', (e.x->>'v')::int, (e.x->'d')::jsonb, $5::jsonb, e.x->>'p', e.x->>'h', $9::timestamptz
  FROM guard, json_array_elements($6::json) WITH ORDINALITY AS e(x, ord)
  ORDER BY e.ord
  RETURNING position, transaction_id, revision, event_id
), idempotency AS (
  INSERT INTO event_idempotency (key, stream_id, first_revision, last_revision, last_position, last_transaction_id, event_ids)
  SELECT $2::text, $1, min(revision), max(revision), max(position), pg_current_xact_id(), array_agg(event_id ORDER BY revision)
  FROM inserted WHERE $2::text IS NOT NULL HAVING count(*) > 0
)
SELECT position::text AS position, transaction_id::text AS transaction_id, revision FROM inserted ORDER BY revision`;

// APPEND_SQL for several streams in one statement (group commit): each request keeps its own guard and conditions,
// so one that finds its stream moved inserts nothing while the others commit.
const APPEND_MANY_SQL = `
WITH request AS (
  SELECT r.ord, r.x->>'s' AS stream_id, r.x->>'k' AS key, (r.x->>'r')::int AS previous_revision, r.x->>'h' AS previous_hash,
    r.x->'m' AS metadata, r.x->'b' AS batch, r.x->'c' AS conditions, (r.x->>'a')::timestamptz AS recorded_at
  FROM json_array_elements($1::json) WITH ORDINALITY AS r(x, ord)
), accepted AS (
  SELECT request.* FROM request
  WHERE CASE WHEN request.previous_revision < 0
    THEN NOT EXISTS (SELECT 1 FROM events WHERE stream_id = request.stream_id AND revision = 0)
    ELSE EXISTS (SELECT 1 FROM events WHERE stream_id = request.stream_id AND revision = request.previous_revision AND hash = request.previous_hash) END
  AND NOT EXISTS (
    SELECT 1 FROM json_array_elements(request.conditions) AS c(x)
    WHERE coalesce((SELECT max(e.revision) FROM events e WHERE e.stream_id = c.x->>0), -1) <> (c.x->>1)::int)
), inserted AS (
  INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash, recorded_at)
  SELECT a.stream_id, a.previous_revision + e.ord::int, (e.x->>'i')::uuid, e.x->>'t', (e.x->>'v')::int, (e.x->'d')::jsonb, a.metadata::jsonb, e.x->>'p', e.x->>'h', a.recorded_at
  FROM accepted a, json_array_elements(a.batch) WITH ORDINALITY AS e(x, ord)
  ORDER BY a.ord, e.ord
  RETURNING position, transaction_id, stream_id, revision, event_id
), idempotency AS (
  INSERT INTO event_idempotency (key, stream_id, first_revision, last_revision, last_position, last_transaction_id, event_ids)
  SELECT a.key, a.stream_id, min(i.revision), max(i.revision), max(i.position), pg_current_xact_id(), array_agg(i.event_id ORDER BY i.revision)
  FROM inserted i JOIN accepted a ON a.stream_id = i.stream_id
  WHERE a.key IS NOT NULL GROUP BY a.key, a.stream_id
)
SELECT stream_id, position::text AS position, transaction_id::text AS transaction_id, revision FROM inserted ORDER BY position`;

const HEAD_SQL = 'SELECT revision, hash FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1';
const HEADS_SQL = `SELECT s.stream_id, (SELECT max(e.revision) FROM events e WHERE e.stream_id = s.stream_id) AS revision
  FROM unnest($1::text[]) AS s(stream_id)`;

const IDEMPOTENCY_SQL = `SELECT stream_id, first_revision, last_revision, last_position::text AS last_position,
  last_transaction_id::text AS last_transaction_id, event_ids::text[] AS event_ids FROM event_idempotency WHERE key = $1`;

const READ_FORWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1 AND revision >= $2 ORDER BY events.revision LIMIT $3`;
const READ_STREAMS_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  JOIN unnest($1::text[], $2::int[]) AS wanted(wanted_stream, from_revision)
    ON events.stream_id = wanted.wanted_stream AND events.revision >= wanted.from_revision
  ORDER BY events.stream_id, events.revision`;
const READ_BACKWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1 AND revision <= $2 ORDER BY events.revision DESC LIMIT $3`;

// The log's horizon: the oldest transaction still running that could be writing to this database's log, or, with none,
// the first transaction not yet started. Transaction ids are shared by every database of the server, so a long
// transaction in another database (another installation, a report, a migration) would otherwise hold every reader of
// this log back; a running transaction is left out only when pg_stat_activity places it in another database (a
// transaction never changes database, so that is safe whenever it is read). Anything not placed holds the horizon.
const LOG_HORIZON = `(SELECT coalesce(min(running.xid), pg_snapshot_xmax(pg_current_snapshot()))
    FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)
    WHERE (running.xid::text::numeric % 4294967296) NOT IN (
      SELECT elsewhere.backend_xid::text::numeric FROM pg_stat_activity AS elsewhere
      WHERE elsewhere.backend_xid IS NOT NULL AND elsewhere.datid IS NOT NULL
        AND elsewhere.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())))`;

// Only rows older than every transaction that may still commit into this log: a late commit can never land behind a
// delivered position.
const READ_ALL_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE transaction_id < ${LOG_HORIZON}
  ORDER BY events.transaction_id, events.position LIMIT $1`;
const READ_ALL_FROM_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE transaction_id < ${LOG_HORIZON}
    AND (transaction_id, position) > ($2::text::xid8, $3::bigint)
  ORDER BY events.transaction_id, events.position LIMIT $1`;

// A read of the log shows only transactions older than that horizon (so that a reader never skips a position that
// commits later). A read from the start first waits until the transactions that had committed events when it was
// asked are all behind it: what was acknowledged before the read is in it.
const LAST_TRANSACTION_SQL = `SELECT max(transaction_id)::text AS last FROM events`;
const SETTLED_SQL = `SELECT $1::text::xid8 < ${LOG_HORIZON} AS settled`;
const SETTLE_LIMIT_MS = 5_000;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

interface AttemptOutcome {
  readonly rows: { position: string; transaction_id: string; revision: number }[] | null;
  readonly error?: { code?: string; constraint?: string };
}

export class PostgresEventStore implements EventStore {
  readonly backend: 'postgres' | 'pglite';
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly heads = new Map<string, StreamHead>();
  private readonly listeners = new Set<() => void>();
  private readonly options: PostgresEventStoreOptions;
  private ready: Promise<void> | null = null;
  /** Set once the migrations have run: appends then skip awaiting `init()` (a few microtask turns each). */
  private migrated = false;
  private closed = false;
  /** Null when group commit is off. */
  readonly groupCommit: GroupCommit | null;

  constructor(
    poolOrUrl: Pool | string,
    private readonly clock: Clock = systemClock,
    options: PostgresEventStoreOptions = {},
  ) {
    this.options = options;
    this.backend = options.backend ?? 'postgres';
    if (typeof poolOrUrl === 'string') {
      this.pool = new Pool({ max: 10, ...options.pool, connectionString: poolOrUrl });
      this.ownsPool = true;
    } else {
      this.pool = poolOrUrl;
      this.ownsPool = false;
    }
    // An idle client losing its connection must not crash the process; the next query reports it.
    if (this.ownsPool) this.pool.on('error', () => undefined);
    this.groupCommit =
      options.groupCommit === false
        ? null
        : new GroupCommit(
            (request) => this.query<AppendRow>(this.pool, 'es_append', APPEND_SQL, appendParameters(request)),
            (requests) => this.appendMany(requests),
            options.groupCommit,
          );
  }

  /** Opens a store on its own pool and migrates it; fails now rather than on the first call when the server is down. */
  static async connect(url: string, clock: Clock = systemClock, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(url, clock, options);
    try {
      await store.init();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Runs the migrations now instead of on the first call. */
  async init(): Promise<void> {
    if (this.options.migrate === false) return;
    this.ready ??= runMigrations(this.pool, { advisoryLock: this.options.advisoryLock ?? this.backend === 'postgres' })
      .then(() => {
        this.migrated = true;
      })
      .catch((error) => {
        this.ready = null;
        throw error;
      });
    await this.guard(this.ready);
  }

  /** Same as init(): applies pending schema migrations. */
  migrate(): Promise<void> {
    return this.init();
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options);
    if (!this.migrated) await this.init();
    const pending = preparePending(events, options, this.clock);
    const expected = options.expectedRevision;
    const key = options.idempotencyKey ?? null;
    const maxAttempts = expected === 'any' || expected === 'exists' ? (this.options.maxAppendAttempts ?? 100) : 1;
    let head: StreamHead | null | undefined = this.cachedHead(streamId);
    // A new stream needs no read: the insert's guard and key refuse it if the stream exists after all.
    if (head === undefined && expected === 'no_stream') head = null;
    let headIsFresh = false;

    for (let attempt = 1; ; attempt++) {
      const mayBeStale =
        head === undefined || (typeof expected === 'number' && head !== null && head.revision < expected) || (expected === 'exists' && head === null);
      if (mayBeStale && !headIsFresh) {
        head = await this.readHead(streamId);
        headIsFresh = true;
      }
      const current = head ?? null;
      if (!accepts(expected, current)) return this.refuse(streamId, expected, key, headIsFresh ? current : undefined);

      const previousRevision = current?.revision ?? -1;
      const sealed = sealEvents(streamId, previousRevision, current?.hash ?? null, pending);
      const outcome = await this.attempt(
        this.pool,
        streamId,
        previousRevision,
        current?.hash ?? null,
        sealed,
        pending[0].metadataJson,
        key,
        options.alsoExpect,
      );
      if (outcome.rows && outcome.rows.length === sealed.length) {
        const result = this.resultOf(streamId, sealed, outcome.rows);
        this.rememberHead(streamId, { revision: result.nextRevision, hash: sealed[sealed.length - 1].hash });
        for (const listener of this.listeners) listener();
        return result;
      }
      if (key !== null) {
        const replay = await this.replay(key, streamId);
        if (replay) return replay;
      }
      await this.checkConditions(options.alsoExpect);
      if (attempt >= maxAttempts) return this.refuse(streamId, expected, null, undefined);
      head = await this.readHead(streamId);
      headIsFresh = true;
    }
  }

  /**
   * Runs one append statement on the given connection, without retry, cache or wakeups. For tests that hold the
   * append's transaction open (BEGIN on `client` first); returns the result the append would have returned.
   */
  async appendOn(client: Queryable, streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options);
    await this.init();
    const pending = preparePending(events, options, this.clock);
    const head = await this.readHead(streamId, client);
    if (!accepts(options.expectedRevision, head)) {
      throw new ConcurrencyError(streamId, options.expectedRevision, head ? head.revision : 'no_stream');
    }
    const sealed = sealEvents(streamId, head?.revision ?? -1, head?.hash ?? null, pending);
    const outcome = await this.attempt(
      client,
      streamId,
      head?.revision ?? -1,
      head?.hash ?? null,
      sealed,
      pending[0].metadataJson,
      options.idempotencyKey ?? null,
      options.alsoExpect,
    );
    if (!outcome.rows || outcome.rows.length !== sealed.length) {
      await this.checkConditions(options.alsoExpect, client);
      throw new ConcurrencyError(streamId, options.expectedRevision, 'unknown');
    }
    return this.resultOf(streamId, sealed, outcome.rows);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    await this.init();
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    const rows = await this.query<EventRow>(
      this.pool,
      backwards ? 'es_read_backwards' : 'es_read_forwards',
      backwards ? READ_BACKWARDS_SQL : READ_FORWARDS_SQL,
      [streamId, from, options.maxCount ?? null],
    );
    return rows.map(toRecorded);
  }

  async readStreams(requests: readonly StreamReadRequest[]): Promise<Map<string, RecordedEvent[]>> {
    await this.init();
    const result = new Map<string, RecordedEvent[]>(requests.map((r) => [r.streamId, []]));
    if (requests.length === 0) return result;
    const rows = await this.query<EventRow>(this.pool, 'es_read_streams', READ_STREAMS_SQL, [
      requests.map((r) => r.streamId),
      requests.map((r) => Math.max(0, r.fromRevision)),
    ]);
    for (const row of rows) result.get(row.stream_id)?.push(toRecorded(row));
    return result;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    await this.init();
    if (!options.from) await this.settle();
    const max = options.maxCount ?? null;
    const rows = options.from
      ? await this.query<EventRow>(this.pool, 'es_read_all_from', READ_ALL_FROM_SQL, [max, options.from.commit.toString(), options.from.prepare.toString()])
      : await this.query<EventRow>(this.pool, 'es_read_all', READ_ALL_SQL, [max]);
    return rows.map(toRecorded);
  }

  /**
   * Waits (a few milliseconds, at most SETTLE_LIMIT_MS) until no transaction older than the last one that committed
   * events is still running: a transaction of the projector or of another writer would otherwise hide, for that
   * moment, events that were already acknowledged.
   */
  private async settle(): Promise<void> {
    const [{ last }] = await this.query<{ last: string | null }>(this.pool, 'es_last_transaction', LAST_TRANSACTION_SQL, []);
    if (last === null) return;
    for (const deadline = Date.now() + SETTLE_LIMIT_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 5))) {
      const [{ settled }] = await this.query<{ settled: boolean }>(this.pool, 'es_settled', SETTLED_SQL, [last]);
      if (settled) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return pollingSubscription(
      {
        read: (from, max) => this.readAll({ from, maxCount: max }),
        onWake: (callback) => {
          this.listeners.add(callback);
          return () => this.listeners.delete(callback);
        },
      },
      options,
      this.options.polling,
    );
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    const pageSize = 1000;
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await this.readStream(streamId, { fromRevision: events.length, maxCount: pageSize });
      events.push(...page);
      if (page.length < pageSize) break;
    }
    return verifyChain(streamId, events);
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    await this.init();
    return this.readHead(streamId);
  }

  async status(): Promise<EventStoreStatus> {
    try {
      await this.init();
      const rows = await this.query<{ version: number | string | null; server: string }>(
        this.pool,
        undefined,
        "SELECT max(version) AS version, current_setting('server_version') AS server FROM event_store_migrations",
        [],
      );
      const schemaVersion = Number(rows[0].version);
      const ok = schemaVersion === EVENT_STORE_SCHEMA_VERSION;
      return {
        backend: this.backend,
        ok,
        detail: ok ? `PostgreSQL ${rows[0].server}, schema ${schemaVersion}` : `schema ${schemaVersion}, this build expects ${EVENT_STORE_SCHEMA_VERSION}`,
        schemaVersion,
      };
    } catch (error) {
      return { backend: this.backend, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async heldBack(): Promise<HeldBackEvents | null> {
    await this.init();
    const counted = await this.query<{ events: number; since: Date | string }>(
      this.pool,
      undefined,
      `SELECT count(*)::int AS events, min(recorded_at) AS since FROM events
       WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
      [],
    );
    const events = Number(counted[0]?.events ?? 0);
    if (events === 0) return null;
    const since = counted[0].since instanceof Date ? counted[0].since.toISOString() : new Date(counted[0].since).toISOString();
    const holders = await this.query<HoldingSessionRow>(
      this.pool,
      undefined,
      `SELECT pid, datname, usename, application_name, xact_start, state FROM pg_stat_activity
       WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() ORDER BY xact_start NULLS LAST LIMIT 1`,
      [],
    ).catch((): HoldingSessionRow[] => []);
    const holder = holders[0];
    return {
      events,
      since,
      holder: holder
        ? {
            pid: Number(holder.pid),
            database: holder.datname ?? null,
            user: holder.usename ?? null,
            application: holder.application_name || null,
            transactionStart: holder.xact_start ? new Date(holder.xact_start).toISOString() : null,
            state: holder.state ?? null,
          }
        : null,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.ownsPool) await this.pool.end();
  }

  private async attempt(
    db: Queryable,
    streamId: string,
    previousRevision: number,
    previousHash: string | null,
    sealed: readonly SealedEvent[],
    metadataJson: string,
    key: string | null,
    conditions: readonly StreamCondition[] = [],
  ): Promise<AttemptOutcome> {
    try {
      // One JSON parameter built from the canonical texts: no per-element array escaping on either side.
      let batch = '[';
      for (let i = 0; i < sealed.length; i++) {
        const e = sealed[i];
        batch += `${i === 0 ? '' : ','}{"i":"${e.id}","t":${JSON.stringify(e.type)},"v":${e.schemaVersion},"d":${e.dataJson},"p":${
          e.previousHash === null ? 'null' : `"${e.previousHash}"`
        },"h":"${e.hash}"}`;
      }
      const recordedAt = sealedRecordedAt(sealed[0]);
      const request: AppendRequest = {
        streamId,
        key,
        previousRevision,
        previousHash,
        metadataJson,
        recordedAt,
        batchJson: `${batch}]`,
        events: sealed.length,
        conditions,
      };
      const rows =
        db === this.pool && this.groupCommit
          ? await this.groupCommit.submit(request)
          : await this.query<AppendRow>(db, 'es_append', APPEND_SQL, appendParameters(request));
      return { rows };
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (error instanceof EventStoreError) throw error;
      if (pgError.code === '23505') return { rows: null, error: pgError };
      if (pgError.code === '22P02' || pgError.code === '22P05' || pgError.code === '54000') {
        // Say what to fix, not what the database said (its message names internals and quotes the input).
        throw new InvalidAppendError(
          pgError.code === '54000'
            ? 'the event is too large to store: send less text or fewer items at once'
            : 'the event holds text that cannot be stored (a NUL character or an invalid escape): remove it and send again',
        );
      }
      throw error;
    }
  }

  private resultOf(streamId: string, sealed: readonly SealedEvent[], rows: AttemptOutcome['rows'] & object): AppendResult {
    const last = rows[rows.length - 1];
    const globalPosition = BigInt(last.position);
    return {
      streamId,
      firstRevision: sealed[0].revision,
      nextRevision: sealed[sealed.length - 1].revision,
      globalPosition,
      logPosition: { commit: BigInt(last.transaction_id), prepare: globalPosition },
      eventIds: sealed.map((e) => e.id),
      replayed: false,
    };
  }

  private async replay(key: string, streamId: string): Promise<AppendResult | null> {
    const rows = await this.query<IdempotencyRow>(this.pool, 'es_idempotency', IDEMPOTENCY_SQL, [key]);
    if (rows.length === 0) return null;
    const row = rows[0];
    if (row.stream_id !== streamId) throw new IdempotencyKeyReusedError(key, row.stream_id, streamId);
    const globalPosition = BigInt(row.last_position);
    return {
      streamId,
      firstRevision: row.first_revision,
      nextRevision: row.last_revision,
      globalPosition,
      logPosition: { commit: BigInt(row.last_transaction_id), prepare: globalPosition },
      eventIds: row.event_ids,
      replayed: true,
    };
  }

  /** A refused append: a stored idempotency key still wins (a retry with a stale expected revision replays). */
  private async refuse(streamId: string, expected: ExpectedRevision, key: string | null, fresh: StreamHead | null | undefined): Promise<AppendResult> {
    if (key !== null) {
      const replay = await this.replay(key, streamId);
      if (replay) return replay;
    }
    const head = fresh === undefined ? await this.readHead(streamId) : fresh;
    throw new ConcurrencyError(streamId, expected, head ? head.revision : 'no_stream');
  }

  /** One statement for several appends (group commit): the rows each stream got, by stream id. */
  private async appendMany(requests: readonly AppendRequest[]): Promise<Map<string, AppendRows>> {
    // One JSON parameter built from texts already canonical: no per-element array escaping on either side.
    let json = '[';
    for (const [i, r] of requests.entries()) {
      json += `${i === 0 ? '' : ','}{"s":${JSON.stringify(r.streamId)},"k":${r.key === null ? 'null' : JSON.stringify(r.key)},"r":${r.previousRevision},"h":${
        r.previousHash === null ? 'null' : `"${r.previousHash}"`
      },"m":${r.metadataJson},"a":"${r.recordedAt}","b":${r.batchJson},"c":${JSON.stringify(r.conditions.map((c) => [c.streamId, c.revision]))}}`;
    }
    const rows = await this.query<AppendRow & { readonly stream_id: string }>(this.pool, 'es_append_many', APPEND_MANY_SQL, [`${json}]`]);
    const byStream = new Map<string, AppendRows>();
    for (const row of rows) {
      let list = byStream.get(row.stream_id);
      if (!list) byStream.set(row.stream_id, (list = []));
      list.push(row);
    }
    return byStream;
  }

  /** Throws the ConcurrencyError of the first condition the other streams' heads now break. */
  private async checkConditions(conditions: readonly StreamCondition[] | undefined, db: Queryable = this.pool): Promise<void> {
    if (!conditions || conditions.length === 0) return;
    const rows = await this.query<{ stream_id: string; revision: number | string | null }>(db, 'es_heads', HEADS_SQL, [conditions.map((c) => c.streamId)]);
    const heads = new Map<string, number>(rows.map((row) => [row.stream_id, row.revision === null ? -1 : Number(row.revision)]));
    const broken = brokenCondition(conditions, (other) => heads.get(other) ?? -1);
    if (broken) throw broken;
  }

  private async readHead(streamId: string, db: Queryable = this.pool): Promise<StreamHead | null> {
    const rows = await this.query<StreamHead>(db, 'es_head', HEAD_SQL, [streamId]);
    if (rows.length === 0) {
      this.heads.delete(streamId);
      return null;
    }
    const head = { revision: rows[0].revision, hash: rows[0].hash };
    if (db === this.pool) this.rememberHead(streamId, head, true);
    return head;
  }

  private cachedHead(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    if (head) {
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  private rememberHead(streamId: string, head: StreamHead, authoritative = false): void {
    const known = this.heads.get(streamId);
    if (known && !authoritative && known.revision > head.revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    const capacity = this.options.headCacheSize ?? 10_000;
    if (this.heads.size > capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** Runs one statement; `Row` is the shape its SELECT list gives each row. */
  private async query<Row>(db: Queryable, name: string | undefined, text: string, values: unknown[]): Promise<Row[]> {
    const named = name !== undefined && (this.options.namedStatements ?? this.backend === 'postgres');
    try {
      const result = await db.query(named ? { name, text, values } : { text, values });
      return result.rows as Row[];
    } catch (error) {
      throw this.translate(error);
    }
  }

  private async guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (error instanceof EventStoreError) return error;
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (
      (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
      /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return new EventStoreUnavailableError(`${this.backend} event store unavailable: ${message}`, { cause: error });
    }
    return error;
  }
}

function appendParameters(r: AppendRequest): unknown[] {
  return [
    r.streamId,
    r.key,
    r.previousRevision,
    r.previousHash,
    r.metadataJson,
    r.batchJson,
    r.conditions.map((c) => c.streamId),
    r.conditions.map((c) => c.revision),
    r.recordedAt,
  ];
}

function accepts(expected: ExpectedRevision, head: StreamHead | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return head === null;
  if (expected === 'exists') return head !== null;
  return head !== null && head.revision === expected;
}

function toRecorded(row: EventRow): RecordedEvent {
  const globalPosition = BigInt(row.position);
  const logPosition: LogPosition = { commit: BigInt(row.transaction_id), prepare: globalPosition };
  return {
    id: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
    revision: row.revision,
    globalPosition,
    logPosition,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
