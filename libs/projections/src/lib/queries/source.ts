// What the queries read: rows by equality, and sums grouped by columns. The database and an in-memory snapshot both
// offer it, so every figure is computed by the same pure functions on either.
import type { MemoryRows } from '../rows/row-set';
import { matches } from '../rows/row-set';
import { TABLE_NAMES, type RowTypes, type TableName } from '../read-models/read-models.tables';

export type Aggregate<T extends TableName, G extends keyof RowTypes[T], S extends keyof RowTypes[T]> = Pick<RowTypes[T], G> & { [K in S]: number } & {
  count: number;
};

export interface ReadModelSource {
  rows<T extends TableName>(table: T, where: Partial<RowTypes[T]>): Promise<RowTypes[T][]>;
  /** Sums of `sums` and a row count per distinct value of `groupBy`, over rows matching `where`. */
  aggregate<T extends TableName, G extends keyof RowTypes[T] & string, S extends keyof RowTypes[T] & string>(
    table: T,
    where: Partial<RowTypes[T]>,
    groupBy: readonly G[],
    sums: readonly S[],
  ): Promise<Aggregate<T, G, S>[]>;
}

/** The whole read model held in memory (from `projectInMemory`). */
export interface ReadModelSnapshot {
  readonly rows: MemoryRows;
}

export function snapshotSource(snapshot: ReadModelSnapshot): ReadModelSource {
  const tables = snapshot.rows.tables;
  return {
    async rows(table, where) {
      const out = [];
      for (const row of tables[table].values()) if (matches(row, where)) out.push(row);
      return out as never;
    },
    async aggregate(table, where, groupBy, sums) {
      const groups = new Map<string, Record<string, unknown>>();
      for (const row of tables[table].values()) {
        if (!matches(row, where)) continue;
        const r = row as unknown as Record<string, unknown>;
        const key = JSON.stringify(groupBy.map((g) => r[g]));
        let group = groups.get(key);
        if (!group) {
          group = { count: 0 };
          for (const g of groupBy) group[g] = r[g];
          for (const s of sums) group[s] = 0;
          groups.set(key, group);
        }
        group.count = (group.count as number) + 1;
        for (const s of sums) group[s] = (group[s] as number) + Number(r[s] ?? 0);
      }
      return [...groups.values()] as never;
    },
  };
}

/** Plain arrays of every table: for comparing two read models. */
export function snapshotTables(snapshot: ReadModelSnapshot): Record<TableName, unknown[]> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, [...snapshot.rows.tables[t].values()]])) as Record<TableName, unknown[]>;
}
