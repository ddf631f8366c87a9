import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';
import { OrganizationKind } from './organization.record';

/**
 * Properties are named as their columns, so a raw row can be typed `Pick<OrganizationEntity, …>`.
 * Ownership is not here: it lives in ownership_stake (CreateOwnershipStakes).
 */
@Entity('organization')
@Unique('organization_slug_key', ['slug'])
@Check('organization_slug_check', `slug ~ '^[a-z0-9][a-z0-9._-]*$'`)
@Check('organization_name_check', `length(name) BETWEEN 1 AND 300`)
@Check('organization_country_check', `country ~ '^[A-Z]{2}$'`)
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

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
