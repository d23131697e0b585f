// Keeps the planner's figures for the read-model tables in step with the live projector's writes.
//
// A fresh schema (first start, a new office) or a batch that adds tens of thousands of rows at once (a campaign
// started for a thousand branches) leaves tables that PostgreSQL has no statistics for until autovacuum gets to them,
// a minute or more later. Meanwhile the projector's key lookups are planned blind: 40 counter rows looked up by
// primary key through the (campaign_id, task_id) index instead, filtering ~500 rows per key, took 12.4 ms instead of
// 0.4 ms on 21,000 rows (EXPLAIN ANALYZE; docs/benchmarks.md) and held a core of the database busy. The rebuild
// analyses what it loads; this does the same for the live projector, cheaply: a table is analysed after a batch once
// the rows written to it since it was last analysed reach its row estimate (and at least `minRows`), so about once
// per doubling of a growing table, and rarely for one that is only updated.
import { TABLE_NAMES, type TableName } from '../read-models/read-models.tables';
import { quoteIdent } from './ddl';
import type { SqlExecutor } from './sql';

export const ANALYZE_MIN_ROWS = 1_000;

export class TableStatistics {
  private readonly written = new Map<TableName, number>();
  /** Rows per table when last analysed (PostgreSQL's reltuples; 0 when never analysed). */
  private estimates: Map<string, number> | null = null;

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly minRows = ANALYZE_MIN_ROWS,
  ) {}

  /** Counts a committed batch's rows; analyses the tables that have grown enough. Returns the tables analysed. */
  async afterBatch(rowsByTable: Partial<Record<TableName, number>>): Promise<TableName[]> {
    const due: TableName[] = [];
    for (const table of TABLE_NAMES) {
      const rows = rowsByTable[table];
      if (!rows) continue;
      const written = (this.written.get(table) ?? 0) + rows;
      this.written.set(table, written);
      if (written >= this.minRows) due.push(table);
    }
    if (due.length === 0) return [];
    const estimates = (this.estimates ??= await this.readEstimates());
    const analysed: TableName[] = [];
    for (const table of due) {
      if ((this.written.get(table) ?? 0) < Math.max(this.minRows, estimates.get(table) ?? 0)) continue;
      await this.db.query(`ANALYZE ${quoteIdent(this.schema)}.${quoteIdent(table)}`);
      this.written.set(table, 0);
      analysed.push(table);
    }
    if (analysed.length > 0) this.estimates = await this.readEstimates();
    return analysed;
  }

  private async readEstimates(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ table_name: string; reltuples: number | string }>(
      `SELECT c.relname AS table_name, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [this.schema],
    );
    return new Map(rows.map((r) => [r.table_name, Math.max(0, Number(r.reltuples))]));
  }
}
