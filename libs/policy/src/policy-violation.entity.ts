import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeploymentEntity } from '@pedigree/deployment/entities';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { PolicyEntity } from './policy.entity';
import { PolicyWaiverEntity } from './policy-waiver.entity';
import { ViolationStatus } from './policy.record';

/** One policy's standing violation by one subject (`node:<id>` or `deployment:<id>`); its status moves, each move an event. */
@Entity('policy_violation')
@Unique('policy_violation_policy_id_subject_key_key', ['policy_id', 'subject_key'])
@Check('policy_violation_one_subject_check', `num_nonnulls(node_id, deployment_id) = 1`)
@Index('policy_violation_node_idx', ['node_id'])
@Index('policy_violation_deployment_idx', ['deployment_id'])
@Index('policy_violation_status_idx', ['status'])
@Index('policy_violation_subject_idx', ['subject_key'])
export class PolicyViolationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_violation_pkey' })
  id: string;

  @Column('bigint')
  policy_id: string;

  @ManyToOne(() => PolicyEntity)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_violation_policy_id_fkey' })
  policy?: PolicyEntity;

  @Column('integer')
  policy_version: number;

  @Column('text')
  subject_key: string;

  @Column({ type: 'bigint', nullable: true })
  node_id: string | null;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'node_id', foreignKeyConstraintName: 'policy_violation_node_id_fkey' })
  node?: LineageNodeEntity;

  @Column({ type: 'bigint', nullable: true })
  deployment_id: string | null;

  @ManyToOne(() => DeploymentEntity)
  @JoinColumn({ name: 'deployment_id', foreignKeyConstraintName: 'policy_violation_deployment_id_fkey' })
  deployment?: DeploymentEntity;

  @Column({ type: 'enum', enum: ViolationStatus, enumName: 'policy_violation_status' })
  status: ViolationStatus;

  @Column({ type: 'bigint', nullable: true })
  waiver_id: string | null;

  @ManyToOne(() => PolicyWaiverEntity)
  @JoinColumn({ name: 'waiver_id', foreignKeyConstraintName: 'policy_violation_waiver_id_fkey' })
  waiver?: PolicyWaiverEntity;

  @Column('text')
  message: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  matches: unknown;

  @Column({ type: 'text', nullable: true })
  evaluation_error: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  first_seen_at: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  last_evaluated_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolved_at: Date | null;
}

/** A violation's change of status: what the alerts outbox delivers. Append-only. */
@Entity('policy_violation_event')
@Index('policy_violation_event_violation_idx', ['violation_id'])
export class PolicyViolationEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_violation_event_pkey' })
  id: string;

  @Column('bigint')
  violation_id: string;

  @ManyToOne(() => PolicyViolationEntity)
  @JoinColumn({ name: 'violation_id', foreignKeyConstraintName: 'policy_violation_event_violation_id_fkey' })
  violation?: PolicyViolationEntity;

  @Column({ type: 'enum', enum: ViolationStatus, enumName: 'policy_violation_status', nullable: true })
  from_status: ViolationStatus | null;

  @Column({ type: 'enum', enum: ViolationStatus, enumName: 'policy_violation_status' })
  to_status: ViolationStatus;

  @Column('text')
  reason: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurred_at: Date;
}

/** A change that may alter violations, queued in the transaction that made it (by triggers). */
@Entity('policy_reevaluation')
export class PolicyReevaluationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'policy_reevaluation_pkey' })
  id: string;

  @Column('text')
  reason: string;

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  node_ids: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  organization_ids: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  deployment_ids: string[];

  @Column({ type: 'bigint', nullable: true })
  policy_id: string | null;

  @ManyToOne(() => PolicyEntity)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_reevaluation_policy_id_fkey' })
  policy?: PolicyEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  queued_at: Date;
}

/** One subject waiting for re-evaluation; deleted by the transaction that writes its result. */
@Entity('policy_evaluation_task')
@Index('policy_evaluation_task_queued_idx', ['queued_at', 'subject_key'])
@Check('policy_evaluation_task_one_subject_check', `num_nonnulls(node_id, deployment_id) = 1`)
export class PolicyEvaluationTaskEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'policy_evaluation_task_pkey' })
  subject_key: string;

  @Column({ type: 'bigint', nullable: true })
  node_id: string | null;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'node_id', foreignKeyConstraintName: 'policy_evaluation_task_node_id_fkey' })
  node?: LineageNodeEntity;

  @Column({ type: 'bigint', nullable: true })
  deployment_id: string | null;

  @ManyToOne(() => DeploymentEntity)
  @JoinColumn({ name: 'deployment_id', foreignKeyConstraintName: 'policy_evaluation_task_deployment_id_fkey' })
  deployment?: DeploymentEntity;

  @Column('text')
  reason: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  queued_at: Date;
}
