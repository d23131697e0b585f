import { READ_MODEL_ENTITIES } from './read-model.entity';
import { READ_MODEL_DDL_VERSIONS, readModelTablesDdl, readModelTablesDdlV2 } from './ddl';

describe('read-model tables derived from their specs', () => {
  it('give the DDL the first migration ran: existing databases hold exactly these tables', () => {
    expect(readModelTablesDdl('rm')).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "rm"',
      'CREATE TABLE IF NOT EXISTS "rm"."unit" ("unit_id" text NOT NULL, "name" text, "code" text, PRIMARY KEY ("unit_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."division" ("unit_id" text NOT NULL, "division_id" text NOT NULL, "name" text, PRIMARY KEY ("unit_id", "division_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."branch" ("unit_id" text NOT NULL, "branch_id" text NOT NULL, "name" text, "secretary_name" text, PRIMARY KEY ("unit_id", "branch_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."member" ("unit_id" text NOT NULL, "member_id" text NOT NULL, "branch_id" text, "name" text, "is_leader" boolean, "status" text, "exempt_until" date, PRIMARY KEY ("unit_id", "member_id"))',
      'CREATE INDEX IF NOT EXISTS "member_unit_id_branch_id_idx" ON "rm"."member" ("unit_id", "branch_id")',
      'CREATE TABLE IF NOT EXISTS "rm"."unit_campaign" ("unit_id" text NOT NULL, "campaign_id" text NOT NULL, PRIMARY KEY ("unit_id", "campaign_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."campaign" ("campaign_id" text NOT NULL, "unit_id" text, "name" text, "template_code" text, "start_date" date, "end_date" date, "office_branch_id" text, "status" text, "closed_on" date, PRIMARY KEY ("campaign_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."stage" ("campaign_id" text NOT NULL, "stage_id" text NOT NULL, "ord" integer, "name" text, "start_date" date, "end_date" date, "status" text, "opened_on" date, "closed_on" date, "carried_over" integer, PRIMARY KEY ("campaign_id", "stage_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."phase" ("campaign_id" text NOT NULL, "phase_id" text NOT NULL, "stage_id" text, "ord" integer, "name" text, "start_date" date, "end_date" date, PRIMARY KEY ("campaign_id", "phase_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."task" ("campaign_id" text NOT NULL, "task_id" text NOT NULL, "ord" integer, "title" text, "stage_id" text, "phase_id" text, "track_id" text, "scope" text, "due_date" date, "kind" text, "mandatory" boolean, "cancelled" boolean, "target" double precision, "challenge" double precision, "recurring_weeks" jsonb, PRIMARY KEY ("campaign_id", "task_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."counter" ("campaign_id" text NOT NULL, "branch_id" text NOT NULL, "task_id" text NOT NULL, "week_of" text NOT NULL, "stage_id" text, "phase_id" text, "scope" text, "due_date" date, "cancelled" boolean, "mandatory" boolean, "applicable" integer, "done" integer, PRIMARY KEY ("campaign_id", "branch_id", "task_id", "week_of"))',
      'CREATE INDEX IF NOT EXISTS "counter_campaign_id_task_id_idx" ON "rm"."counter" ("campaign_id", "task_id")',
      'CREATE TABLE IF NOT EXISTS "rm"."instance" ("campaign_id" text NOT NULL, "branch_id" text NOT NULL, "instance_key" text NOT NULL, "task_id" text, "scope" text, "subject_id" text, "week_of" date, "status" text, "completed_on" date, "completed_by" text, "evidence" jsonb, "reopen_count" integer, "actual" double precision, "carried_over" boolean, "carried_over_to" text, PRIMARY KEY ("campaign_id", "branch_id", "instance_key"))',
      'CREATE TABLE IF NOT EXISTS "rm"."session" ("campaign_id" text NOT NULL, "branch_id" text NOT NULL, "session_id" text NOT NULL, "date" date, "week_of" date, "topic" text, "expected" integer, "present" integer, "leave" integer, "absent" integer, "made_up" integer, PRIMARY KEY ("campaign_id", "branch_id", "session_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."attendance" ("campaign_id" text NOT NULL, "branch_id" text NOT NULL, "session_id" text NOT NULL, "member_id" text NOT NULL, "mark" text, "expected" boolean, "made_up_on" date, PRIMARY KEY ("campaign_id", "branch_id", "session_id", "member_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."participation" ("campaign_id" text NOT NULL, "branch_id" text NOT NULL, "member_id" text NOT NULL, "expected" integer, "participated" integer, "complete" boolean, PRIMARY KEY ("campaign_id", "branch_id", "member_id"))',
      'CREATE TABLE IF NOT EXISTS "rm"."three_ones" ("campaign_id" text NOT NULL, "member_id" text NOT NULL, "branch_id" text, "reading_on" date, "talk_on" date, "essay_on" date, PRIMARY KEY ("campaign_id", "member_id"))',
      'CREATE INDEX IF NOT EXISTS "three_ones_campaign_id_branch_id_idx" ON "rm"."three_ones" ("campaign_id", "branch_id")',
      'CREATE TABLE IF NOT EXISTS "rm"."checkpoint" ("id" text NOT NULL, "commit_pos" bigint, "prepare_pos" bigint, "events_applied" integer, "last_recorded_at" text, PRIMARY KEY ("id"))',
    ]);
  });

  it('give version 2 as the columns added since, which the rebuild also applies after version 1', () => {
    expect(readModelTablesDdlV2('rm')).toEqual(['ALTER TABLE "rm"."instance" ADD COLUMN IF NOT EXISTS "note" text']);
    expect(READ_MODEL_DDL_VERSIONS).toEqual([readModelTablesDdl, readModelTablesDdlV2]);
  });

  it('give TypeORM one entity schema per table, keyed and typed as the DDL', () => {
    expect(READ_MODEL_ENTITIES.map((e) => e.options.name)).toEqual([
      'unit',
      'division',
      'branch',
      'member',
      'unit_campaign',
      'campaign',
      'stage',
      'phase',
      'task',
      'counter',
      'instance',
      'session',
      'attendance',
      'participation',
      'three_ones',
      'checkpoint',
    ]);
    const member = READ_MODEL_ENTITIES[3].options;
    expect(member).toMatchObject({ schema: 'rm', tableName: 'member', indices: [{ name: 'member_unit_id_branch_id_idx', columns: ['unit_id', 'branch_id'] }] });
    expect(member.columns).toEqual({
      unit_id: { type: 'text', primary: true, nullable: false },
      member_id: { type: 'text', primary: true, nullable: false },
      branch_id: { type: 'text', primary: false, nullable: true },
      name: { type: 'text', primary: false, nullable: true },
      is_leader: { type: 'boolean', primary: false, nullable: true },
      status: { type: 'text', primary: false, nullable: true },
      exempt_until: { type: 'date', primary: false, nullable: true },
    });
  });
});
