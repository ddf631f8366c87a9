import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CheckpointEntity } from '../checkpoint/checkpoint.entity';
import { OrganizationEntity } from '../organization/organization.entity';

/** A key or CA certificate an admin trusts to sign models for an organization. */
@Entity('trusted_signer')
@Check('trusted_signer_kind_check', `kind IN ('KEY', 'CERTIFICATE_AUTHORITY')`)
@Unique('trusted_signer_fingerprint_key', ['organization_id', 'fingerprint'])
export class TrustedSignerEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'trusted_signer_pkey' })
  id: string;

  @Column('bigint')
  organization_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'trusted_signer_organization_id_fkey' })
  organization?: OrganizationEntity;

  @Column('text')
  kind: 'KEY' | 'CERTIFICATE_AUTHORITY';

  @Column('text')
  pem: string;

  @Column('text')
  fingerprint: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column('text')
  added_by: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  added_at: Date;
}

/** One verification of a checkpoint's OMS signature; append-only, the latest is current. */
@Entity('checkpoint_signature')
@Check('checkpoint_signature_status_check', `status IN ('VERIFIED', 'INVALID')`)
@Check('checkpoint_signature_method_check', `method IN ('key', 'certificate', 'sigstore')`)
@Index('checkpoint_signature_checkpoint_idx', ['checkpoint_id', 'id'])
export class CheckpointSignatureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'checkpoint_signature_pkey' })
  id: string;

  @Column('bigint')
  checkpoint_id: string;

  @ManyToOne(() => CheckpointEntity)
  @JoinColumn({ name: 'checkpoint_id', foreignKeyConstraintName: 'checkpoint_signature_checkpoint_id_fkey' })
  checkpoint?: CheckpointEntity;

  @Column('text')
  status: 'VERIFIED' | 'INVALID';

  @Column('text')
  method: 'key' | 'certificate' | 'sigstore';

  @Column('text')
  signer_fingerprint: string;

  @Column({ type: 'text', nullable: true })
  signer_subject: string | null;

  @Column({ type: 'text', nullable: true })
  signer_issuer: string | null;

  @Column('text')
  root_digest: string;

  /** The bundle exactly as received. */
  @Column('text')
  bundle: string;

  @Column('jsonb')
  files: { path: string; sha256: string }[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  verified_at: Date;

  @Column('text')
  recorded_by: string;
}
