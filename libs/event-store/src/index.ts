export * from './lib/types';
export * from './lib/errors';
export * from './lib/position';
export { hashEvent } from './lib/hashing';
export { verifyChain, MAX_EVENTS_PER_APPEND, MAX_STREAM_ID_LENGTH } from './lib/prepare';
export { InMemoryEventStore } from './lib/memory/in-memory-event-store';
