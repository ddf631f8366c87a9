import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuxiliaryRole, Relation } from '@pedigree/core';
import { LineageEvidenceColumns } from './lineage-evidence.columns';
import { LineageNodeEntity } from './lineage-node.entity';

/**
 * A typed, append-only claim that `derived` came from `source`, with its evidence (a trigger
 * refuses UPDATE and DELETE; a claim is withdrawn by a LineageRetractionEntity).
 */
@Entity('lineage_edge')
@Check('lineage_edge_check', `merge_weight IS NULL OR relation = 'MERGE'`)
@Check('lineage_edge_check1', `derived_id <> source_id`)
@Check('lineage_edge_confidence_check', `confidence BETWEEN 0 AND 1`)
@Check('lineage_edge_teacher_use_check', `(teacher_snapshot IS NULL AND used_from IS NULL AND used_to IS NULL) OR relation IN ('DISTILLATION', 'GENERATED_BY')`)
@Check('lineage_edge_used_period_check', `used_to IS NULL OR used_from IS NULL OR used_to >= used_from`)
@Check('lineage_edge_auxiliary_role_check', `(relation = 'AUXILIARY') = (auxiliary_role IS NOT NULL)`)
@Index('lineage_edge_derived_idx', ['derived_id', 'relation'])
@Index('lineage_edge_source_idx', ['source_id', 'relation'])
@Index('lineage_edge_run_idx', ['training_run_id'], { where: 'training_run_id IS NOT NULL' })
@Index('lineage_edge_tx_idx', ['tx'])
export class LineageEdgeEntity extends LineageEvidenceColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'lineage_edge_pkey' })
  id: string;

  @Column('bigint')
  derived_id: string;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'derived_id', foreignKeyConstraintName: 'lineage_edge_derived_id_fkey' })
  derived?: LineageNodeEntity;

  @Column('bigint')
  source_id: string;

  @ManyToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'lineage_edge_source_id_fkey' })
  source?: LineageNodeEntity;

  @Column({ type: 'enum', enum: Relation, enumName: 'lineage_relation' })
  relation: Relation;

  @Column({ type: 'double precision', nullable: true })
  merge_weight: number | null;

  /** The teacher's snapshot (`gpt-4-0613`) on DISTILLATION and GENERATED_BY edges. */
  @Column({ type: 'text', nullable: true })
  teacher_snapshot: string | null;

  /** 'YYYY-MM-DD': raw SQL selects `used_from::text`, so no time zone can shift the day. */
  @Column({ type: 'date', nullable: true })
  used_from: string | null;

  @Column({ type: 'date', nullable: true })
  used_to: string | null;

  @Column({ type: 'enum', enum: AuxiliaryRole, enumName: 'auxiliary_role', nullable: true })
  auxiliary_role: AuxiliaryRole | null;

  @Column({ type: 'bigint', nullable: true })
  training_run_id: string | null;

  // training_run belongs to the catalog, which depends on lineage: named, not imported.
  @ManyToOne('TrainingRunEntity')
  @JoinColumn({ name: 'training_run_id', foreignKeyConstraintName: 'lineage_edge_training_run_id_fkey' })
  training_run?: unknown;
}
