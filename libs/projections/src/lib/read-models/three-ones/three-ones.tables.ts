// The three-ones read model's table: per member, the day each of the three items was recorded.
import { column, nullable, table, tablesByName, type RowOf } from '../../table-spec/table-spec';

const threeOnes = table({
  name: 'three_ones',
  columns: {
    campaign_id: column.text(),
    member_id: column.text(),
    branch_id: column.text(),
    reading_on: nullable(column.date()),
    talk_on: nullable(column.date()),
    essay_on: nullable(column.date()),
  },
  primaryKey: ['campaign_id', 'member_id'],
  indexes: [['campaign_id', 'branch_id']],
});

export const THREE_ONES_TABLES = tablesByName(threeOnes);

export type ThreeOnesRow = RowOf<typeof threeOnes>;
