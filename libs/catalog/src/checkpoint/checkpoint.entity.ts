import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import { Canonical } from '@pedigree/core';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { ModelEntity } from '../model/model.entity';
import { CheckpointFormat } from './checkpoint.record';

/** A checkpoint of a model, addressed by its content digest; its id is its lineage node's. */
@Entity('checkpoint')
@Unique('checkpoint_digest_key', ['digest'])
@Check('checkpoint_digest_check', `digest ~ '^sha256:[0-9a-f]{64}$'`)
@Check('checkpoint_size_bytes_check', `size_bytes >= 0`)
@Index('checkpoint_model_idx', ['model_id'])
export class CheckpointEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'checkpoint_pkey' })
  id: string;

  @OneToOne(() => LineageNodeEntity)
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'checkpoint_id_fkey' })
  node?: LineageNodeEntity;

  @Column('bigint')
  model_id: string;

  @ManyToOne(() => ModelEntity)
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'checkpoint_model_id_fkey' })
  model?: ModelEntity;

  @Column('text')
  digest: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  uris: string[];

  @Column({ type: 'enum', enum: CheckpointFormat, enumName: 'checkpoint_format' })
  format: CheckpointFormat;

  /** bigint: pg returns it as a string. */
  @Column({ type: 'bigint', nullable: true })
  size_bytes: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  registered_at: Date;

  @Column('text')
  registered_by: string;

  @Column('jsonb')
  registration: Canonical;
}
