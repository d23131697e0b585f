import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, READ_MODEL_SCHEMA, readModelTablesDdlV2 } from '../postgres/ddl';

/**
 * Read-model tables v2: `instance.note`, the note of the completion in force. Rows projected before it have no note
 * until the read model is rebuilt from the log (`ledger rebuild`); the log itself always had it.
 */
export class AddInstanceNote1796256000000 implements MigrationInterface {
  name = 'AddInstanceNote1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of readModelTablesDdlV2(READ_MODEL_SCHEMA)) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${quoteIdent(READ_MODEL_SCHEMA)}."instance" DROP COLUMN IF EXISTS "note"`);
  }
}
