// Every read-model table, in schema order: the registry the fold, the row I/O, the DDL and TypeORM all read.
import { tablesByName, type RowOf, type TableSpec } from '../table-spec/table-spec';
import { CHECKPOINT_TABLE } from './checkpoint.table';
import { INSTANCE_TABLES } from './instances/instances.tables';
import { ORGANISATION_TABLES } from './organisation/organisation.tables';
import { PLAN_COUNTER_TABLES } from './plan-counters/plan-counters.tables';
import { STUDY_SESSION_TABLES } from './study-sessions/study-sessions.tables';
import { THREE_ONES_TABLES } from './three-ones/three-ones.tables';

export const TABLES = {
  ...ORGANISATION_TABLES,
  ...PLAN_COUNTER_TABLES,
  ...INSTANCE_TABLES,
  ...STUDY_SESSION_TABLES,
  ...THREE_ONES_TABLES,
  ...tablesByName(CHECKPOINT_TABLE),
};

export type TableName = keyof typeof TABLES;
export type RowTypes = { [T in TableName]: RowOf<(typeof TABLES)[T]> };
export type AnyRow = RowTypes[TableName];

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A table's spec as code that treats every table alike reads it. */
export const specOf = (table: TableName): TableSpec => TABLES[table];

const SEP = '\u0001';
export const keyOf = (table: TableName, row: object): string =>
  specOf(table)
    .primaryKey.map((c) => String((row as Record<string, unknown>)[c]))
    .join(SEP);

export type { UnitRow, DivisionRow, BranchRow, MemberRow, MemberStatusValue } from './organisation/organisation.tables';
export type { UnitCampaignRow, CampaignRow, StageRow, PhaseRow, TaskRow, CounterRow } from './plan-counters/plan-counters.tables';
export type { InstanceRow, InstanceStatus } from './instances/instances.tables';
export type { SessionRow, AttendanceRow, ParticipationRow } from './study-sessions/study-sessions.tables';
export type { ThreeOnesRow } from './three-ones/three-ones.tables';
export type { CheckpointRow } from './checkpoint.table';
