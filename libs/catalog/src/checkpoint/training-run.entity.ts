import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganizationEntity } from '../organization/organization.entity';
import { CheckpointEntity } from './checkpoint.entity';
import { TrainingMethod } from './checkpoint.record';

/** How a checkpoint was produced: at most one run per checkpoint. */
@Entity('training_run')
@Unique('training_run_checkpoint_id_key', ['checkpoint_id'])
@Check('training_run_compute_country_check', `compute_country ~ '^[A-Z]{2}$'`)
@Check('training_run_check', `ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at`)
export class TrainingRunEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'training_run_pkey' })
  id: string;

  @Column('bigint')
  checkpoint_id: string;

  // Many-to-one plus the named unique constraint: a one-to-one would add a unique of its own name.
  @ManyToOne(() => CheckpointEntity)
  @JoinColumn({ name: 'checkpoint_id', foreignKeyConstraintName: 'training_run_checkpoint_id_fkey' })
  checkpoint?: CheckpointEntity;

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
