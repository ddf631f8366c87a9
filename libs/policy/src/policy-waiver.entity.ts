import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganizationEntity } from '@pedigree/catalog/entities';
import { DeploymentEntity } from '@pedigree/deployment/entities';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { PolicyEntity } from './policy.entity';

/** One policy waived for one subject (a node, a deployment, or an organization subtree) until `expires_at`. Append-only. */
@Entity('policy_waiver')
@Check('policy_waiver_one_subject_check', `num_nonnulls(node_id, deployment_id, organization_id) = 1`)
@Check('policy_waiver_expiry_check', `expires_at > granted_at`)
@Index('policy_waiver_policy_idx', ['policy_id'])
export class PolicyWaiverEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_waiver_pkey' })
  id: string;

  @Column('bigint')
  policy_id: string;

  @ManyToOne(() => PolicyEntity)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_waiver_policy_id_fkey' })
  policy?: PolicyEntity;

  @Column({ type: 'bigint', nullable: true })
  node_id: string | null;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'node_id', foreignKeyConstraintName: 'policy_waiver_node_id_fkey' })
  node?: LineageNodeEntity;

  @Column({ type: 'bigint', nullable: true })
  deployment_id: string | null;

  @ManyToOne(() => DeploymentEntity)
  @JoinColumn({ name: 'deployment_id', foreignKeyConstraintName: 'policy_waiver_deployment_id_fkey' })
  deployment?: DeploymentEntity;

  @Column({ type: 'bigint', nullable: true })
  organization_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'policy_waiver_organization_id_fkey' })
  organization?: OrganizationEntity;

  @Column('text')
  justification: string;

  @Column('text')
  approver: string;

  @Column({ type: 'text', nullable: true })
  document_ref: string | null;

  @Column('timestamptz')
  expires_at: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  granted_at: Date;

  @Column('text')
  granted_by: string;
}

/** The revocation of one waiver, at most one per waiver. */
@Entity('policy_waiver_revocation')
@Unique('policy_waiver_revocation_waiver_id_key', ['waiver_id'])
export class PolicyWaiverRevocationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_waiver_revocation_pkey' })
  id: string;

  @Column('bigint')
  waiver_id: string;

  @ManyToOne(() => PolicyWaiverEntity)
  @JoinColumn({ name: 'waiver_id', foreignKeyConstraintName: 'policy_waiver_revocation_waiver_id_fkey' })
  waiver?: PolicyWaiverEntity;

  @Column('text')
  reason: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  revoked_at: Date;

  @Column('text')
  revoked_by: string;
}
