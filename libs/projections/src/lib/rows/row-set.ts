// Row sets the projection folds over: everything in memory (rebuild, as-of replays), or a window onto the database (live).
import { keyOf, specOf, TABLE_NAMES, type RowTypes, type TableName } from '../read-models/read-models.tables';

export type Where<T extends TableName> = Partial<RowTypes[T]>;

/** What a projection may do with rows: read by primary key, scan by equality on primary-key columns, write whole rows. */
export interface Rows {
  get<T extends TableName>(table: T, key: Where<T>): RowTypes[T] | undefined;
  scan<T extends TableName>(table: T, where: Where<T>): RowTypes[T][];
  put<T extends TableName>(table: T, row: RowTypes[T]): void;
}

export const matches = (row: object, where: object): boolean => {
  for (const column in where) if ((row as Record<string, unknown>)[column] !== (where as Record<string, unknown>)[column]) return false;
  return true;
};

function assertPrimaryKeyColumns(table: TableName, where: object): void {
  for (const column of Object.keys(where)) {
    if (!specOf(table).primaryKey.includes(column)) throw new Error(`scan of ${table} by ${column}: only primary-key columns may be scanned`);
  }
}

function addToGroup(groups: Map<unknown, string[]>, value: unknown, key: string): void {
  const keys = groups.get(value);
  if (keys) keys.push(key);
  else groups.set(value, [key]);
}

export type TableMaps = { [T in TableName]: Map<string, RowTypes[T]> };
export const emptyTables = (): TableMaps => Object.fromEntries(TABLE_NAMES.map((t) => [t, new Map()])) as unknown as TableMaps;

/**
 * Every row in memory; remembers which keys changed since the last `takeChanges`, unless built with
 * `{ trackChanges: false }` (a rebuild writes every row anyway) until `trackChanges()` is called.
 */
export class MemoryRows implements Rows {
  readonly tables: TableMaps = emptyTables();
  private changed: { [T in TableName]?: Set<string> } = {};
  private tracking: boolean;
  /** For tables scanned at least once: keys by value of the first primary-key column, in insertion order. */
  private readonly groups: { [T in TableName]?: Map<unknown, string[]> } = {};

  constructor(options: { trackChanges?: boolean } = {}) {
    this.tracking = options.trackChanges ?? true;
  }

  /** Starts remembering changes from now on (changes before it are forgotten). */
  trackChanges(): void {
    this.tracking = true;
    this.changed = {};
  }

  get<T extends TableName>(table: T, key: Where<T>): RowTypes[T] | undefined {
    return this.tables[table].get(keyOf(table, key)) as RowTypes[T] | undefined;
  }

  scan<T extends TableName>(table: T, where: Where<T>): RowTypes[T][] {
    assertPrimaryKeyColumns(table, where);
    const map = this.tables[table] as Map<string, RowTypes[T]>;
    const result: RowTypes[T][] = [];
    const value = (where as Record<string, unknown>)[specOf(table).primaryKey[0]];
    if (typeof value === 'string') {
      // Only the rows sharing the first key column, visited in the table's own order: the same rows as a full pass.
      for (const key of this.groupsOf(table).get(value) ?? []) {
        const row = map.get(key) as RowTypes[T];
        if (matches(row, where)) result.push(row);
      }
      return result;
    }
    for (const row of map.values()) if (matches(row, where)) result.push(row);
    return result;
  }

  put<T extends TableName>(table: T, row: RowTypes[T]): void {
    const key = keyOf(table, row);
    const map = this.tables[table] as Map<string, RowTypes[T]>;
    const groups = this.groups[table];
    if (groups && !map.has(key)) addToGroup(groups, (row as unknown as Record<string, unknown>)[specOf(table).primaryKey[0]], key);
    map.set(key, row);
    if (this.tracking) (this.changed[table] ??= new Set()).add(key);
  }

  private groupsOf(table: TableName): Map<unknown, string[]> {
    let groups = this.groups[table];
    if (!groups) {
      groups = new Map();
      const first = specOf(table).primaryKey[0];
      for (const [key, row] of this.tables[table] as Map<string, unknown>) addToGroup(groups, (row as Record<string, unknown>)[first], key);
      this.groups[table] = groups;
    }
    return groups;
  }

  /** Rows written since the last call (each once, latest version). */
  takeChanges(): { [T in TableName]?: RowTypes[T][] } {
    const out: { [T in TableName]?: RowTypes[T][] } = {};
    for (const table of TABLE_NAMES) {
      const keys = this.changed[table];
      if (!keys || keys.size === 0) continue;
      const map = this.tables[table] as Map<string, unknown>;
      (out as Record<string, unknown[]>)[table] = [...keys].map((k) => map.get(k));
    }
    this.changed = {};
    return out;
  }

  count(): number {
    return TABLE_NAMES.reduce((sum, t) => sum + this.tables[t].size, 0);
  }
}

export interface RowMiss {
  readonly table: TableName;
  readonly kind: 'key' | 'scan';
  readonly where: Record<string, unknown>;
}

/**
 * The live projector's window onto the database: rows loaded so far (known present or absent), plus the writes of
 * the fold under way. A read of something not loaded is recorded as a miss; the projector loads the misses and folds
 * the batch again from the start, until a fold completes without misses.
 */
export class WindowRows implements Rows {
  private readonly loaded: TableMaps = emptyTables();
  private readonly knownKeys: { [T in TableName]?: Set<string> } = {};
  private readonly loadedScans: { [T in TableName]?: Record<string, unknown>[] } = {};
  private writes: TableMaps = emptyTables();
  misses: RowMiss[] = [];

  /** Starts a fresh fold over the loaded rows. */
  reset(): void {
    this.writes = emptyTables();
    this.misses = [];
  }

  addLoadedKey(table: TableName, where: Record<string, unknown>, row: RowTypes[TableName] | undefined): void {
    const key = keyOf(table, where);
    (this.knownKeys[table] ??= new Set()).add(key);
    if (row) (this.loaded[table] as Map<string, unknown>).set(key, row);
  }

  addLoadedScan(table: TableName, where: Record<string, unknown>, rows: readonly RowTypes[TableName][]): void {
    (this.loadedScans[table] ??= []).push(where);
    for (const row of rows) {
      const key = keyOf(table, row);
      (this.knownKeys[table] ??= new Set()).add(key);
      (this.loaded[table] as Map<string, unknown>).set(key, row);
    }
  }

  private covered(table: TableName, key: string, row: object): boolean {
    if (this.knownKeys[table]?.has(key)) return true;
    return (this.loadedScans[table] ?? []).some((where) => matches(row, where));
  }

  get<T extends TableName>(table: T, key: Where<T>): RowTypes[T] | undefined {
    const k = keyOf(table, key);
    const written = (this.writes[table] as Map<string, RowTypes[T]>).get(k);
    if (written) return written;
    if (!this.covered(table, k, key)) {
      this.misses.push({ table, kind: 'key', where: Object.fromEntries(specOf(table).primaryKey.map((c) => [c, (key as Record<string, unknown>)[c]])) });
      return undefined;
    }
    return (this.loaded[table] as Map<string, RowTypes[T]>).get(k);
  }

  scan<T extends TableName>(table: T, where: Where<T>): RowTypes[T][] {
    assertPrimaryKeyColumns(table, where);
    // A loaded scan covers this one when its conditions are a subset of these.
    const isLoaded = (this.loadedScans[table] ?? []).some((w) => Object.entries(w).every(([c, v]) => (where as Record<string, unknown>)[c] === v));
    if (!isLoaded) this.misses.push({ table, kind: 'scan', where: { ...where } });
    const byKey = new Map<string, RowTypes[T]>();
    for (const [k, row] of this.loaded[table] as Map<string, RowTypes[T]>) if (matches(row, where)) byKey.set(k, row);
    for (const [k, row] of this.writes[table] as Map<string, RowTypes[T]>) if (matches(row, where)) byKey.set(k, row);
    return [...byKey.values()];
  }

  put<T extends TableName>(table: T, row: RowTypes[T]): void {
    (this.writes[table] as Map<string, RowTypes[T]>).set(keyOf(table, row), row);
  }

  changes(): { [T in TableName]?: RowTypes[T][] } {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLE_NAMES) if (this.writes[table].size > 0) out[table] = [...this.writes[table].values()];
    return out as { [T in TableName]?: RowTypes[T][] };
  }
}
