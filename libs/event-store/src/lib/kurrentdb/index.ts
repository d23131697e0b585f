export { KurrentDbEventStore, idempotencyStreamId, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
export { IDEMPOTENCY_STREAM_PREFIX } from './kurrentdb-envelope';
export { withTimeout } from './with-timeout';
