// The read-model tables as data: column types and primary keys, shared by the fold, the SQL writer and the DDL.

export type ColumnType = 'text' | 'int' | 'bigint' | 'bool' | 'date' | 'float' | 'jsonb' | 'timestamptz';

export interface TableSpec {
  readonly name: TableName;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly primaryKey: readonly string[];
  /** Extra indexes (column lists) for the queries. */
  readonly indexes?: readonly (readonly string[])[];
}

export interface UnitRow { unit_id: string; name: string; code: string }
export interface DivisionRow { unit_id: string; division_id: string; name: string }
export interface BranchRow { unit_id: string; branch_id: string; name: string; secretary_name: string }
export type MemberStatusValue = 'active' | 'exempt' | 'left';
export interface MemberRow {
  unit_id: string; member_id: string; branch_id: string; name: string; is_leader: boolean; status: MemberStatusValue; exempt_until: string | null;
}
export interface UnitCampaignRow { unit_id: string; campaign_id: string }
export interface CampaignRow {
  campaign_id: string; unit_id: string; name: string; template_code: string | null; start_date: string; end_date: string;
  office_branch_id: string; status: 'planned' | 'closed'; closed_on: string | null;
}
export interface StageRow {
  campaign_id: string; stage_id: string; ord: number; name: string; start_date: string | null; end_date: string | null;
  status: 'pending' | 'open' | 'closed'; opened_on: string | null; closed_on: string | null; carried_over: number;
}
export interface PhaseRow { campaign_id: string; phase_id: string; stage_id: string | null; ord: number; name: string; start_date: string | null; end_date: string | null }
export interface TaskRow {
  campaign_id: string; task_id: string; ord: number; title: string; stage_id: string | null; phase_id: string | null; track_id: string | null;
  scope: string; due_date: string; kind: string; mandatory: boolean; cancelled: boolean; target: number | null; challenge: number | null;
  /** [{ weekOf, dueDate }] for weekly tasks. */
  recurring_weeks: { weekOf: string; dueDate: string }[];
}
/** Applicable and done instances of one task in one branch (one row per week for weekly tasks; week_of '' otherwise). */
export interface CounterRow {
  campaign_id: string; branch_id: string; task_id: string; week_of: string;
  stage_id: string | null; phase_id: string | null; scope: string; due_date: string; cancelled: boolean; mandatory: boolean;
  applicable: number; done: number;
}
export type InstanceStatus = 'open' | 'completed' | 'reopened';
/** An instance that has any recorded work (completion, reopening, quantity, carry-over); others exist only as counters. */
export interface InstanceRow {
  campaign_id: string; branch_id: string; instance_key: string; task_id: string; scope: string; subject_id: string; week_of: string | null;
  status: InstanceStatus; completed_on: string | null; completed_by: string | null; evidence: string[]; reopen_count: number;
  actual: number | null; carried_over: boolean; carried_over_to: string | null;
}
export interface SessionRow {
  campaign_id: string; branch_id: string; session_id: string; date: string; week_of: string; topic: string;
  expected: number; present: number; leave: number; absent: number; made_up: number;
}
export interface AttendanceRow {
  campaign_id: string; branch_id: string; session_id: string; member_id: string; mark: string; expected: boolean; made_up_on: string | null;
}
/** Per member and branch: sessions expected at, and attended or made up; `complete` when every expected session counts. */
export interface ParticipationRow {
  campaign_id: string; branch_id: string; member_id: string; expected: number; participated: number; complete: boolean;
}
export interface ThreeOnesRow {
  campaign_id: string; member_id: string; branch_id: string; reading_on: string | null; talk_on: string | null; essay_on: string | null;
}
export interface CheckpointRow {
  id: string; commit_pos: string; prepare_pos: string; events_applied: number; last_recorded_at: string | null;
}

export interface RowTypes {
  unit: UnitRow;
  division: DivisionRow;
  branch: BranchRow;
  member: MemberRow;
  unit_campaign: UnitCampaignRow;
  campaign: CampaignRow;
  stage: StageRow;
  phase: PhaseRow;
  task: TaskRow;
  counter: CounterRow;
  instance: InstanceRow;
  session: SessionRow;
  attendance: AttendanceRow;
  participation: ParticipationRow;
  three_ones: ThreeOnesRow;
  checkpoint: CheckpointRow;
}
export type TableName = keyof RowTypes;
export type AnyRow = RowTypes[TableName];

export const TABLES: { readonly [T in TableName]: TableSpec & { name: T } } = {
  unit: { name: 'unit', columns: { unit_id: 'text', name: 'text', code: 'text' }, primaryKey: ['unit_id'] },
  division: { name: 'division', columns: { unit_id: 'text', division_id: 'text', name: 'text' }, primaryKey: ['unit_id', 'division_id'] },
  branch: { name: 'branch', columns: { unit_id: 'text', branch_id: 'text', name: 'text', secretary_name: 'text' }, primaryKey: ['unit_id', 'branch_id'] },
  member: {
    name: 'member',
    columns: { unit_id: 'text', member_id: 'text', branch_id: 'text', name: 'text', is_leader: 'bool', status: 'text', exempt_until: 'date' },
    primaryKey: ['unit_id', 'member_id'],
    indexes: [['unit_id', 'branch_id']],
  },
  unit_campaign: { name: 'unit_campaign', columns: { unit_id: 'text', campaign_id: 'text' }, primaryKey: ['unit_id', 'campaign_id'] },
  campaign: {
    name: 'campaign',
    columns: {
      campaign_id: 'text', unit_id: 'text', name: 'text', template_code: 'text', start_date: 'date', end_date: 'date', office_branch_id: 'text',
      status: 'text', closed_on: 'date',
    },
    primaryKey: ['campaign_id'],
  },
  stage: {
    name: 'stage',
    columns: {
      campaign_id: 'text', stage_id: 'text', ord: 'int', name: 'text', start_date: 'date', end_date: 'date', status: 'text', opened_on: 'date',
      closed_on: 'date', carried_over: 'int',
    },
    primaryKey: ['campaign_id', 'stage_id'],
  },
  phase: {
    name: 'phase',
    columns: { campaign_id: 'text', phase_id: 'text', stage_id: 'text', ord: 'int', name: 'text', start_date: 'date', end_date: 'date' },
    primaryKey: ['campaign_id', 'phase_id'],
  },
  task: {
    name: 'task',
    columns: {
      campaign_id: 'text', task_id: 'text', ord: 'int', title: 'text', stage_id: 'text', phase_id: 'text', track_id: 'text', scope: 'text',
      due_date: 'date', kind: 'text', mandatory: 'bool', cancelled: 'bool', target: 'float', challenge: 'float', recurring_weeks: 'jsonb',
    },
    primaryKey: ['campaign_id', 'task_id'],
  },
  counter: {
    name: 'counter',
    columns: {
      campaign_id: 'text', branch_id: 'text', task_id: 'text', week_of: 'text', stage_id: 'text', phase_id: 'text', scope: 'text',
      due_date: 'date', cancelled: 'bool', mandatory: 'bool', applicable: 'int', done: 'int',
    },
    primaryKey: ['campaign_id', 'branch_id', 'task_id', 'week_of'],
    indexes: [['campaign_id', 'task_id']],
  },
  instance: {
    name: 'instance',
    columns: {
      campaign_id: 'text', branch_id: 'text', instance_key: 'text', task_id: 'text', scope: 'text', subject_id: 'text', week_of: 'date',
      status: 'text', completed_on: 'date', completed_by: 'text', evidence: 'jsonb', reopen_count: 'int', actual: 'float',
      carried_over: 'bool', carried_over_to: 'text',
    },
    primaryKey: ['campaign_id', 'branch_id', 'instance_key'],
  },
  session: {
    name: 'session',
    columns: {
      campaign_id: 'text', branch_id: 'text', session_id: 'text', date: 'date', week_of: 'date', topic: 'text', expected: 'int', present: 'int',
      leave: 'int', absent: 'int', made_up: 'int',
    },
    primaryKey: ['campaign_id', 'branch_id', 'session_id'],
  },
  attendance: {
    name: 'attendance',
    columns: { campaign_id: 'text', branch_id: 'text', session_id: 'text', member_id: 'text', mark: 'text', expected: 'bool', made_up_on: 'date' },
    primaryKey: ['campaign_id', 'branch_id', 'session_id', 'member_id'],
  },
  participation: {
    name: 'participation',
    columns: { campaign_id: 'text', branch_id: 'text', member_id: 'text', expected: 'int', participated: 'int', complete: 'bool' },
    primaryKey: ['campaign_id', 'branch_id', 'member_id'],
  },
  three_ones: {
    name: 'three_ones',
    columns: { campaign_id: 'text', member_id: 'text', branch_id: 'text', reading_on: 'date', talk_on: 'date', essay_on: 'date' },
    primaryKey: ['campaign_id', 'member_id'],
    indexes: [['campaign_id', 'branch_id']],
  },
  checkpoint: {
    name: 'checkpoint',
    columns: { id: 'text', commit_pos: 'bigint', prepare_pos: 'bigint', events_applied: 'int', last_recorded_at: 'text' },
    primaryKey: ['id'],
  },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

const SEP = '\u0001';
export const keyOf = (table: TableName, row: object): string =>
  TABLES[table].primaryKey.map((c) => String((row as Record<string, unknown>)[c])).join(SEP);
