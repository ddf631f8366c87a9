import { Column } from 'typeorm';
import { EvidenceOrigin } from '@pedigree/core';

/**
 * The evidence columns a stake and its retraction both carry, flattened as the migration creates
 * them (the same fields as a lineage edge's), with who recorded the claim and when.
 */
export abstract class OwnershipEvidenceColumns {
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
}
