// The query layer's source on PostgreSQL: equality filters and GROUP BY sums run in the database.
import type { ReadModelSource } from '../queries/source';
import { specOf, type TableName } from '../read-models/read-models.tables';
import { quoteIdent, READ_MODEL_SCHEMA } from './ddl';
import { selectExpr, selectList } from './row-io';
import type { SqlExecutor } from './sql';

function whereClause(table: TableName, where: Record<string, unknown>, offset = 0): { sql: string; params: unknown[] } {
  const entries = Object.entries(where).filter(([, v]) => v !== undefined);
  const params: unknown[] = [];
  const parts = entries.map(([c, v]) => {
    if (!(c in specOf(table).columns)) throw new Error(`${table} has no column ${c}`);
    if (v === null) return `${quoteIdent(c)} IS NULL`;
    params.push(v);
    return `${quoteIdent(c)} = $${offset + params.length}`;
  });
  return { sql: parts.length === 0 ? 'true' : parts.join(' AND '), params };
}

export function databaseSource(db: SqlExecutor, schema: string = READ_MODEL_SCHEMA): ReadModelSource {
  const from = (table: TableName) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
  return {
    async rows(table, where) {
      const w = whereClause(table, where as Record<string, unknown>);
      const { rows } = await db.query(`SELECT ${selectList(table)} FROM ${from(table)} WHERE ${w.sql}`, w.params);
      return rows as never;
    },
    async aggregate(table, where, groupBy, sums) {
      const w = whereClause(table, where as Record<string, unknown>);
      const columns = specOf(table).columns;
      const keys = groupBy.map((g) => `${selectExpr(quoteIdent(g), columns[g].type)} AS ${quoteIdent(g)}`);
      const totals = sums.map((s) => `COALESCE(SUM(${quoteIdent(s)}), 0)::float8 AS ${quoteIdent(s)}`);
      const select = [...keys, ...totals, 'COUNT(*)::int AS "count"'].join(', ');
      const group = groupBy.length > 0 ? ` GROUP BY ${groupBy.map(quoteIdent).join(', ')}` : '';
      const { rows } = await db.query(`SELECT ${select} FROM ${from(table)} WHERE ${w.sql}${group}`, w.params);
      // An aggregate without GROUP BY over no rows still answers one row; the in-memory source answers none.
      return (groupBy.length === 0 ? rows.filter((r) => (r as { count: number }).count > 0) : rows) as never;
    },
  };
}
