// The study-sessions read model's tables: each session's figures, each member's mark, and per member their participation.
import type { StudyAttendance } from '@campaign-ledger/domain';
import { column, nullable, table, tablesByName, type RowOf } from '../../table-spec/table-spec';

const session = table({
  name: 'session',
  columns: {
    campaign_id: column.text(),
    branch_id: column.text(),
    session_id: column.text(),
    date: column.date(),
    week_of: column.date(),
    topic: column.text(),
    expected: column.int(),
    present: column.int(),
    leave: column.int(),
    absent: column.int(),
    made_up: column.int(),
  },
  primaryKey: ['campaign_id', 'branch_id', 'session_id'],
});

const attendance = table({
  name: 'attendance',
  columns: {
    campaign_id: column.text(),
    branch_id: column.text(),
    session_id: column.text(),
    member_id: column.text(),
    /** present | leave | absent | exempt */
    mark: column.text<StudyAttendance>(),
    expected: column.bool(),
    made_up_on: nullable(column.date()),
  },
  primaryKey: ['campaign_id', 'branch_id', 'session_id', 'member_id'],
});

/** Per member and branch: sessions expected at, and attended or made up; `complete` when every expected session counts. */
const participation = table({
  name: 'participation',
  columns: {
    campaign_id: column.text(),
    branch_id: column.text(),
    member_id: column.text(),
    expected: column.int(),
    participated: column.int(),
    complete: column.bool(),
  },
  primaryKey: ['campaign_id', 'branch_id', 'member_id'],
});

export const STUDY_SESSION_TABLES = tablesByName(session, attendance, participation);

export type SessionRow = RowOf<typeof session>;
export type AttendanceRow = RowOf<typeof attendance>;
export type ParticipationRow = RowOf<typeof participation>;
