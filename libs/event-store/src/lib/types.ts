// The event-store port: what every backend (PostgreSQL, PGlite, KurrentDB, in-memory) offers.

/** Expected state of a stream before an append. A number is the revision of its last event (0-based). */
export type ExpectedRevision = 'no_stream' | 'exists' | 'any' | number;

/**
 * A place in the global log. Both real backends order events by a pair:
 * PostgreSQL by (transaction id, sequence), KurrentDB by ($all commit, prepare).
 * Compare with `comparePositions`; store with `formatPosition`.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Metadata the caller supplies; the store adds `occurredAt` from its clock when missing. */
export interface MetadataInput {
  readonly actor: Actor;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly reason?: string;
  readonly occurredAt?: string;
}

/** Metadata as stored with every event. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly reason?: string;
  readonly idempotencyKey?: string;
  /**
   * When the store recorded the event (ISO instant, from its clock; one per append), sealed by the hash like the rest
   * of the metadata. `RecordedEvent.recordedAt` reports the same instant. Absent on events written before it was sealed.
   */
  readonly recordedAt?: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /** Schema version of `data`; defaults to 1. */
  readonly schemaVersion?: number;
}

/**
 * Another stream that must still be where the caller read it for an append to happen: the facts a decision took
 * from streams it does not write (a branch's work decided on the plan and the roster).
 */
export interface StreamCondition {
  readonly streamId: string;
  /** Revision of the stream's last event; -1 when the stream must not exist. */
  readonly revision: number;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly metadata: MetadataInput;
  /** An append whose key is already stored returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /**
   * Other streams that must still be at these revisions (at most 10). When one has moved, nothing is written and a
   * `ConcurrencyError` names that stream. PostgreSQL, PGlite and in-memory check it in the append itself; KurrentDB,
   * which has no condition across streams, reads their heads just before the append.
   */
  readonly alsoExpect?: readonly StreamCondition[];
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the first event written by this append. */
  readonly firstRevision: number;
  /** Revision of the last event written: the stream's new revision. */
  readonly nextRevision: number;
  /** Global position of the last event written. */
  readonly globalPosition: bigint;
  readonly logPosition: LogPosition;
  readonly eventIds: readonly string[];
  /** True when the idempotency key was already stored and nothing was written. */
  readonly replayed: boolean;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** When the store recorded the event: `metadata.recordedAt` where sealed, else what the backend stored. */
  readonly recordedAt: Date;
  readonly revision: number;
  readonly globalPosition: bigint;
  readonly logPosition: LogPosition;
  readonly previousHash: string | null;
  readonly hash: string;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive; omitted means from the beginning of the log. */
  readonly from?: LogPosition | null;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint; omitted means from the beginning of the log. */
  readonly from?: LogPosition | null;
  /** Called with events in log order; the subscription waits for it before reading on. */
  readonly onEvents: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Called when the subscription stops because of an error (including one thrown by onEvents). */
  readonly onError?: (error: unknown) => void;
  readonly batchSize?: number;
}

export interface Subscription {
  /** Stops after the batch in progress; resolves when stopped. */
  stop(): Promise<void>;
  /** Resolves when the subscription ends (stopped or failed). */
  readonly finished: Promise<void>;
  /** Position of the last event delivered (null before the first). */
  readonly position: LogPosition | null;
  /** True once the subscription has caught up with the log at least once. */
  readonly caughtUp: boolean;
}

export type VerifyFailureReason =
  | 'hash_mismatch'
  | 'previous_hash_mismatch'
  | 'revision_gap'
  | 'stream_mismatch'
  /** The stored recording time is not the one sealed in the metadata (`expected`: sealed, `actual`: stored). */
  | 'recorded_at_mismatch';

export type VerifyResult =
  | { readonly ok: true; readonly streamId: string; readonly checked: number; readonly lastHash: string | null }
  | {
      readonly ok: false;
      readonly streamId: string;
      readonly checked: number;
      readonly firstBroken: {
        readonly revision: number;
        readonly eventId: string;
        readonly reason: VerifyFailureReason;
        readonly expected: string;
        readonly actual: string;
      };
    };

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

export interface EventStoreStatus {
  readonly backend: 'postgres' | 'pglite' | 'kurrentdb' | 'memory';
  readonly ok: boolean;
  readonly detail: string;
  readonly schemaVersion?: number;
}

export interface StreamReadRequest {
  readonly streamId: string;
  readonly fromRevision: number;
}

/**
 * Committed events a reader may not be given yet: on PostgreSQL an event is handed out only once no older writing
 * transaction is open anywhere on the server (so that nothing can commit behind a position already delivered). A
 * long transaction elsewhere holds them back; this says how many, since when, and which session holds them.
 */
export interface HeldBackEvents {
  readonly events: number;
  /** When the oldest of them was recorded. */
  readonly since: string;
  /** The oldest open writing transaction on the server (the one holding them back), when it can be seen. */
  readonly holder: {
    readonly pid: number;
    readonly database: string | null;
    readonly user: string | null;
    readonly application: string | null;
    readonly transactionStart: string | null;
    readonly state: string | null;
  } | null;
}

export interface EventStore {
  readonly backend: EventStoreStatus['backend'];
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: several streams forwards, each from its own revision, in one round trip (a command that needs its own
   * stream, the plan and the roster). Use `readStreams(store, ...)`, which falls back to one readStream per stream.
   */
  readStreams?(requests: readonly StreamReadRequest[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  verifyStream(streamId: string): Promise<VerifyResult>;
  /** Optional (PostgreSQL, PGlite): committed events held back from readers by an open transaction; null when none. */
  heldBack?(): Promise<HeldBackEvents | null>;
  streamHead(streamId: string): Promise<StreamHead | null>;
  status(): Promise<EventStoreStatus>;
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Several streams forwards from their revisions: one round trip where the backend can, else one read per stream. */
export async function readStreams(store: EventStore, requests: readonly StreamReadRequest[]): Promise<Map<string, RecordedEvent[]>> {
  if (store.readStreams) return store.readStreams(requests);
  const read = await Promise.all(requests.map((r) => store.readStream(r.streamId, { fromRevision: r.fromRevision })));
  return new Map(requests.map((r, i) => [r.streamId, read[i]]));
}
