import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Canonical, DatasetKind, DatasetSizeRange, Evidence } from '@pedigree/core';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { OrganizationEntity } from '../organization/organization.entity';

const anyOf = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** A dataset; its id is its lineage node's. Properties are named as their columns. */
@Entity('dataset')
@Check('dataset_source_kind_check', `source_kind IN (${anyOf(Object.values(DatasetKind))})`)
@Check('dataset_size_range_check', `size_range IN (${anyOf(Object.values(DatasetSizeRange))})`)
@Check('dataset_top_domains_check', `top_domains = '{}' OR source_kind IS NOT DISTINCT FROM 'CRAWLED'`)
@Check('dataset_profile_evidence_check', `(profile_evidence IS NULL) = (source_kind IS NULL AND size_range IS NULL AND top_domains = '{}')`)
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

  /** The template's source type (docs/eu-training-summary.md); null when nobody stated it. */
  @Column({ type: 'text', nullable: true })
  source_kind: DatasetKind | null;

  @Column({ type: 'text', nullable: true })
  size_range: DatasetSizeRange | null;

  /** Crawled data only: the most relevant domains, most relevant first. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  top_domains: string[];

  /** Support for source_kind, size_range and top_domains; null exactly when none is stated. */
  @Column({ type: 'jsonb', nullable: true })
  profile_evidence: Evidence | null;

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'boolean', default: false })
  placeholder: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
