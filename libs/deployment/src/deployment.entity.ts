import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Canonical, Evidence } from '@pedigree/core';
import { OrganizationEntity } from '@pedigree/catalog/entities';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { Criticality, DeploymentEnvironment } from './deployment.record';

/** A system that runs a checkpoint (or calls an API model). Properties are named as their columns. */
@Entity('deployment')
@Check('deployment_name_check', `name ~ '^[a-z0-9][a-z0-9._/-]{0,199}$'`)
@Check('deployment_system_check', `length(system) BETWEEN 1 AND 300`)
@Check('deployment_owner_team_check', `length(owner_team) BETWEEN 1 AND 200`)
@Check('deployment_country_check', `country ~ '^[A-Z]{2}$'`)
// A unique index, not a unique constraint (CreateDeployments); ON CONFLICT (name) uses it the same way.
@Index('deployment_name_key', ['name'], { unique: true })
@Index('deployment_node_idx', ['node_id'])
@Index('deployment_owner_idx', ['owner_team'])
@Index('deployment_owner_org_idx', ['owner_id'])
@Index('deployment_provider_idx', ['inference_provider_id'])
@Index('deployment_tags_idx', ['tags'], { type: 'gin' })
export class DeploymentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'deployment_pkey' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  system: string;

  @Column('text')
  owner_team: string;

  /** The organization that runs it (AddDeploymentOwner); null for deployments filed before. */
  @Column({ type: 'bigint', nullable: true })
  owner_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'deployment_owner_id_fkey' })
  owner?: OrganizationEntity;

  @Column({ type: 'enum', enum: DeploymentEnvironment, enumName: 'deployment_environment' })
  environment: DeploymentEnvironment;

  @Column({ type: 'enum', enum: Criticality, enumName: 'deployment_criticality' })
  criticality: Criticality;

  @Column('bigint')
  node_id: string;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'node_id', foreignKeyConstraintName: 'deployment_node_id_fkey' })
  node?: LineageNodeEntity;

  @Column({ type: 'bigint', nullable: true })
  inference_provider_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'inference_provider_id', foreignKeyConstraintName: 'deployment_inference_provider_id_fkey' })
  inference_provider?: OrganizationEntity;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  /** Task tags, sorted (AddTasks). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tasks: string[];

  @Column('jsonb')
  evidence: Evidence;

  @Column('jsonb')
  registration: Canonical;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
