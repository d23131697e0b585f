// Tables a process creates when it first needs them (`CREATE TABLE IF NOT EXISTS ...`). Two processes starting at
// once can both miss the table and both create it; PostgreSQL then refuses the slower one on its catalog's keys
// (23505), as "relation exists" (42P07), "type exists" (42710) or "column exists" (42701), while the table is there as wanted.
import type { Pool, PoolClient } from 'pg';

const ALREADY_THERE = new Set(['23505', '42P07', '42710', '42701']);

export async function ensureSchema(db: Pool | PoolClient, ddl: string): Promise<void> {
  try {
    await db.query(ddl);
  } catch (error) {
    if (!ALREADY_THERE.has((error as { code?: string }).code ?? '')) throw error;
  }
}
