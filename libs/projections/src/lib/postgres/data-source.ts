// The TypeORM DataSource of the read models: entities, migrations (never synchronize), a small pool.
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES } from './read-model.entity';
import { READ_MODEL_MIGRATIONS } from '../migrations';

export interface ReadModelDataSourceOptions {
  readonly url: string;
  /** Connections in the pool; keep it small on the embedded PGlite socket (one shared session). */
  readonly poolSize?: number;
}

export function createReadModelDataSource(options: ReadModelDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    extra: { max: options.poolSize ?? 4 },
    logging: false,
  });
}

// Held while migrating: API processes that start together on one database migrate one after the other (the later
// ones then find nothing to do) instead of creating the same schema at once.
const MIGRATION_LOCK = 74_110_202;

/** Opens the data source and brings the read-model schema up to date. */
export async function openReadModelDataSource(options: ReadModelDataSourceOptions): Promise<DataSource> {
  const dataSource = createReadModelDataSource(options);
  await dataSource.initialize();
  try {
    // The lock needs a connection of its own beside the migrations' (a pool of one is a single process anyway).
    const locker = (options.poolSize ?? 4) >= 2 ? dataSource.createQueryRunner() : null;
    try {
      await locker?.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await locker?.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await locker?.release();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
