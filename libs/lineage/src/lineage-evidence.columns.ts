import { Column, ColumnType } from 'typeorm';
import { EvidenceOrigin } from '@pedigree/core';

/**
 * PostgreSQL's 64-bit transaction id. TypeORM's driver does not list it; the data source adds it
 * (libs/database/src/data-source.factory.ts), so the type is compared like any other.
 */
export const XID8 = 'xid8' as ColumnType;

/**
 * The columns an edge and its retraction both carry: the claim's evidence, flattened as the
 * migrations create it, who recorded it and when, and the writing transaction (the change feed
 * reads rows at or above a snapshot's xmin).
 */
export abstract class LineageEvidenceColumns {
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
