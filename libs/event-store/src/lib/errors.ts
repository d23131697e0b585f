import type { ExpectedRevision } from './types';

/** Base of every error the event store raises on purpose; `code` is stable. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not in the expected state. The same class on every backend. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'EVENT_STORE.CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream' | 'unknown',
  ) {
    super(`stream "${streamId}" expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

/** The caller passed something the store cannot accept (empty batch, bad stream id...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** The backend did not answer in time or could not be reached. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** The same idempotency key was used for a different stream. */
export class IdempotencyKeyReusedError extends EventStoreError {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED';
  constructor(readonly key: string, readonly firstStreamId: string, readonly streamId: string) {
    super(`idempotency key "${key}" was first used on stream "${firstStreamId}", not "${streamId}"`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Another process holds the embedded data directory. */
export class DataDirectoryLockedError extends EventStoreError {
  readonly code = 'EVENT_STORE.DATA_DIRECTORY_LOCKED';
  constructor(readonly directory: string, options?: { cause?: unknown }) {
    super(`data directory ${directory} is in use by another process; stop it or choose another DATA_DIR`, options);
    this.name = 'DataDirectoryLockedError';
  }
}
