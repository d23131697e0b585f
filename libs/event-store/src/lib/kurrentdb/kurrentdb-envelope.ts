// How one of our events is laid out in a KurrentDB JSON event, and back.
import type { JSONEventType, EventData, JSONType, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import type { SealedEvent } from '../prepare';
import type { EventMetadata, LogPosition, RecordedEvent } from '../types';

/** Streams holding idempotency records; never shown to readers of $all. */
export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';

/** Keys the adapter adds next to our metadata; stripped again on read so the hash input is unchanged. */
interface EnvelopeKeys {
  readonly schemaVersion: number;
  readonly revision: number;
  readonly previousHash: string | null;
  readonly hash: string;
  /** KurrentDB's own correlation keys, so its $by_correlation_id projection works. */
  readonly $correlationId: string;
  readonly $causationId?: string;
}

export type StoredMetadata = EventMetadata & EnvelopeKeys;

export function toEventData(event: SealedEvent): EventData {
  const metadata: StoredMetadata = {
    ...event.metadata,
    schemaVersion: event.schemaVersion,
    revision: event.revision,
    previousHash: event.previousHash,
    hash: event.hash,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId ? { $causationId: event.metadata.causationId } : {}),
  };
  return jsonEvent<JSONEventType>({
    id: event.id,
    type: event.type,
    // The client JSON.stringifies data; null, numbers and strings survive the round trip like objects do.
    data: event.data as JSONType,
    metadata: metadata as unknown as JSONType,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** True for a JSON event written by this adapter (an envelope with a hash). */
export function isLedgerEvent(event: KurrentRecordedEvent): boolean {
  return event.isJson && isObject(event.metadata) && typeof event.metadata['hash'] === 'string';
}

export function isHiddenStream(streamId: string): boolean {
  return streamId.startsWith('$') || streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX);
}

export function positionOf(event: KurrentRecordedEvent, commitPosition?: bigint): LogPosition {
  if (event.position) return { commit: BigInt(event.position.commit), prepare: BigInt(event.position.prepare) };
  // Servers before 22.6 leave the position out of stream reads; the commit position is still unique per transaction.
  const commit = commitPosition ?? -1n;
  return { commit, prepare: commit };
}

/**
 * Maps a stored event back to ours. An event another writer put in one of our streams maps with an
 * empty hash, so that verifyStream names it instead of reads failing.
 */
export function fromKurrent(event: KurrentRecordedEvent, commitPosition?: bigint): RecordedEvent {
  const stored = isObject(event.metadata) ? event.metadata : {};
  const {
    schemaVersion,
    revision: _revision,
    previousHash,
    hash,
    $correlationId: _c,
    $causationId: _k,
    ...metadata
  } = stored as Partial<StoredMetadata> & Record<string, unknown>;
  const logPosition = positionOf(event, commitPosition);
  // The sealed instant, not the server's `created`: that is what the hash covers (events written before sealing have none).
  const sealed = typeof metadata['recordedAt'] === 'string' ? new Date(metadata['recordedAt']) : null;
  return {
    id: event.id,
    streamId: event.streamId,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: event.isJson ? event.data : null,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: sealed && !Number.isNaN(sealed.getTime()) ? sealed : event.created,
    revision: Number(event.revision),
    globalPosition: logPosition.prepare,
    logPosition,
    previousHash: typeof previousHash === 'string' ? previousHash : null,
    hash: typeof hash === 'string' ? hash : '',
  };
}
