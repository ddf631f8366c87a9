import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganizationEntity } from '@pedigree/catalog/entities';
import { PolicyEffect, PolicyOnError, PolicySeverity } from './policy.record';

/** A policy's identity; what it says is in its versions. */
@Entity('policy')
@Unique('policy_key_key', ['key'])
@Check('policy_key_check', `key ~ '^[a-z0-9][a-z0-9._/-]{0,199}$'`)
export class PolicyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_pkey' })
  id: string;

  @Column('text')
  key: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;

  @Column('text')
  created_by: string;
}

/** One version of a policy, append-only: an edit, an enable or a disable is a new version. */
@Entity('policy_version')
@Unique('policy_version_policy_id_version_key', ['policy_id', 'version'])
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_version_pkey' })
  id: string;

  @Column('bigint')
  policy_id: string;

  @ManyToOne(() => PolicyEntity)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_version_policy_id_fkey' })
  policy?: PolicyEntity;

  @Column('integer')
  version: number;

  @Column('text')
  name: string;

  @Column('text')
  description: string;

  @Column({ type: 'text', nullable: true })
  document_ref: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subject_kinds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  environments: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  owner_teams: string[];

  @Column({ type: 'bigint', nullable: true })
  organization_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'policy_version_organization_id_fkey' })
  organization?: OrganizationEntity;

  @Column('text')
  condition: string;

  @Column({ type: 'enum', enum: PolicyEffect, enumName: 'policy_effect' })
  effect: PolicyEffect;

  @Column({ type: 'enum', enum: PolicySeverity, enumName: 'policy_severity' })
  severity: PolicySeverity;

  @Column({ type: 'enum', enum: PolicyOnError, enumName: 'policy_on_error' })
  on_error: PolicyOnError;

  @Column('boolean')
  enabled: boolean;

  @Column({ type: 'text', nullable: true })
  pack: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recorded_at: Date;

  @Column('text')
  recorded_by: string;
}
