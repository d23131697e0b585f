// Shared steps of an append that do not depend on the backend: validation, ids, metadata, the chain.
import { v7 as uuidv7 } from 'uuid';
import { canonicalEnvelope, canonicalJson, hashEvent, sha256Hex } from './hashing';
import { ConcurrencyError, InvalidAppendError } from './errors';
import type { AppendOptions, Clock, EventMetadata, NewEvent, StreamCondition, VerifyFailureReason } from './types';

export const MAX_STREAM_ID_LENGTH = 200;
export const MAX_EVENTS_PER_APPEND = 10_000;
export const MAX_CONDITIONS = 10;

export interface PendingEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** Canonical JSON of `data` and of `metadata`, computed once: hashed, and sent to SQL backends as is. */
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface SealedEvent extends PendingEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly previousHash: string | null;
  readonly hash: string;
}

export function validateAppend(streamId: string, events: readonly NewEvent[], options: AppendOptions): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidAppendError(`stream id must be 1..${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (streamId.startsWith('$')) throw new InvalidAppendError('stream ids starting with "$" are reserved');
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('append at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`append at most ${MAX_EVENTS_PER_APPEND} events at once`);
  }
  for (const event of events) {
    if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/.test(event.type)) {
      throw new InvalidAppendError(`event type "${String(event.type)}" must be 1..100 letters, digits or _.:-`);
    }
    if (event.schemaVersion !== undefined && (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1)) {
      throw new InvalidAppendError('schemaVersion must be a positive integer');
    }
  }
  const expected = options.expectedRevision;
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppendError('expected revision must be a non-negative integer');
  }
  if (typeof expected !== 'number' && !['no_stream', 'exists', 'any'].includes(expected)) {
    throw new InvalidAppendError(`unknown expected revision "${String(expected)}"`);
  }
  if (!options.metadata?.actor?.id || !options.metadata.actor.role) {
    throw new InvalidAppendError('metadata.actor.id and metadata.actor.role are required');
  }
  if (options.idempotencyKey !== undefined && (options.idempotencyKey.length === 0 || options.idempotencyKey.length > 200)) {
    throw new InvalidAppendError('idempotency key must be 1..200 characters');
  }
  const conditions = options.alsoExpect;
  if (conditions !== undefined) {
    if (!Array.isArray(conditions) || conditions.length > MAX_CONDITIONS) throw new InvalidAppendError(`alsoExpect takes at most ${MAX_CONDITIONS} streams`);
    const seen = new Set<string>();
    for (const condition of conditions) {
      const other = condition?.streamId;
      if (typeof other !== 'string' || other.length === 0 || other.length > MAX_STREAM_ID_LENGTH || other === streamId || seen.has(other)) {
        throw new InvalidAppendError('alsoExpect names each other stream once (1..200 characters, not the stream appended to)');
      }
      seen.add(other);
      if (!Number.isInteger(condition.revision) || condition.revision < -1) {
        throw new InvalidAppendError(`alsoExpect revision of "${other}" must be an integer ≥ -1 (-1: the stream must not exist)`);
      }
    }
  }
}

/** The first condition a set of stream heads breaks, as the error the append raises; null when all hold. */
export function brokenCondition(conditions: readonly StreamCondition[] | undefined, headOf: (streamId: string) => number): ConcurrencyError | null {
  for (const condition of conditions ?? []) {
    const actual = headOf(condition.streamId);
    if (actual !== condition.revision) {
      return new ConcurrencyError(condition.streamId, condition.revision < 0 ? 'no_stream' : condition.revision, actual < 0 ? 'no_stream' : actual);
    }
  }
  return null;
}

/**
 * Gives each event its id and full metadata, sealing the recording time (the store's clock, one instant for the whole
 * append) into the metadata the hash covers. Called once per append, before any retry.
 */
export function preparePending(events: readonly NewEvent[], options: AppendOptions, clock: Clock): PendingEvent[] {
  const input = options.metadata;
  const recordedAt = clock.now().toISOString();
  const correlationId = input.correlationId ?? uuidv7();
  const metadata: EventMetadata = {
    actor: { id: input.actor.id, role: input.actor.role },
    occurredAt: input.occurredAt ?? recordedAt,
    correlationId,
    causationId: input.causationId ?? null,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
    recordedAt,
  };
  const metadataJson = canonicalJson(metadata);
  refuseNul(metadataJson);
  return events.map((event) => {
    const dataJson = canonicalJson(event.data ?? null);
    refuseNul(dataJson);
    return withLazyData({ id: uuidv7(), type: event.type, schemaVersion: event.schemaVersion ?? 1, metadata, dataJson, metadataJson });
  });
}

/** Every backend stores text alike, and PostgreSQL cannot store NUL: refuse it on every backend, before hashing. */
function refuseNul(json: string): void {
  // A NUL is the escape \u0000 after an even number of backslashes (an odd number makes it the literal text "\u0000").
  if (json.includes('\\u0000') && /(?:^|[^\\])(?:\\\\)*\\u0000/.test(json))
    throw new InvalidAppendError('text in an event cannot hold a NUL character (\\u0000): remove it and send again');
}

/**
 * Adds `data` as the value parsed from the canonical text, on first read: the exact value every backend returns, so the
 * hash verifies later. SQL backends send `dataJson` and never pay for the parse; spreading the object reads it.
 */
function withLazyData<T extends { readonly dataJson: string }>(fields: T): T & { readonly data: unknown } {
  let parsed: { value: unknown } | null = null;
  return Object.defineProperty(fields, 'data', {
    enumerable: true,
    get: () => (parsed ??= { value: JSON.parse(fields.dataJson) }).value,
  }) as T & { readonly data: unknown };
}

/** Links pending events into the stream's chain after the event at `previousRevision` (-1: empty stream). */
export function sealEvents(streamId: string, previousRevision: number, previousHash: string | null, pending: readonly PendingEvent[]): SealedEvent[] {
  const sealed: SealedEvent[] = [];
  let prev = previousHash;
  let revision = previousRevision;
  for (const event of pending) {
    revision += 1;
    const envelope = { id: event.id, streamId, revision, type: event.type, schemaVersion: event.schemaVersion, previousHash: prev };
    const hash = sha256Hex(canonicalEnvelope(envelope, event.dataJson, event.metadataJson));
    sealed.push(
      withLazyData({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        metadata: event.metadata,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        streamId,
        revision,
        previousHash: prev,
        hash,
      }),
    );
    prev = hash;
  }
  return sealed;
}

/** The recording time sealed into a prepared event's metadata (ISO text). */
export function sealedRecordedAt(event: { readonly metadata: EventMetadata }): string {
  const sealed = event.metadata.recordedAt;
  if (sealed === undefined) throw new Error('event has no sealed recording time: prepare it with preparePending');
  return sealed;
}

/** An instant as ISO text; an invalid Date says so instead of throwing. */
export const isoOrInvalid = (at: Date): string => (Number.isNaN(at.getTime()) ? 'invalid date' : at.toISOString());

/**
 * The stored recording time against the sealed one: null when they agree or the event predates sealing (legacy events
 * carry no sealed time). Compared to the millisecond, the resolution of `RecordedEvent.recordedAt`.
 */
export function recordedAtMismatch(event: {
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}): { readonly sealed: string; readonly stored: string } | null {
  const sealed = event.metadata.recordedAt;
  if (sealed === undefined || Date.parse(sealed) === event.recordedAt.getTime()) return null;
  return { sealed, stored: isoOrInvalid(event.recordedAt) };
}

/**
 * Recomputes a stream's chain from its events in revision order; names the first event that does not match. An event
 * whose content verifies but whose stored recording time is not its sealed one is `recorded_at_mismatch`.
 */
export function verifyChain(
  streamId: string,
  events: readonly {
    id: string;
    streamId: string;
    revision: number;
    type: string;
    schemaVersion: number;
    data: unknown;
    metadata: EventMetadata;
    previousHash: string | null;
    hash: string;
    recordedAt?: Date;
  }[],
) {
  let prev: string | null = null;
  let expectedRevision = 0;
  for (const event of events) {
    const broken = (reason: VerifyFailureReason, expected: string, actual: string) => ({
      ok: false as const,
      streamId,
      checked: expectedRevision,
      firstBroken: { revision: event.revision, eventId: event.id, reason, expected, actual },
    });
    if (event.streamId !== streamId) return broken('stream_mismatch', streamId, event.streamId);
    if (event.revision !== expectedRevision) return broken('revision_gap', String(expectedRevision), String(event.revision));
    if (event.previousHash !== prev) return broken('previous_hash_mismatch', String(prev), String(event.previousHash));
    const recomputed = hashEvent({ ...event, previousHash: prev });
    if (recomputed !== event.hash) return broken('hash_mismatch', recomputed, event.hash);
    const retimed = event.recordedAt === undefined ? null : recordedAtMismatch({ metadata: event.metadata, recordedAt: event.recordedAt });
    if (retimed) return broken('recorded_at_mismatch', retimed.sealed, retimed.stored);
    prev = event.hash;
    expectedRevision += 1;
  }
  return { ok: true as const, streamId, checked: expectedRevision, lastHash: prev };
}
