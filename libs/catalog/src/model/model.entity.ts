import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { OrganizationEntity } from '../organization/organization.entity';
import { ModelAccess } from './model.record';

/** A model; its id is its lineage node's. Properties are named as their columns. */
@Entity('model')
@Check('model_country_override_check', `country_override ~ '^[A-Z]{2}$'`)
@Check('model_parameter_count_check', `parameter_count > 0`)
@Check('model_check', `(country_override IS NULL) = (country_evidence IS NULL)`)
@Index('model_placeholder_idx', ['id'], { where: 'placeholder' })
@Index('model_publisher_idx', ['publisher_id'])
@Index('model_license_ids_idx', ['license_ids'], { type: 'gin' })
@Index('model_substitute_size_idx', ['modality', 'parameter_count', 'id'], { where: 'NOT placeholder' })
@Index('model_substitute_release_idx', ['modality', 'release_date'], { where: 'NOT placeholder' })
export class ModelEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'model_pkey' })
  id: string;

  @OneToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'model_id_fkey' })
  node?: LineageNodeEntity;

  @Column('text')
  name: string;

  @Column('bigint')
  publisher_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'publisher_id', foreignKeyConstraintName: 'model_publisher_id_fkey' })
  publisher?: OrganizationEntity;

  @Column({ type: 'text', nullable: true })
  license: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  license_ids: string[];

  @Column({ type: 'jsonb', nullable: true })
  license_evidence: Evidence | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country_override: string | null;

  @Column({ type: 'jsonb', nullable: true })
  country_evidence: Evidence | null;

  @Column({ type: 'enum', enum: ModelAccess, enumName: 'model_access' })
  access: ModelAccess;

  @Column({ type: 'text', nullable: true })
  modality: string | null;

  /** bigint: pg returns it as a string. */
  @Column({ type: 'bigint', nullable: true })
  parameter_count: string | null;

  /** 'YYYY-MM-DD': TypeORM reads a date as text; raw SQL selects `release_date::text` for the same. */
  @Column({ type: 'date', nullable: true })
  release_date: string | null;

  /** Task tags, sorted (AddTasks). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tasks: string[];

  @Column('jsonb')
  evidence: Evidence;

  /** The canonical registration payload (large); only idempotent re-registration reads it. */
  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'boolean', default: false })
  placeholder: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
