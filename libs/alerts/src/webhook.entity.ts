import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EventOutboxEntity } from '@pedigree/outbox/entities';

export enum DigestPeriod {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** The subscription's CEL filter did not match the event: nothing was sent. */
  FILTERED = 'FILTERED',
  /** Every attempt failed (or the receiver answered 410): dead-lettered until replayed. */
  DEAD = 'DEAD',
}

/**
 * A webhook receiver. The secret is kept in clear because every delivery is signed with it; only
 * the create and rotate answers return it. During a rotation the previous secret signs too.
 */
@Entity('webhook_subscription')
@Unique('webhook_subscription_name_key', ['name'])
@Check('webhook_subscription_name_check', `length(name) BETWEEN 1 AND 200`)
@Check('webhook_subscription_something_check', `cardinality(event_types) > 0 OR digest IS NOT NULL`)
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'webhook_subscription_pkey' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  url: string;

  @Column('text', { array: true })
  event_types: string[];

  @Column({ type: 'text', nullable: true })
  filter: string | null;

  @Column('text')
  secret: string;

  @Column({ type: 'text', nullable: true })
  previous_secret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previous_secret_until: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'text', nullable: true })
  disabled_reason: string | null;

  @Column({ type: 'enum', enum: DigestPeriod, enumName: 'digest_period', nullable: true })
  digest: DigestPeriod | null;

  @Column({ type: 'timestamptz', nullable: true })
  last_digest_at: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;

  @Column('text')
  created_by: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updated_at: Date;
}

/** One event owed to one subscription; its attempts are rows of webhook_attempt. */
@Entity('webhook_delivery')
@Unique('webhook_delivery_subscription_id_event_id_key', ['subscription_id', 'event_id'])
@Index('webhook_delivery_due_idx', ['next_attempt_at'], { where: `status = 'PENDING'` })
@Index('webhook_delivery_event_idx', ['event_id'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'webhook_delivery_pkey' })
  id: string;

  @Column('bigint')
  subscription_id: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'webhook_delivery_subscription_id_fkey' })
  subscription?: WebhookSubscriptionEntity;

  @Column('bigint')
  event_id: string;

  @ManyToOne(() => EventOutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'webhook_delivery_event_id_fkey' })
  event?: EventOutboxEntity;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'webhook_delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  next_attempt_at: Date;

  /** While set and in the future, one instance is sending it; after a crash the lease runs out and another retries. */
  @Column({ type: 'timestamptz', nullable: true })
  leased_until: Date | null;

  @Column({ type: 'integer', nullable: true })
  last_status_code: number | null;

  @Column({ type: 'text', nullable: true })
  last_error: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  created_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completed_at: Date | null;
}

@Entity('webhook_attempt')
@Index('webhook_attempt_delivery_idx', ['delivery_id', 'id'])
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'webhook_attempt_pkey' })
  id: string;

  @Column('bigint')
  delivery_id: string;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'webhook_attempt_delivery_id_fkey' })
  delivery?: WebhookDeliveryEntity;

  @Column('integer')
  attempt: number;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  attempted_at: Date;

  @Column({ type: 'integer', nullable: true })
  status_code: number | null;

  @Column('integer')
  latency_ms: number;

  @Column('text')
  outcome: string;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
