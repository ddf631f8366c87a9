import { Column, ColumnType } from 'typeorm';
import { EvidenceOrigin } from '@pedigree/core';

/**
 * PostgreSQL's 64-bit transaction id. TypeORM's driver does not list it; the data source adds it
 * (libs/database/src/data-source.factory.ts), so the type is compared like any other.
 */
export const XID8 = 'xid8' as ColumnType;

/**
 * The columns every append-only claim and its retraction carry (lineage edges, ownership stakes):
 * the claim's evidence, flattened as the migrations create it, and who recorded it and when.
 */
export abstract class RecordedEvidenceColumns {
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

/**
 * The columns an edge and its retraction both carry: the recorded evidence every claim has, and the
 * writing transaction (the change feed reads rows at or above a snapshot's xmin).
 */
export abstract class LineageEvidenceColumns extends RecordedEvidenceColumns {
  @Column({ type: XID8, default: () => 'pg_current_xact_id()' })
  tx: string;
}
