import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dataset facts the EU training-content summary asks for and a lineage graph does not hold
 * (docs/eu-training-summary.md): the source type (the template's section 2), the size range
 * (section 1.3) and, for crawled data only, the most relevant domains. They are one claim with
 * its own evidence, as the country override is; a dataset without any of them has none. The
 * allowed values repeat `DatasetKind` and `DatasetSizeRange` in libs/core, so a row written
 * around the API cannot hold a value the summary cannot place.
 */
export class AddDatasetProfile1764146000000 implements MigrationInterface {
  name = 'AddDatasetProfile1764146000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dataset
        ADD COLUMN source_kind text,
        ADD COLUMN size_range text,
        ADD COLUMN top_domains text[] NOT NULL DEFAULT '{}',
        ADD COLUMN profile_evidence jsonb,
        ADD CONSTRAINT dataset_source_kind_check CHECK (source_kind IN ('PUBLIC', 'LICENSED', 'CRAWLED', 'USER', 'SYNTHETIC', 'OTHER')),
        ADD CONSTRAINT dataset_size_range_check CHECK (size_range IN (
          'TEXT_UNDER_1B_TOKENS', 'TEXT_1B_TO_10T_TOKENS', 'TEXT_OVER_10T_TOKENS',
          'IMAGE_UNDER_1M_IMAGES', 'IMAGE_1M_TO_1B_IMAGES', 'IMAGE_OVER_1B_IMAGES',
          'AUDIO_UNDER_10K_HOURS', 'AUDIO_10K_TO_1M_HOURS', 'AUDIO_OVER_1M_HOURS',
          'VIDEO_UNDER_10K_HOURS', 'VIDEO_10K_TO_1M_HOURS', 'VIDEO_OVER_1M_HOURS')),
        ADD CONSTRAINT dataset_top_domains_check CHECK (top_domains = '{}' OR source_kind IS NOT DISTINCT FROM 'CRAWLED'),
        ADD CONSTRAINT dataset_profile_evidence_check
          CHECK ((profile_evidence IS NULL) = (source_kind IS NULL AND size_range IS NULL AND top_domains = '{}'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dataset
        DROP CONSTRAINT dataset_profile_evidence_check, DROP CONSTRAINT dataset_top_domains_check,
        DROP CONSTRAINT dataset_size_range_check, DROP CONSTRAINT dataset_source_kind_check,
        DROP COLUMN profile_evidence, DROP COLUMN top_domains, DROP COLUMN size_range, DROP COLUMN source_kind;
    `);
  }
}
