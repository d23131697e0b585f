// TypeORM's view of the read-model rows (schema `rm`), built from the table specs; the DDL is in the migrations, never synchronised.
import { EntitySchema } from 'typeorm';
import { specOf, TABLE_NAMES } from '../read-models/read-models.tables';
import { indexName, READ_MODEL_SCHEMA } from './ddl';

export const READ_MODEL_ENTITIES: EntitySchema[] = TABLE_NAMES.map((name) => {
  const spec = specOf(name);
  return new EntitySchema({
    name,
    schema: READ_MODEL_SCHEMA,
    tableName: name,
    columns: Object.fromEntries(
      Object.entries(spec.columns).map(([c, { type }]) => {
        const primary = spec.primaryKey.includes(c);
        return [c, { type, primary, nullable: !primary }];
      }),
    ),
    indices: (spec.indexes ?? []).map((columns) => ({ name: indexName(name, columns), columns: [...columns] })),
  });
});
