import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { OrganizationEntity } from '../organization/organization.entity';

/** A dataset; its id is its lineage node's. Properties are named as their columns. */
@Entity('dataset')
@Check('dataset_country_override_check', `country_override ~ '^[A-Z]{2}$'`)
@Check('dataset_check', `(country_override IS NULL) = (country_evidence IS NULL)`)
@Index('dataset_placeholder_idx', ['id'], { where: 'placeholder' })
@Index('dataset_publisher_idx', ['publisher_id'])
export class DatasetEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'dataset_pkey' })
  id: string;

  @OneToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'dataset_id_fkey' })
  node?: LineageNodeEntity;

  @Column('text')
  name: string;

  @Column('bigint')
  publisher_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'publisher_id', foreignKeyConstraintName: 'dataset_publisher_id_fkey' })
  publisher?: OrganizationEntity;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  license: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  license_ids: string[];

  @Column({ type: 'char', length: 2, nullable: true })
  country_override: string | null;

  @Column({ type: 'jsonb', nullable: true })
  country_evidence: Evidence | null;

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'boolean', default: false })
  placeholder: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
