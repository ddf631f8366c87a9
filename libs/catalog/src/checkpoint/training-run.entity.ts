import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganizationEntity } from '../organization/organization.entity';
import { Evidence } from '@pedigree/core';
import { ModelEntity } from '../model/model.entity';
import { CheckpointEntity } from './checkpoint.entity';
import { TrainingMethod } from './checkpoint.record';

/** How a checkpoint was produced (at most one run per checkpoint), or a run stated for a whole model (AddModelTrainingRuns). */
@Entity('training_run')
@Unique('training_run_checkpoint_id_key', ['checkpoint_id'])
@Check('training_run_compute_country_check', `compute_country ~ '^[A-Z]{2}$'`)
@Check('training_run_subject_check', `(checkpoint_id IS NULL) <> (model_id IS NULL)`)
@Check('training_run_evidence_check', `model_id IS NULL OR evidence IS NOT NULL`)
@Index('training_run_model_idx', ['model_id'], { where: 'model_id IS NOT NULL' })
@Index('training_run_provider_idx', ['compute_provider_id'], { where: 'compute_provider_id IS NOT NULL' })
@Check('training_run_check', `ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at`)
export class TrainingRunEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'training_run_pkey' })
  id: string;

  @Column({ type: 'bigint', nullable: true })
  checkpoint_id: string | null;

  // Many-to-one plus the named unique constraint: a one-to-one would add a unique of its own name.
  @ManyToOne(() => CheckpointEntity)
  @JoinColumn({ name: 'checkpoint_id', foreignKeyConstraintName: 'training_run_checkpoint_id_fkey' })
  checkpoint?: CheckpointEntity;

  @Column({ type: 'bigint', nullable: true })
  model_id: string | null;

  @ManyToOne(() => ModelEntity)
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'training_run_model_id_fkey' })
  model?: ModelEntity;

  /** Required for a model's run, which is a claim; a checkpoint's run is evidenced by the checkpoint registration. */
  @Column({ type: 'jsonb', nullable: true })
  evidence: Evidence | null;

  @Column({ type: 'enum', enum: TrainingMethod, enumName: 'training_method' })
  method: TrainingMethod;

  @Column({ type: 'bigint', nullable: true })
  compute_provider_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'compute_provider_id', foreignKeyConstraintName: 'training_run_compute_provider_id_fkey' })
  compute_provider?: OrganizationEntity;

  @Column({ type: 'text', nullable: true })
  compute_region: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  compute_country: string | null;

  @Column({ type: 'bigint', nullable: true })
  operator_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'operator_id', foreignKeyConstraintName: 'training_run_operator_id_fkey' })
  operator?: OrganizationEntity;

  @Column({ type: 'timestamptz', nullable: true })
  started_at: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  ended_at: Date | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  hyperparameters: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
