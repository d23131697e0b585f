// TypeORM mappings of branch-work read rows: instances, study sessions, attendance, participation, three ones (schema `rm`).
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../postgres/ddl';

@Entity({ schema: READ_MODEL_SCHEMA, name: 'instance' })
export class InstanceEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @PrimaryColumn('text') instance_key!: string;
  @Column('text', { nullable: true }) task_id!: string;
  @Column('text', { nullable: true }) scope!: string;
  @Column('text', { nullable: true }) subject_id!: string;
  @Column('date', { nullable: true }) week_of!: string | null;
  /** open | completed | reopened */
  @Column('text', { nullable: true }) status!: string;
  @Column('date', { nullable: true }) completed_on!: string | null;
  @Column('text', { nullable: true }) completed_by!: string | null;
  /** SHA-256 of each evidence file. */
  @Column('jsonb', { nullable: true }) evidence!: string[];
  @Column('integer', { nullable: true }) reopen_count!: number;
  @Column('double precision', { nullable: true }) actual!: number | null;
  @Column('boolean', { nullable: true }) carried_over!: boolean;
  @Column('text', { nullable: true }) carried_over_to!: string | null;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'session' })
export class SessionEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @PrimaryColumn('text') session_id!: string;
  @Column('date', { nullable: true }) date!: string;
  @Column('date', { nullable: true }) week_of!: string;
  @Column('text', { nullable: true }) topic!: string;
  @Column('integer', { nullable: true }) expected!: number;
  @Column('integer', { nullable: true }) present!: number;
  @Column('integer', { nullable: true }) leave!: number;
  @Column('integer', { nullable: true }) absent!: number;
  @Column('integer', { nullable: true }) made_up!: number;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'attendance' })
export class AttendanceEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @PrimaryColumn('text') session_id!: string;
  @PrimaryColumn('text') member_id!: string;
  /** present | leave | absent | exempt */
  @Column('text', { nullable: true }) mark!: string;
  @Column('boolean', { nullable: true }) expected!: boolean;
  @Column('date', { nullable: true }) made_up_on!: string | null;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'participation' })
export class ParticipationEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @PrimaryColumn('text') member_id!: string;
  @Column('integer', { nullable: true }) expected!: number;
  @Column('integer', { nullable: true }) participated!: number;
  @Column('boolean', { nullable: true }) complete!: boolean;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'three_ones' })
@Index('three_ones_campaign_id_branch_id_idx', ['campaign_id', 'branch_id'])
export class ThreeOnesEntity {
  @PrimaryColumn('text') campaign_id!: string;
  @PrimaryColumn('text') member_id!: string;
  @Column('text', { nullable: true }) branch_id!: string;
  @Column('date', { nullable: true }) reading_on!: string | null;
  @Column('date', { nullable: true }) talk_on!: string | null;
  @Column('date', { nullable: true }) essay_on!: string | null;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'checkpoint' })
export class CheckpointEntity {
  @PrimaryColumn('text') id!: string;
  @Column('bigint', { nullable: true }) commit_pos!: string;
  @Column('bigint', { nullable: true }) prepare_pos!: string;
  @Column('integer', { nullable: true }) events_applied!: number;
  @Column('text', { nullable: true }) last_recorded_at!: string | null;
}

@Entity({ schema: 'rm_control', name: 'lease' })
export class LeaseEntity {
  @PrimaryColumn('text') name!: string;
  @Column('text', { nullable: true }) owner!: string | null;
  @Column('bigint', { default: 0 }) token!: string;
  @Column('timestamptz', { default: () => "'epoch'" }) expires_at!: Date;
  @Column('timestamptz', { nullable: true }) renewed_at!: Date | null;
}
