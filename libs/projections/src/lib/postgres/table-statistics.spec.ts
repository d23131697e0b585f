import { TableStatistics } from './table-statistics';
import type { SqlExecutor } from './sql';

/** A database that answers pg_class with the given estimates, updated to `rows` of a table once it is analysed. */
function fakeDb(estimates: Record<string, number>, rowsAfterAnalyze: Record<string, number>) {
  const analysed: string[] = [];
  const db: SqlExecutor = {
    async query<R>(sql: string) {
      const analyze = /^ANALYZE "rm"\."(\w+)"$/.exec(sql);
      if (analyze) {
        analysed.push(analyze[1]);
        estimates[analyze[1]] = rowsAfterAnalyze[analyze[1]];
        return { rows: [] as R[], rowCount: 0 };
      }
      const rows = Object.entries(estimates).map(([table_name, reltuples]) => ({ table_name, reltuples })) as R[];
      return { rows, rowCount: rows.length };
    },
  };
  return { db, analysed };
}

describe('TableStatistics (the live projector analyses the tables it grows)', () => {
  it('analyses a never-analysed table once the rows written to it reach the minimum, not before', async () => {
    const { db, analysed } = fakeDb({ counter: -1, unit: -1 }, { counter: 1_500 });
    const statistics = new TableStatistics(db, 'rm', 1_000);
    expect(await statistics.afterBatch({ counter: 600, unit: 1 })).toEqual([]);
    expect(await statistics.afterBatch({ counter: 900, unit: 1 })).toEqual(['counter']);
    expect(analysed).toEqual(['counter']);
  });

  it("analyses again only when the rows written since reach the table's estimate (about once per doubling)", async () => {
    const { db, analysed } = fakeDb({ counter: 21_000 }, { counter: 42_000 });
    const statistics = new TableStatistics(db, 'rm', 1_000);
    expect(await statistics.afterBatch({ counter: 20_000 })).toEqual([]);
    expect(await statistics.afterBatch({ counter: 1_000 })).toEqual(['counter']);
    expect(await statistics.afterBatch({ counter: 41_999 })).toEqual([]);
    expect(await statistics.afterBatch({ counter: 1 })).toEqual(['counter']);
    expect(analysed).toEqual(['counter', 'counter']);
  });

  it('leaves a small table that is only updated (the checkpoint row) alone', async () => {
    const { db, analysed } = fakeDb({ checkpoint: 1 }, {});
    const statistics = new TableStatistics(db, 'rm', 1_000);
    for (let batch = 0; batch < 999; batch += 1) await statistics.afterBatch({ checkpoint: 1 });
    expect(analysed).toEqual([]);
  });
});
