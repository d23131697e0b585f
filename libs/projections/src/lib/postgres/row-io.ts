// Reading and writing read-model rows in a schema: typed selects, batched upserts, bulk inserts.
import type { RowMiss, TableMaps, WindowRows } from '../rows/row-set';
import { specOf, TABLE_NAMES, type AnyRow, type RowTypes, type TableName } from '../read-models/read-models.tables';
import type { ColumnType } from '../table-spec/table-spec';
import { quoteIdent } from './ddl';
import type { SqlDatabase, SqlExecutor } from './sql';

const CHUNK = 5_000;
/** Statements a bulk load runs at once (each on its own pooled connection; a smaller pool just queues them). */
const BULK_CONCURRENCY = 3;

export function selectList(table: TableName, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return Object.entries(specOf(table).columns)
    .map(([c, { type }]) => `${selectExpr(`${prefix}${quoteIdent(c)}`, type)} AS ${quoteIdent(c)}`)
    .join(', ');
}

export function selectExpr(column: string, type: ColumnType): string {
  switch (type) {
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'bigint':
      return `${column}::text`;
    default:
      return column;
  }
}

/** Rows go in as one array per column; jsonb travels as text and is cast in the SELECT. */
const arrayTypeOf = (type: ColumnType): string => (type === 'jsonb' ? 'text[]' : `${type}[]`);

function columnArrays(table: TableName, rows: readonly AnyRow[]): unknown[][] {
  const columns = Object.entries(specOf(table).columns);
  return columns.map(([c, { type }]) =>
    rows.map((row) => {
      const value = (row as unknown as Record<string, unknown>)[c];
      if (value === null || value === undefined) return null;
      return type === 'jsonb' ? JSON.stringify(value) : value;
    }),
  );
}

function insertSql(schema: string, table: TableName, upsert: boolean): string {
  const spec = specOf(table);
  const columns = Object.entries(spec.columns);
  const names = columns.map(([c]) => quoteIdent(c)).join(', ');
  const unnest = columns.map(([, { type }], i) => `$${i + 1}::${arrayTypeOf(type)}`).join(', ');
  const select = columns.map(([c, { type }]) => (type === 'jsonb' ? `u.${quoteIdent(c)}::jsonb` : `u.${quoteIdent(c)}`)).join(', ');
  let sql = `INSERT INTO ${quoteIdent(schema)}.${quoteIdent(table)} (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${names})`;
  if (upsert) {
    const updates = columns.filter(([c]) => !spec.primaryKey.includes(c)).map(([c]) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    sql += ` ON CONFLICT (${spec.primaryKey.map(quoteIdent).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  }
  return sql;
}

/** Writes rows (insert, or upsert by primary key), in chunks. */
export async function writeRows(db: SqlExecutor, schema: string, changes: { [T in TableName]?: RowTypes[T][] }, mode: 'insert' | 'upsert'): Promise<number> {
  let written = 0;
  for (const table of TABLE_NAMES) {
    const rows = changes[table] as AnyRow[] | undefined;
    if (!rows || rows.length === 0) continue;
    const sql = insertSql(schema, table, mode === 'upsert');
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await db.query(sql, columnArrays(table, chunk));
      written += chunk.length;
    }
  }
  return written;
}

/**
 * Runs queued jobs with at most `concurrency` at once; a job may queue more (they run before the rest). The first
 * failure is thrown once the jobs under way have settled; jobs not yet started are dropped.
 */
async function runQueue(queue: (() => Promise<unknown>)[], concurrency: number): Promise<void> {
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    for (let job = queue.shift(); job && !failure; job = queue.shift()) {
      try {
        await job();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * Fills the empty tables of a fresh schema with every row. Their primary keys and indexes are dropped first and each
 * table's are built again as soon as its rows are in (one sort per index instead of a b-tree insert per row, and the
 * builds overlap the inserts into other tables); statements run a few at a time, largest table first; each table is
 * then analysed, so that the first queries after a swap are planned on real figures. Returns the rows written.
 */
export async function bulkLoad(db: SqlDatabase, schema: string, tables: TableMaps): Promise<number> {
  const { rows: indexes } = await db.query<{ table_name: string; index_name: string; index_def: string; constraint_def: string | null }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, pg_get_indexdef(i.oid) AS index_def, pg_get_constraintdef(c.oid) AS constraint_def
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
     WHERE n.nspname = $1
     ORDER BY t.relname, i.relname`,
    [schema],
  );
  const s = quoteIdent(schema);
  for (const index of indexes) {
    await db.query(
      index.constraint_def !== null
        ? `ALTER TABLE ${s}.${quoteIdent(index.table_name)} DROP CONSTRAINT ${quoteIdent(index.index_name)}`
        : `DROP INDEX ${s}.${quoteIdent(index.index_name)}`,
    );
  }

  let written = 0;
  const queue: (() => Promise<unknown>)[] = [];
  const finish = (table: TableName) => async () => {
    for (const index of indexes.filter((i) => i.table_name === table)) {
      await db.query(
        index.constraint_def !== null
          ? `ALTER TABLE ${s}.${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(index.index_name)} ${index.constraint_def}`
          : index.index_def,
      );
    }
    await db.query(`ANALYZE ${s}.${quoteIdent(table)}`);
  };
  const bySize = [...TABLE_NAMES].sort((a, b) => tables[b].size - tables[a].size);
  for (const table of bySize) {
    const all = [...(tables[table] as Map<string, AnyRow>).values()];
    if (all.length === 0) {
      queue.push(finish(table));
      continue;
    }
    const sql = insertSql(schema, table, false);
    let left = Math.ceil(all.length / CHUNK);
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      queue.push(async () => {
        await db.query(sql, columnArrays(table, chunk));
        written += chunk.length;
        left -= 1;
        if (left === 0) queue.unshift(finish(table));
      });
    }
  }
  await runQueue(queue, BULK_CONCURRENCY);
  return written;
}

/** Loads what a fold missed into the window: rows by primary key (batched per table) and scans. */
export async function loadMisses(db: SqlExecutor, schema: string, window: WindowRows, misses: readonly RowMiss[]): Promise<void> {
  const byTable = new Map<TableName, Map<string, Record<string, unknown>>>();
  const scans = new Map<string, RowMiss>();
  for (const miss of misses) {
    if (miss.kind === 'scan') scans.set(`${miss.table}:${JSON.stringify(Object.entries(miss.where).sort())}`, miss);
    else {
      const keys = byTable.get(miss.table) ?? new Map();
      keys.set(JSON.stringify(specOf(miss.table).primaryKey.map((c) => miss.where[c])), miss.where);
      byTable.set(miss.table, keys);
    }
  }
  for (const miss of scans.values()) {
    const entries = Object.entries(miss.where);
    const where = entries.length === 0 ? 'true' : entries.map(([c], i) => `${quoteIdent(c)} = $${i + 1}`).join(' AND ');
    const { rows } = await db.query(
      `SELECT ${selectList(miss.table)} FROM ${quoteIdent(schema)}.${quoteIdent(miss.table)} WHERE ${where}`,
      entries.map(([, v]) => v),
    );
    window.addLoadedScan(miss.table, miss.where, rows as unknown as AnyRow[]);
  }
  for (const [table, keys] of byTable) {
    const pk = specOf(table).primaryKey;
    const wanted = [...keys.values()];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      const arrays = pk.map((c) => chunk.map((w) => String(w[c])));
      const join = pk.map((c) => `t.${quoteIdent(c)} = k.${quoteIdent(c)}`).join(' AND ');
      const { rows } = await db.query(
        `SELECT ${selectList(table, 't')} FROM ${quoteIdent(schema)}.${quoteIdent(table)} t
         JOIN unnest(${pk.map((_, j) => `$${j + 1}::text[]`).join(', ')}) AS k(${pk.map(quoteIdent).join(', ')}) ON ${join}`,
        arrays,
      );
      const found = new Map((rows as Record<string, unknown>[]).map((r) => [JSON.stringify(pk.map((c) => String(r[c]))), r]));
      for (const w of chunk) window.addLoadedKey(table, w, found.get(JSON.stringify(pk.map((c) => String(w[c])))) as AnyRow | undefined);
    }
  }
}

/** Every row of every table in a schema, sorted by primary key: for comparing read models. */
export async function dumpSchema(db: SqlExecutor, schema: string): Promise<Record<TableName, unknown[]>> {
  const out = {} as Record<TableName, unknown[]>;
  for (const table of TABLE_NAMES) {
    const { rows } = await db.query(
      `SELECT ${selectList(table)} FROM ${quoteIdent(schema)}.${quoteIdent(table)} ORDER BY ${specOf(table).primaryKey.map(quoteIdent).join(', ')}`,
    );
    out[table] = rows;
  }
  return out;
}
