// DDL of the read-model schema, written from the table specs; migrations and the rebuild both run it, the latter on a fresh schema.
import { specOf, TABLE_NAMES } from '../read-models/read-models.tables';

export const READ_MODEL_SCHEMA = 'rm';
/** Schema that is never swapped: the lease. */
export const CONTROL_SCHEMA = 'rm_control';

export const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe identifier: ${name}`);
  return `"${name}"`;
};

export const indexName = (table: string, columns: readonly string[]): string => `${table}_${columns.join('_')}_idx`;

/** Version 1 of the read-model tables, in `schema`: every column but those a later version added (`addedIn`). */
export function readModelTablesDdl(schema: string): string[] {
  const s = quoteIdent(schema);
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${s}`];
  for (const name of TABLE_NAMES) {
    const spec = specOf(name);
    const columns = Object.entries(spec.columns)
      .filter(([, c]) => (c.since ?? 1) === 1)
      .map(([c, { type }]) => {
        const notNull = spec.primaryKey.includes(c) ? ' NOT NULL' : '';
        return `${quoteIdent(c)} ${type}${notNull}`;
      });
    statements.push(`CREATE TABLE IF NOT EXISTS ${s}.${quoteIdent(name)} (${columns.join(', ')}, PRIMARY KEY (${spec.primaryKey.map(quoteIdent).join(', ')}))`);
    for (const index of spec.indexes ?? []) {
      statements.push(`CREATE INDEX IF NOT EXISTS ${quoteIdent(indexName(name, index))} ON ${s}.${quoteIdent(name)} (${index.map(quoteIdent).join(', ')})`);
    }
  }
  return statements;
}

export function controlDdl(): string[] {
  const s = quoteIdent(CONTROL_SCHEMA);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}."lease" (name text PRIMARY KEY, owner text, token bigint NOT NULL DEFAULT 0, expires_at timestamptz NOT NULL DEFAULT 'epoch', renewed_at timestamptz)`,
    `INSERT INTO ${s}."lease" (name) VALUES ('projector') ON CONFLICT (name) DO NOTHING`,
  ];
}

/** A later version of the read-model tables: the columns the specs mark `addedIn(version, …)`, added to existing tables. */
export const readModelColumnsDdl =
  (version: number) =>
  (schema: string): string[] => {
    const s = quoteIdent(schema);
    return TABLE_NAMES.flatMap((name) =>
      Object.entries(specOf(name).columns)
        .filter(([, c]) => c.since === version)
        .map(([c, { type }]) => `ALTER TABLE ${s}.${quoteIdent(name)} ADD COLUMN IF NOT EXISTS ${quoteIdent(c)} ${type}`),
    );
  };

/** Version 2: the completion note of an instance (instance.note). */
export const readModelTablesDdlV2 = readModelColumnsDdl(2);

/** Every read-model migration, in order, as DDL for a given schema (the rebuild applies them all to its fresh schema). */
export const READ_MODEL_DDL_VERSIONS: readonly ((schema: string) => string[])[] = [readModelTablesDdl, readModelTablesDdlV2];
