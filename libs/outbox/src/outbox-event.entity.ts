import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One event of the alerts outbox, inserted by the transaction of the change that causes it.
 * Delivered events are pruned after PEDIGREE_EVENT_RETENTION_DAYS; the audit trail is not.
 */
@Entity('event_outbox')
@Unique('event_outbox_event_id_key', ['event_id'])
@Check('event_outbox_type_check', `type ~ '^[a-z]+(\\.[a-z]+)*$'`)
@Index('event_outbox_dedupe_key', ['dedupe_key'], { unique: true, where: 'dedupe_key IS NOT NULL' })
@Index('event_outbox_occurred_at_idx', ['occurred_at'])
@Index('event_outbox_type_idx', ['type', 'id'])
export class EventOutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'event_outbox_pkey' })
  id: string;

  @Column('uuid')
  @Generated('uuid')
  event_id: string;

  @Column('text')
  type: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurred_at: Date;

  @Column('jsonb')
  subject: Record<string, unknown>;

  @Column('jsonb')
  payload: Record<string, unknown>;

  /** The audit event of the mutation that caused it. No foreign key: see the migration. */
  @Column({ type: 'bigint', nullable: true })
  audit_event_id: string | null;

  @Column({ type: 'text', nullable: true })
  dedupe_key: string | null;
}
