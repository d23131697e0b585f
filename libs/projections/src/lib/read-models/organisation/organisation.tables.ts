// The organisation read model's tables: units, their divisions, branches and members.
import { column, nullable, table, tablesByName, type RowOf } from '../../table-spec/table-spec';

export type MemberStatusValue = 'active' | 'exempt' | 'left';

const unit = table({ name: 'unit', columns: { unit_id: column.text(), name: column.text(), code: column.text() }, primaryKey: ['unit_id'] });
const division = table({
  name: 'division',
  columns: { unit_id: column.text(), division_id: column.text(), name: column.text() },
  primaryKey: ['unit_id', 'division_id'],
});
const branch = table({
  name: 'branch',
  columns: { unit_id: column.text(), branch_id: column.text(), name: column.text(), secretary_name: column.text() },
  primaryKey: ['unit_id', 'branch_id'],
});
const member = table({
  name: 'member',
  columns: {
    unit_id: column.text(),
    member_id: column.text(),
    branch_id: column.text(),
    name: column.text(),
    is_leader: column.bool(),
    status: column.text<MemberStatusValue>(),
    exempt_until: nullable(column.date()),
  },
  primaryKey: ['unit_id', 'member_id'],
  indexes: [['unit_id', 'branch_id']],
});

export const ORGANISATION_TABLES = tablesByName(unit, division, branch, member);

export type UnitRow = RowOf<typeof unit>;
export type DivisionRow = RowOf<typeof division>;
export type BranchRow = RowOf<typeof branch>;
export type MemberRow = RowOf<typeof member>;
