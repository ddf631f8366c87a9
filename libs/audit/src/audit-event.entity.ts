import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One audited mutation. The change appends it; the chainer later sets seq, prev_hash, hash and
 * chained_at once (a trigger refuses any other update, and every delete). Properties are named
 * as their columns, so a raw row can be typed `Pick<AuditEventEntity, …>`.
 */
@Entity('audit_event')
@Unique('audit_event_seq_key', ['seq'])
@Index('audit_event_unchained_idx', ['id'], { where: 'seq IS NULL' })
@Index('audit_event_operation_idx', ['operation', 'id'])
@Index('audit_event_actor_idx', ['actor_token_id', 'id'])
@Index('audit_event_touched_idx', ['touched_ids'], { type: 'gin' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'audit_event_pkey' })
  id: string;

  /** clock_timestamp(), not now(): events of one transaction keep their order in time. */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurred_at: Date;

  /** No foreign key: the trail outlives the tokens it names. */
  @Column({ type: 'bigint', nullable: true })
  actor_token_id: string | null;

  @Column('text')
  actor: string;

  @Column('text')
  operation: string;

  @Column('text')
  input_digest: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  touched_ids: string[];

  /** bigint: pg returns it as a string. */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  @Column({ type: 'text', nullable: true })
  prev_hash: string | null;

  @Column({ type: 'text', nullable: true })
  hash: string | null;

  @Column({ type: 'smallint', nullable: true })
  hash_version: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  chained_at: Date | null;
}
