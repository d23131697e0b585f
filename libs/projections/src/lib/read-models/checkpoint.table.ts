// The fold's own row: the log position it has applied up to, which makes every read model idempotent.
import { column, nullable, table, type RowOf } from '../table-spec/table-spec';

export const CHECKPOINT_TABLE = table({
  name: 'checkpoint',
  columns: {
    id: column.text(),
    commit_pos: column.bigint(),
    prepare_pos: column.bigint(),
    events_applied: column.int(),
    last_recorded_at: nullable(column.text()),
  },
  primaryKey: ['id'],
});

export type CheckpointRow = RowOf<typeof CHECKPOINT_TABLE>;
