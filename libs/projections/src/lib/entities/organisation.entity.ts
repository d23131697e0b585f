// TypeORM mappings of the organisation read rows (schema `rm`); the DDL is in the migrations, never synchronised.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../postgres/ddl';

@Entity({ schema: READ_MODEL_SCHEMA, name: 'unit' })
export class UnitEntity {
  @PrimaryColumn('text') unit_id!: string;
  @Column('text', { nullable: true }) name!: string;
  @Column('text', { nullable: true }) code!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'division' })
export class DivisionEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') division_id!: string;
  @Column('text', { nullable: true }) name!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'branch' })
export class BranchEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') branch_id!: string;
  @Column('text', { nullable: true }) name!: string;
  @Column('text', { nullable: true }) secretary_name!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'member' })
@Index('member_unit_id_branch_id_idx', ['unit_id', 'branch_id'])
export class MemberEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') member_id!: string;
  @Column('text', { nullable: true }) branch_id!: string;
  @Column('text', { nullable: true }) name!: string;
  @Column('boolean', { nullable: true }) is_leader!: boolean;
  /** active | exempt | left */
  @Column('text', { nullable: true }) status!: string;
  @Column('date', { nullable: true }) exempt_until!: string | null;
}
