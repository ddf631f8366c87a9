import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';

/** Terms of a LicenseRef-… license that SPDX does not know. */
@Entity('custom_license')
@Check('custom_license_key_check', `key ~ '^LicenseRef-[A-Za-z0-9.-]+$'`)
@Check('custom_license_user_threshold_check', `user_threshold > 0`)
export class CustomLicenseEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'custom_license_pkey' })
  key: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column('boolean')
  commercial_use: boolean;

  @Column({ type: 'boolean', default: false })
  non_commercial: boolean;

  @Column({ type: 'boolean', default: false })
  attribution_required: boolean;

  @Column({ type: 'text', nullable: true })
  attribution_text: string | null;

  @Column({ type: 'text', nullable: true })
  naming_requirement: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  use_restrictions: string[];

  @Column({ type: 'boolean', default: false })
  forbids_competing_models: boolean;

  /** bigint: pg returns it as a string. */
  @Column({ type: 'bigint', nullable: true })
  user_threshold: string | null;

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
