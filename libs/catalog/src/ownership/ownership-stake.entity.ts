import { RecordedEvidenceColumns } from '@pedigree/lineage/entities';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organization/organization.entity';

/**
 * `owner` holds `percentage` of `owned`, from valid_from until (not including) valid_to, both
 * open when null. Append-only (a trigger refuses UPDATE and DELETE); withdrawn by an
 * OwnershipRetractionEntity. Dates are 'YYYY-MM-DD' text: TypeORM reads a date as text.
 */
@Entity('ownership_stake')
@Check('ownership_stake_percentage_check', `percentage > 0 AND percentage <= 100`)
@Check('ownership_stake_not_self_check', `owner_id <> owned_id`)
@Check('ownership_stake_validity_check', `valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from`)
@Check('ownership_stake_confidence_check', `confidence BETWEEN 0 AND 1`)
@Index('ownership_stake_owned_idx', ['owned_id'])
@Index('ownership_stake_owner_idx', ['owner_id'])
export class OwnershipStakeEntity extends RecordedEvidenceColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'ownership_stake_pkey' })
  id: string;

  @Column('bigint')
  owner_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'ownership_stake_owner_id_fkey' })
  owner?: OrganizationEntity;

  @Column('bigint')
  owned_id: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'owned_id', foreignKeyConstraintName: 'ownership_stake_owned_id_fkey' })
  owned?: OrganizationEntity;

  @Column('double precision')
  percentage: number;

  @Column({ type: 'date', nullable: true })
  valid_from: string | null;

  @Column({ type: 'date', nullable: true })
  valid_to: string | null;
}
