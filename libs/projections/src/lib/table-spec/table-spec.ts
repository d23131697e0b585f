// A read-model table declared once: its columns (SQL type and the TypeScript type of their values), key and indexes.
// The row types, the DDL, the row I/O and TypeORM's entity schemas are all derived from it.

/** SQL types of read-model columns, as PostgreSQL spells them. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'boolean' | 'date' | 'double precision' | 'jsonb';

export interface Column<T> {
  readonly type: ColumnType;
  /** Never set: carries the TypeScript type of the column's values in a row. */
  readonly value?: T;
  /** The read-model DDL version (READ_MODEL_DDL_VERSIONS) that added the column to its table; absent: the first. */
  readonly since?: number;
}

const of = <T>(type: ColumnType): Column<T> => ({ type });

export const column = {
  text: <T extends string = string>(): Column<T> => of<T>('text'),
  int: (): Column<number> => of('integer'),
  /** Read and written as decimal text: log positions outgrow a JavaScript number. */
  bigint: (): Column<string> => of('bigint'),
  bool: (): Column<boolean> => of('boolean'),
  /** 'YYYY-MM-DD' in rows. */
  date: (): Column<string> => of('date'),
  float: (): Column<number> => of('double precision'),
  jsonb: <T>(): Column<T> => of<T>('jsonb'),
};

/**
 * Null allowed in the row type. The DDL leaves every column outside the key nullable whatever the row type says, as
 * the first migration created them.
 */
export const nullable = <T>(c: Column<T>): Column<T | null> => c;

/** A column added to an existing table by a later migration (version ≥ 2), which adds it to deployed databases. */
export const addedIn = <T>(version: number, c: Column<T>): Column<T> => ({ ...c, since: version });

export type Columns = Readonly<Record<string, Column<unknown>>>;

export interface TableSpec<N extends string = string, C extends Columns = Columns> {
  readonly name: N;
  /** In table order: the DDL, the selects and the inserts list them so. */
  readonly columns: C;
  readonly primaryKey: readonly string[];
  /** Extra indexes (column lists) for the queries. */
  readonly indexes?: readonly (readonly string[])[];
}

/** Declares a table; its key and indexes may only name its columns. */
export const table = <const N extends string, C extends Columns>(
  spec: TableSpec<N, C> & { readonly primaryKey: readonly (keyof C & string)[]; readonly indexes?: readonly (readonly (keyof C & string)[])[] },
): TableSpec<N, C> => spec;

export type TablesByName<S extends readonly TableSpec[]> = { readonly [T in S[number] as T['name']]: T };

/** Tables keyed by their names, in the order given. */
export const tablesByName = <const S extends readonly TableSpec[]>(...specs: S): TablesByName<S> =>
  Object.fromEntries(specs.map((spec) => [spec.name, spec])) as TablesByName<S>;

/** The row a table holds: one property per column, of the column's TypeScript type. */
export type RowOf<S extends TableSpec> = { -readonly [K in keyof S['columns']]: S['columns'][K] extends Column<infer T> ? T : never };
