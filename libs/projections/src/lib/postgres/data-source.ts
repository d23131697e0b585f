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

/** Opens the data source and brings the read-model schema up to date. */
export async function openReadModelDataSource(options: ReadModelDataSourceOptions): Promise<DataSource> {
  const dataSource = createReadModelDataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
