// The instances read model's table: task instances that have any recorded work (completion, reopening, quantity,
// carry-over); the others exist only in the counters, and the queries list them from the plan.
import { addedIn, column, nullable, table, tablesByName, type RowOf } from '../../table-spec/table-spec';

export type InstanceStatus = 'open' | 'completed' | 'reopened';

const instance = table({
  name: 'instance',
  columns: {
    campaign_id: column.text(),
    branch_id: column.text(),
    instance_key: column.text(),
    task_id: column.text(),
    scope: column.text(),
    subject_id: column.text(),
    week_of: nullable(column.date()),
    status: column.text<InstanceStatus>(),
    completed_on: nullable(column.date()),
    completed_by: nullable(column.text()),
    /** SHA-256 of each evidence file. */
    evidence: column.jsonb<string[]>(),
    reopen_count: column.int(),
    actual: nullable(column.float()),
    carried_over: column.bool(),
    carried_over_to: nullable(column.text()),
    /** The note of the completion in force (null: none written, reopened, or projected before version 2). */
    note: addedIn(2, nullable(column.text())),
  },
  primaryKey: ['campaign_id', 'branch_id', 'instance_key'],
});

export const INSTANCE_TABLES = tablesByName(instance);

export type InstanceRow = RowOf<typeof instance>;
