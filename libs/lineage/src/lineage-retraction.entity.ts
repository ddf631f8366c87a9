import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EvidenceOrigin } from '@pedigree/core';
import { LineageEdgeEntity, XID8 } from './lineage-edge.entity';

/** The withdrawal of one edge, with its own evidence; at most one per edge, append-only like the edge. */
@Entity('lineage_retraction')
@Unique('lineage_retraction_edge_id_key', ['edge_id'])
@Check('lineage_retraction_confidence_check', `confidence BETWEEN 0 AND 1`)
@Index('lineage_retraction_tx_idx', ['tx'])
export class LineageRetractionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'lineage_retraction_pkey' })
  id: string;

  @Column('bigint')
  edge_id: string;

  // Many-to-one plus the named unique constraint: a one-to-one would add a unique of its own name.
  @ManyToOne(() => LineageEdgeEntity)
  @JoinColumn({ name: 'edge_id', foreignKeyConstraintName: 'lineage_retraction_edge_id_fkey' })
  edge?: LineageEdgeEntity;

  @Column({ type: 'enum', enum: EvidenceOrigin, enumName: 'evidence_origin' })
  origin: EvidenceOrigin;

  @Column('text')
  justification: string;

  @Column({ type: 'text', nullable: true })
  document_ref: string | null;

  @Column({ type: 'text', nullable: true })
  collector: string | null;

  @Column('timestamptz')
  observed_at: Date;

  @Column('real')
  confidence: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recorded_at: Date;

  @Column('text')
  recorded_by: string;

  @Column({ type: XID8, default: () => 'pg_current_xact_id()' })
  tx: string;
}
