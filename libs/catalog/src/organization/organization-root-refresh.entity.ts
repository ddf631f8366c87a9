import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row: the date (UTC) whose active stakes organization_root was last computed from. The
 * registry's periodic check refreshes organization_root when a stake starts or ends after it.
 */
@Entity('organization_root_refresh')
@Check('organization_root_refresh_singleton_check', `singleton`)
export class OrganizationRootRefreshEntity {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'organization_root_refresh_pkey' })
  singleton: boolean;

  @Column('date')
  as_of: string;
}
