import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/** A lower-case name an organization is known by; slugs are claimed here too, so they share one namespace. */
@Entity('organization_alias')
@Check('organization_alias_alias_check', `alias = lower(alias)`)
@Index('organization_alias_org_idx', ['organization_id'])
export class OrganizationAliasEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'organization_alias_pkey' })
  alias: string;

  @Column('bigint')
  organization_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'organization_alias_organization_id_fkey' })
  organization?: OrganizationEntity;
}
