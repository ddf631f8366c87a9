import { RecordedEvidenceColumns } from '@pedigree/lineage/entities';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OwnershipStakeEntity } from './ownership-stake.entity';

/** The withdrawal of one stake, with its own evidence; at most one per stake, append-only like the stake. */
@Entity('ownership_retraction')
@Unique('ownership_retraction_stake_id_key', ['stake_id'])
@Check('ownership_retraction_confidence_check', `confidence BETWEEN 0 AND 1`)
export class OwnershipRetractionEntity extends RecordedEvidenceColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'ownership_retraction_pkey' })
  id: string;

  @Column('bigint')
  stake_id: string;

  // Many-to-one plus the named unique constraint: a one-to-one would add a unique of its own name.
  @ManyToOne(() => OwnershipStakeEntity)
  @JoinColumn({ name: 'stake_id', foreignKeyConstraintName: 'ownership_retraction_stake_id_fkey' })
  stake?: OwnershipStakeEntity;
}
