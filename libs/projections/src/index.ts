// Read models of Campaign Ledger: pure folds of the event log into rows, the live projector, rebuilds and queries.
export * from './lib/rows/tables';
export { MemoryRows, WindowRows, type Rows, type RowMiss, type Where } from './lib/rows/row-set';
export { projectEvent, projectEvents, checkpointPosition, CHECKPOINT_ID, type ProjectedEvent } from './lib/projection/read-model.projection';
export { projectInMemory } from './lib/projection/project-in-memory';
export { snapshotSource, snapshotTables, type ReadModelSource, type ReadModelSnapshot, type Aggregate } from './lib/queries/source';
export * from './lib/queries/read-model.queries';
export { READ_MODEL_SCHEMA, CONTROL_SCHEMA, readModelTablesDdl, controlDdl, READ_MODEL_DDL_VERSIONS } from './lib/postgres/ddl';
export { typeOrmSql, type SqlDatabase, type SqlExecutor } from './lib/postgres/sql';
export { databaseSource } from './lib/postgres/db-source';
export { dumpSchema, writeRows } from './lib/postgres/row-io';
export { ProjectorLease, LeaseLost, type LeaseState } from './lib/postgres/lease';
export {
  Projector, projectionStatus, projectBatch, readCheckpoint,
  type ProjectorOptions, type ProjectionStatus, type ProjectorState, type CheckpointMoved,
} from './lib/postgres/projector';
export { rebuildReadModels, type RebuildOptions, type RebuildProgress, type RebuildReport } from './lib/postgres/rebuild';
export { createReadModelDataSource, openReadModelDataSource, type ReadModelDataSourceOptions } from './lib/postgres/data-source';
export { READ_MODEL_ENTITIES } from './lib/entities';
export { READ_MODEL_MIGRATIONS } from './lib/migrations';
