// The little SQL the projections need, over a TypeORM DataSource (PostgreSQL or the embedded PGlite socket).
import type { DataSource, QueryRunner } from 'typeorm';

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

const run = async <R>(runner: QueryRunner, sql: string, params?: readonly unknown[]) => {
  const result = await runner.query(sql, params as unknown[] | undefined, true);
  return { rows: result.records as R[], rowCount: result.affected ?? result.records.length };
};

export function typeOrmSql(dataSource: DataSource): SqlDatabase {
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      const runner = dataSource.createQueryRunner();
      try {
        return await run<R>(runner, sql, params);
      } finally {
        await runner.release();
      }
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const result = await work({ query: <R>(sql: string, params?: readonly unknown[]) => run<R>(runner, sql, params) });
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    },
  };
}
