import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { LineageEdgeEntity } from './lineage-edge.entity';
import { LineageEvidenceColumns } from './lineage-evidence.columns';

/** The withdrawal of one edge, with its own evidence; at most one per edge, append-only like the edge. */
@Entity('lineage_retraction')
@Unique('lineage_retraction_edge_id_key', ['edge_id'])
@Check('lineage_retraction_confidence_check', `confidence BETWEEN 0 AND 1`)
@Index('lineage_retraction_tx_idx', ['tx'])
export class LineageRetractionEntity extends LineageEvidenceColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'lineage_retraction_pkey' })
  id: string;

  @Column('bigint')
  edge_id: string;

  // Many-to-one plus the named unique constraint: a one-to-one would add a unique of its own name.
  @ManyToOne(() => LineageEdgeEntity)
  @JoinColumn({ name: 'edge_id', foreignKeyConstraintName: 'lineage_retraction_edge_id_fkey' })
  edge?: LineageEdgeEntity;
}
