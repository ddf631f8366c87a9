import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CheckpointEntity } from '../checkpoint/checkpoint.entity';
import { OrganizationEntity } from '../organization/organization.entity';

/** A key, CA certificate or Sigstore identity an admin trusts to sign models for an organization. */
@Entity('trusted_signer')
@Check('trusted_signer_kind_check', `kind IN ('KEY', 'CERTIFICATE_AUTHORITY', 'SIGSTORE_IDENTITY')`)
@Check(
  'trusted_signer_material_check',
  `CASE WHEN kind = 'SIGSTORE_IDENTITY' THEN pem IS NULL AND subject IS NOT NULL AND issuer IS NOT NULL ELSE pem IS NOT NULL AND issuer IS NULL END`,
)
@Index('trusted_signer_fingerprint_idx', ['organization_id', 'fingerprint'])
export class TrustedSignerEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'trusted_signer_pkey' })
  id: string;

  @Column('bigint')
  organization_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'trusted_signer_organization_id_fkey' })
  organization?: OrganizationEntity;

  @Column('text')
  kind: 'KEY' | 'CERTIFICATE_AUTHORITY' | 'SIGSTORE_IDENTITY';

  /** Null for a Sigstore identity, which has no key of its own. */
  @Column({ type: 'text', nullable: true })
  pem: string | null;

  @Column('text')
  fingerprint: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  /** Sigstore identity: the OIDC issuer that vouched for the subject. */
  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Column('text')
  added_by: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  added_at: Date;
}

/** A trusted signer's removal: a new record, so the signer row and what it once vouched for remain. */
@Entity('trusted_signer_removal')
@Check('trusted_signer_removal_reason_check', `length(btrim(reason)) > 0`)
export class TrustedSignerRemovalEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'trusted_signer_removal_pkey' })
  trusted_signer_id: string;

  @ManyToOne(() => TrustedSignerEntity)
  @JoinColumn({ name: 'trusted_signer_id', foreignKeyConstraintName: 'trusted_signer_removal_signer_fkey' })
  trusted_signer?: TrustedSignerEntity;

  @Column('text')
  reason: string;

  @Column('text')
  removed_by: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  removed_at: Date;
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

  /** The organization whose trusted signers it was verified against: the model's publisher then. */
  @Column({ type: 'bigint', nullable: true })
  organization_id: string | null;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'checkpoint_signature_organization_id_fkey' })
  organization?: OrganizationEntity;

  /** The trusted signer that vouched; null for a certificate verified before this was recorded. */
  @Index('checkpoint_signature_trusted_signer_idx', { where: 'trusted_signer_id IS NOT NULL' })
  @Column({ type: 'bigint', nullable: true })
  trusted_signer_id: string | null;

  @ManyToOne(() => TrustedSignerEntity)
  @JoinColumn({ name: 'trusted_signer_id', foreignKeyConstraintName: 'checkpoint_signature_trusted_signer_id_fkey' })
  trusted_signer?: TrustedSignerEntity;
}
