export * from './lib/types';
export * from './lib/errors';
export * from './lib/position';
export { hashEvent } from './lib/hashing';
export { verifyChain, recordedAtMismatch, MAX_EVENTS_PER_APPEND, MAX_STREAM_ID_LENGTH } from './lib/prepare';
export { InMemoryEventStore } from './lib/memory/in-memory-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions, type Queryable } from './lib/postgres/postgres-event-store';
export {
  runMigrations,
  EVENT_STORE_MIGRATIONS,
  EVENT_STORE_SCHEMA_VERSION,
  type Migration,
  type MigrationOptions,
  type MigrationReport,
} from './lib/postgres/migrations';
export { EmbeddedPostgres, createPgliteEventStore, type EmbeddedPostgresOptions } from './lib/pglite/embedded-postgres';
export * from './lib/kurrentdb';
