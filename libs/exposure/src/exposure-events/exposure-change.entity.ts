import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LineageEdgeEntity } from '@pedigree/lineage/entities';

/**
 * One lineage edge asserted under an existing node, or retracted, waiting for the exposure worker to
 * say whose exposure it changed (`exposure.changed`). Queued by triggers, deleted by the transaction
 * that appends its events.
 */
@Entity('exposure_change')
@Check('exposure_change_change_check', `change IN ('ASSERTED', 'RETRACTED')`)
@Index('exposure_change_unlinked_idx', ['queued_tx'], { where: 'audit_event_id IS NULL' })
export class ExposureChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'exposure_change_pkey' })
  id: string;

  @Column('bigint')
  edge_id: string;

  @ManyToOne(() => LineageEdgeEntity)
  @JoinColumn({ name: 'edge_id', foreignKeyConstraintName: 'exposure_change_edge_id_fkey' })
  edge?: LineageEdgeEntity;

  @Column('text')
  change: 'ASSERTED' | 'RETRACTED';

  /** The audit event of the mutation that made the change; no foreign key, as in event_outbox. */
  @Column({ type: 'bigint', nullable: true })
  audit_event_id: string | null;

  /** The top-level transaction that queued it: the audit event that follows in it fills `audit_event_id`. */
  @Column({ type: 'bigint', default: () => 'top_transaction_id()' })
  queued_tx: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  queued_at: Date;

  /** Failed attempts at its transaction's events; failing transactions are taken after fresh ones. */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  last_error: string | null;

  /** Set after the last failed attempt: the change is left for an operator, and no longer taken. */
  @Column({ type: 'timestamptz', nullable: true })
  dead_at: Date | null;
}
