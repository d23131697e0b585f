// The plan-counters read model's tables: campaigns, their stages, phases and tasks, and per branch the counters of
// applicable and done instances that every progress figure sums.
import type { TaskKind, TaskScope } from '@campaign-ledger/domain';
import { column, nullable, table, tablesByName, type RowOf } from '../../table-spec/table-spec';

const unitCampaign = table({ name: 'unit_campaign', columns: { unit_id: column.text(), campaign_id: column.text() }, primaryKey: ['unit_id', 'campaign_id'] });

const campaign = table({
  name: 'campaign',
  columns: {
    campaign_id: column.text(),
    unit_id: column.text(),
    name: column.text(),
    template_code: nullable(column.text()),
    start_date: column.date(),
    end_date: column.date(),
    office_branch_id: column.text(),
    status: column.text<'planned' | 'closed'>(),
    closed_on: nullable(column.date()),
  },
  primaryKey: ['campaign_id'],
});

const stage = table({
  name: 'stage',
  columns: {
    campaign_id: column.text(),
    stage_id: column.text(),
    ord: column.int(),
    name: column.text(),
    start_date: nullable(column.date()),
    end_date: nullable(column.date()),
    status: column.text<'pending' | 'open' | 'closed'>(),
    opened_on: nullable(column.date()),
    closed_on: nullable(column.date()),
    carried_over: column.int(),
  },
  primaryKey: ['campaign_id', 'stage_id'],
});

const phase = table({
  name: 'phase',
  columns: {
    campaign_id: column.text(),
    phase_id: column.text(),
    stage_id: nullable(column.text()),
    ord: column.int(),
    name: column.text(),
    start_date: nullable(column.date()),
    end_date: nullable(column.date()),
  },
  primaryKey: ['campaign_id', 'phase_id'],
});

const task = table({
  name: 'task',
  columns: {
    campaign_id: column.text(),
    task_id: column.text(),
    ord: column.int(),
    title: column.text(),
    stage_id: nullable(column.text()),
    phase_id: nullable(column.text()),
    track_id: nullable(column.text()),
    scope: column.text<TaskScope>(),
    due_date: column.date(),
    kind: column.text<TaskKind>(),
    mandatory: column.bool(),
    cancelled: column.bool(),
    target: nullable(column.float()),
    challenge: nullable(column.float()),
    /** [{ weekOf, dueDate }] for weekly tasks. */
    recurring_weeks: column.jsonb<{ weekOf: string; dueDate: string }[]>(),
  },
  primaryKey: ['campaign_id', 'task_id'],
});

/** Applicable and done instances of one task in one branch (one row per week for weekly tasks; week_of '' otherwise). */
const counter = table({
  name: 'counter',
  columns: {
    campaign_id: column.text(),
    branch_id: column.text(),
    task_id: column.text(),
    week_of: column.text(),
    stage_id: nullable(column.text()),
    phase_id: nullable(column.text()),
    scope: column.text(),
    due_date: column.date(),
    cancelled: column.bool(),
    mandatory: column.bool(),
    applicable: column.int(),
    done: column.int(),
  },
  primaryKey: ['campaign_id', 'branch_id', 'task_id', 'week_of'],
  indexes: [['campaign_id', 'task_id']],
});

export const PLAN_COUNTER_TABLES = tablesByName(unitCampaign, campaign, stage, phase, task, counter);

export type UnitCampaignRow = RowOf<typeof unitCampaign>;
export type CampaignRow = RowOf<typeof campaign>;
export type StageRow = RowOf<typeof stage>;
export type PhaseRow = RowOf<typeof phase>;
export type TaskRow = RowOf<typeof task>;
export type CounterRow = RowOf<typeof counter>;
