// Read models of Campaign Ledger: pure folds of the event log into rows, the live projector, rebuilds and queries.
export {
  TABLES,
  TABLE_NAMES,
  keyOf,
  type TableName,
  type RowTypes,
  type AnyRow,
  type UnitRow,
  type DivisionRow,
  type BranchRow,
  type MemberRow,
  type MemberStatusValue,
  type UnitCampaignRow,
  type CampaignRow,
  type StageRow,
  type PhaseRow,
  type TaskRow,
  type CounterRow,
  type InstanceRow,
  type InstanceStatus,
  type SessionRow,
  type AttendanceRow,
  type ParticipationRow,
  type ThreeOnesRow,
  type CheckpointRow,
} from './lib/read-models/read-models.tables';
export type { TableSpec, ColumnType, Column, RowOf } from './lib/table-spec/table-spec';
export { MemoryRows, WindowRows, type Rows, type RowMiss, type Where } from './lib/rows/row-set';
export { projectEvent, projectEvents, checkpointPosition, CHECKPOINT_ID, type ProjectedEvent } from './lib/read-models/read-models.projection';
export { projectInMemory } from './lib/read-models/project-in-memory';
export { snapshotSource, snapshotTables, type ReadModelSource, type ReadModelSnapshot, type Aggregate } from './lib/queries/source';
export type { QueryOptions } from './lib/read-models/query-options';
// The amber window of the domain's one colour rule (overdueColour), for the routes' documentation.
export { DEFAULT_AMBER_DAYS } from '@campaign-ledger/domain';
export { CampaignNotProjected, campaignHalfYearCheck, branchPhaseHeatMap } from './lib/read-models/plan-counters/plan-counters.queries';
export { branchInstances, completionNotes, overdueInstances } from './lib/read-models/instances/instances.queries';
export { sessionFigures, branchSessions, branchParticipation, participationOverTime } from './lib/read-models/study-sessions/study-sessions.queries';
export { branchThreeOnes } from './lib/read-models/three-ones/three-ones.queries';
export { campaignOverview, rankBranches } from './lib/read-models/dashboards/campaign-overview.queries';
export { branchDashboard, BranchNotProjected } from './lib/read-models/dashboards/branch-dashboard.queries';
// What the queries answer is the API's: declared once, in the contract the web app reads too.
export type {
  Progress,
  HeatMap,
  ReadModelInstance,
  WarningInstance,
  OverdueList,
  ParticipationFigures,
  SessionFigures,
  SessionMark,
  BranchSession,
  WeeklyParticipation,
  MemberThreeOnes,
  BranchThreeOnes,
  CampaignOverview,
  StageOverview,
  PhaseOverview,
  BranchRanking,
  BranchDashboard,
} from '@campaign-ledger/api-contract';
export { READ_MODEL_SCHEMA, CONTROL_SCHEMA, readModelTablesDdl, controlDdl, READ_MODEL_DDL_VERSIONS } from './lib/postgres/ddl';
export { typeOrmSql, type SqlDatabase, type SqlExecutor } from './lib/postgres/sql';
export { databaseSource } from './lib/postgres/db-source';
export { dumpSchema, writeRows } from './lib/postgres/row-io';
export { ProjectorLease, LeaseLost, type LeaseState } from './lib/postgres/lease';
export {
  Projector,
  projectionStatus,
  projectBatch,
  readCheckpoint,
  type ProjectorOptions,
  type ProjectionStatus,
  type ProjectorState,
  type CheckpointMoved,
} from './lib/postgres/projector';
export { rebuildReadModels, type RebuildOptions, type RebuildProgress, type RebuildReport } from './lib/postgres/rebuild';
export { createReadModelDataSource, openReadModelDataSource, type ReadModelDataSourceOptions } from './lib/postgres/data-source';
export { READ_MODEL_ENTITIES } from './lib/postgres/read-model.entity';
export { READ_MODEL_MIGRATIONS } from './lib/migrations';
