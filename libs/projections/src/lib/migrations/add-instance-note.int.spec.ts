// The second read-model migration on a real PostgreSQL: a database the first one built gets instance.note, keeping its
// rows; a fresh database runs both and ends with the tables the rebuild creates.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { openReadModelDataSource } from '../postgres/data-source';
import { CreateReadModels1767225600000 } from './1767225600000-create-read-models';

jest.setTimeout(60_000);

const columnsOf = async (db: DataSource, table: string) =>
  (
    (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'rm' AND table_name = $1 ORDER BY ordinal_position`, [table])) as {
      column_name: string;
    }[]
  ).map((c) => c.column_name);

describe('read-model migration 2: instance.note', () => {
  let database: TestDatabase;
  afterEach(() => database?.drop());

  it('adds the column to a database built by version 1, keeping its rows (their note unknown until a rebuild)', async () => {
    database = await createTestDatabase('cl_rm_note');
    const v1 = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [CreateReadModels1767225600000],
      migrationsTableName: 'read_model_migrations',
    });
    await v1.initialize();
    await v1.runMigrations();
    expect(await columnsOf(v1, 'instance')).not.toContain('note');
    await v1.query(
      `INSERT INTO rm.instance (campaign_id, branch_id, instance_key, status, evidence, reopen_count, carried_over) VALUES ('C1', 'B1', 'T1:branch:B1', 'completed', '[]', 0, false)`,
    );
    await v1.destroy();

    const current = await openReadModelDataSource({ url: database.url });
    try {
      expect((await columnsOf(current, 'instance')).at(-1)).toBe('note');
      expect(await current.query(`SELECT instance_key, note FROM rm.instance`)).toEqual([{ instance_key: 'T1:branch:B1', note: null }]);
      // Run again: nothing left to do.
      await expect(current.runMigrations()).resolves.toEqual([]);
    } finally {
      await current.destroy();
    }
  });

  it('builds a fresh database with both', async () => {
    database = await createTestDatabase('cl_rm_note');
    const current = await openReadModelDataSource({ url: database.url });
    try {
      expect(await columnsOf(current, 'instance')).toContain('note');
      expect((await current.query(`SELECT name FROM read_model_migrations ORDER BY id`)).map((m: { name: string }) => m.name)).toEqual([
        'CreateReadModels1767225600000',
        'AddInstanceNote1796256000000',
      ]);
    } finally {
      await current.destroy();
    }
  });
});
