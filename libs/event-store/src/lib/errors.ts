import type { ExpectedRevision } from './types';

/**
 * Base of every error the event store raises on purpose: a stable `code` and a `kind` of the domain's error table
 * (this library does not depend on the domain; the API's filter maps kinds to statuses).
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  abstract readonly kind: 'conflict' | 'validation' | 'unavailable' | 'unprocessable';
}

/** The stream was not in the expected state. The same class on every backend. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'EVENT_STORE.CONCURRENCY';
  readonly kind = 'conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream' | 'unknown',
  ) {
    super(`stream "${streamId}" expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }

  /** What a person is told: someone else wrote first. */
  toJSON() {
    return {
      message: 'someone changed this record at the same time: reload it and try again',
      messageZh: '该记录已被他人同时修改，请刷新后重试',
      details: { streamId: this.streamId, expected: String(this.expected), actual: String(this.actual) },
    };
  }
}

/** The caller passed something the store cannot accept (empty batch, bad stream id...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
  readonly kind = 'validation';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** The backend did not answer in time or could not be reached. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  readonly kind = 'unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }

  toJSON() {
    return { message: `the event store is unavailable: ${this.message}; try again later`, messageZh: '事件存储暂不可用，请稍后重试' };
  }
}

/** The same idempotency key was used for a different stream. */
export class IdempotencyKeyReusedError extends EventStoreError {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'unprocessable';
  constructor(
    readonly key: string,
    readonly firstStreamId: string,
    readonly streamId: string,
  ) {
    super(`idempotency key "${key}" was first used on stream "${firstStreamId}", not "${streamId}"`);
    this.name = 'IdempotencyKeyReusedError';
  }

  /** Stream names stay in the log: the caller learns only that the key is taken. */
  toJSON() {
    return {
      message: 'this Idempotency-Key was already used for another request: use a new key',
      messageZh: '该 Idempotency-Key 已用于另一个请求，请换一个新的键',
    };
  }
}

/** Another process holds the embedded data directory. */
export class DataDirectoryLockedError extends EventStoreError {
  readonly code = 'EVENT_STORE.DATA_DIRECTORY_LOCKED';
  readonly kind = 'unavailable';
  constructor(
    readonly directory: string,
    options?: { cause?: unknown },
  ) {
    super(`data directory ${directory} is in use by another process; stop it or choose another DATA_DIR`, options);
    this.name = 'DataDirectoryLockedError';
  }

  toJSON() {
    return { message: `the event store is unavailable: ${this.message}; try again later`, messageZh: '事件存储暂不可用，请稍后重试' };
  }
}
