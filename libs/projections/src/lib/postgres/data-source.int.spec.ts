// Several API processes starting at once on one empty database: each opens the read models, none fails on the schema.
import { createTestDatabase } from '@campaign-ledger/testing-support';
import { openReadModelDataSource } from './data-source';

describe('read-model migrations on PostgreSQL', () => {
  it('are applied once when several processes open the read models at the same moment', async () => {
    const database = await createTestDatabase('cl_rm_race');
    try {
      const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openReadModelDataSource({ url: database.url, poolSize: 2 })));
      const failures = opened.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason));
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.destroy() : undefined)));
      expect(failures).toEqual([]);
      const check = await openReadModelDataSource({ url: database.url, poolSize: 2 });
      const applied = await check.query('SELECT name FROM read_model_migrations ORDER BY id');
      await check.destroy();
      expect(applied.map((r: { name: string }) => r.name)).toEqual(['CreateReadModels1767225600000', 'AddInstanceNote1796256000000']);
    } finally {
      await database.drop();
    }
  });
});
