// TypeORM mappings of the campaign plan read rows and the per-branch counters (schema `rm`).
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../postgres/ddl';

@Entity({ schema: READ_MODEL_SCHEMA, name: 'unit_campaign' })
export class UnitCampaignEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') campaign_id!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'campaign' })
export class CampaignEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @Column('text', { nullable: true }) unit_id!: string;
  @Column('text', { nullable: true }) name!: string;
  @Column('text', { nullable: true }) template_code!: string | null;
  @Column('date', { nullable: true }) start_date!: string;
  @Column('date', { nullable: true }) end_date!: string;
  @Column('text', { nullable: true }) office_branch_id!: string;
  @Column('text', { nullable: true }) status!: string;
  @Column('date', { nullable: true }) closed_on!: string | null;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'stage' })
export class StageEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') stage_id!: string;
  @Column('integer', { nullable: true }) ord!: number;
  @Column('text', { nullable: true }) name!: string;
  @Column('date', { nullable: true }) start_date!: string | null;
  @Column('date', { nullable: true }) end_date!: string | null;
  @Column('text', { nullable: true }) status!: string;
  @Column('date', { nullable: true }) opened_on!: string | null;
  @Column('date', { nullable: true }) closed_on!: string | null;
  @Column('integer', { nullable: true }) carried_over!: number;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'phase' })
export class PhaseEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') phase_id!: string;
  @Column('text', { nullable: true }) stage_id!: string | null;
  @Column('integer', { nullable: true }) ord!: number;
  @Column('text', { nullable: true }) name!: string;
  @Column('date', { nullable: true }) start_date!: string | null;
  @Column('date', { nullable: true }) end_date!: string | null;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'task' })
export class TaskEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') task_id!: string;
  @Column('integer', { nullable: true }) ord!: number;
  @Column('text', { nullable: true }) title!: string;
  @Column('text', { nullable: true }) stage_id!: string | null;
  @Column('text', { nullable: true }) phase_id!: string | null;
  @Column('text', { nullable: true }) track_id!: string | null;
  @Column('text', { nullable: true }) scope!: string;
  @Column('date', { nullable: true }) due_date!: string;
  @Column('text', { nullable: true }) kind!: string;
  @Column('boolean', { nullable: true }) mandatory!: boolean;
  @Column('boolean', { nullable: true }) cancelled!: boolean;
  @Column('double precision', { nullable: true }) target!: number | null;
  @Column('double precision', { nullable: true }) challenge!: number | null;
  @Column('jsonb', { nullable: true }) recurring_weeks!: { weekOf: string; dueDate: string }[];
}

/** Applicable and done instances of one task in one branch (per week for weekly tasks, week_of '' otherwise). */
@Entity({ schema: READ_MODEL_SCHEMA, name: 'counter' })
@Index('counter_campaign_id_task_id_idx', ['campaign_id', 'task_id'])
export class CounterEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @PrimaryColumn('text') task_id!: string;
  @PrimaryColumn('text') week_of!: string;
  @Column('text', { nullable: true }) stage_id!: string | null;
  @Column('text', { nullable: true }) phase_id!: string | null;
  @Column('text', { nullable: true }) scope!: string;
  @Column('date', { nullable: true }) due_date!: string;
  @Column('boolean', { nullable: true }) cancelled!: boolean;
  @Column('boolean', { nullable: true }) mandatory!: boolean;
  @Column('integer', { nullable: true }) applicable!: number;
  @Column('integer', { nullable: true }) done!: number;
}
