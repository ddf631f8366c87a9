import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';
import { OrganizationKind } from './organization.record';

/** Properties are named as their columns, so a raw row can be typed `Pick<OrganizationEntity, …>`. */
@Entity('organization')
@Unique('organization_slug_key', ['slug'])
@Check('organization_slug_check', `slug ~ '^[a-z0-9][a-z0-9._-]*$'`)
@Check('organization_name_check', `length(name) BETWEEN 1 AND 300`)
@Check('organization_country_check', `country ~ '^[A-Z]{2}$'`)
@Check('organization_check', `parent_id <> id`)
@Index('organization_parent_idx', ['parent_id'])
export class OrganizationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'organization_pkey' })
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @Column({ type: 'bigint', nullable: true })
  parent_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'organization_parent_id_fkey' })
  parent?: OrganizationEntity;

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
