import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModelAccess } from '../model/model.record';

/**
 * Versions of the catalog facts an update can overwrite, appended by triggers (RecordFactHistory):
 * what `asOf` reads. No foreign keys, as in event_outbox: the seeder empties the catalog with TRUNCATE.
 */
@Entity('organization_version')
@Index('organization_version_org_idx', ['organization_id', 'recorded_at'])
export class OrganizationVersionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'organization_version_pkey' })
  id: string;

  @Column('bigint')
  organization_id: string;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recorded_at: Date;
}

@Entity('model_version')
@Index('model_version_model_idx', ['model_id', 'recorded_at'])
export class ModelVersionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'model_version_pkey' })
  id: string;

  @Column('bigint')
  model_id: string;

  @Column('bigint')
  publisher_id: string;

  @Column({ type: 'text', nullable: true })
  license: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country_override: string | null;

  @Column({ type: 'enum', enum: ModelAccess, enumName: 'model_access' })
  access: ModelAccess;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recorded_at: Date;
}

@Entity('dataset_version')
@Index('dataset_version_dataset_idx', ['dataset_id', 'recorded_at'])
export class DatasetVersionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'dataset_version_pkey' })
  id: string;

  @Column('bigint')
  dataset_id: string;

  @Column('bigint')
  publisher_id: string;

  @Column({ type: 'text', nullable: true })
  license: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country_override: string | null;

  /** The dataset profile (issue 17's template fields), kept as it changes like the other facts. */
  @Column({ type: 'text', nullable: true })
  source_kind: string | null;

  @Column({ type: 'text', nullable: true })
  size_range: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  top_domains: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recorded_at: Date;
}
