import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strict references: an unknown name is refused with the registered names closest to it (trigram
 * similarity, pg_trgm, indexed so it stays fast at a million nodes). Placeholders: a model or
 * dataset registered only because something refers to it, marked so it can be listed and completed.
 * UNKNOWN: the environment of a deployment an import learned of without knowing how it is used.
 */
export class AddPlaceholdersAndNameSearch1764086400000 implements MigrationInterface {
  name = 'AddPlaceholdersAndNameSearch1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE deployment_environment ADD VALUE IF NOT EXISTS 'UNKNOWN'`);
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX lineage_node_key_trgm_idx ON lineage_node USING gin (lower(key) gin_trgm_ops);
      ALTER TABLE model ADD COLUMN placeholder boolean NOT NULL DEFAULT false;
      ALTER TABLE dataset ADD COLUMN placeholder boolean NOT NULL DEFAULT false;
      CREATE INDEX model_placeholder_idx ON model(id) WHERE placeholder;
      CREATE INDEX dataset_placeholder_idx ON dataset(id) WHERE placeholder;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dataset DROP COLUMN placeholder;
      ALTER TABLE model DROP COLUMN placeholder;
      DROP INDEX lineage_node_key_trgm_idx;
    `);
    // PostgreSQL cannot drop an enum value; UNKNOWN stays defined. The extension may serve others: kept.
  }
}
