import type { MigrationInterface, QueryRunner } from 'typeorm';
import { controlDdl, readModelTablesDdl, READ_MODEL_SCHEMA, CONTROL_SCHEMA } from '../postgres/ddl';

/** Read-model tables v1 in `rm`, and the lease in `rm_control`. */
export class CreateReadModels1767225600000 implements MigrationInterface {
  name = 'CreateReadModels1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...readModelTablesDdl(READ_MODEL_SCHEMA), ...controlDdl()]) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS "${READ_MODEL_SCHEMA}" CASCADE`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "${CONTROL_SCHEMA}" CASCADE`);
  }
}
