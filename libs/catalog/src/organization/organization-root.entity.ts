import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each organization's ultimate owner and the country that gives it: a table the organization
 * trigger refreshes from the organization_root_computed view (MaterializeOrganizationRoot).
 * It was made by CREATE TABLE AS, so it has no foreign keys, and every column but the key is
 * nullable, although the refresh always sets root_id.
 */
@Entity('organization_root')
@Index('organization_root_country_idx', ['root_country'])
export class OrganizationRootEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'organization_root_pkey' })
  organization_id: string;

  @Column({ type: 'bigint', nullable: true })
  root_id: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  root_country: string | null;

  @Column({ type: 'bigint', nullable: true })
  country_org_id: string | null;
}
