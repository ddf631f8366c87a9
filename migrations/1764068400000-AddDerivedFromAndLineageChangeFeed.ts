import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DERIVED_FROM links a dataset to the dataset it was built from (ecosystem-graphs and CycloneDX
 * both carry such dependencies). The `tx` columns and the NOTIFY trigger let every API instance
 * keep its in-memory lineage index fresh: rows whose transaction id is at or above a snapshot's
 * xmin are the only ones that can still appear, whatever order their ids were assigned in.
 */
export class AddDerivedFromAndLineageChangeFeed1764068400000 implements MigrationInterface {
  name = 'AddDerivedFromAndLineageChangeFeed1764068400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE lineage_relation ADD VALUE IF NOT EXISTS 'DERIVED_FROM' BEFORE 'CHECKPOINT_OF'`);
    await q.query(`
      ALTER TABLE lineage_edge ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
      ALTER TABLE lineage_retraction ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
      CREATE INDEX lineage_edge_tx_idx ON lineage_edge(tx);
      CREATE INDEX lineage_retraction_tx_idx ON lineage_retraction(tx);

      CREATE FUNCTION notify_lineage_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The writer's application_name, so an instance can skip its own commits (already applied).
        PERFORM pg_notify('pedigree_lineage', current_setting('application_name'));
        RETURN NULL;
      END $$;
      CREATE TRIGGER lineage_edge_notify AFTER INSERT ON lineage_edge
        FOR EACH STATEMENT EXECUTE FUNCTION notify_lineage_change();
      CREATE TRIGGER lineage_retraction_notify AFTER INSERT ON lineage_retraction
        FOR EACH STATEMENT EXECUTE FUNCTION notify_lineage_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER lineage_retraction_notify ON lineage_retraction;
      DROP TRIGGER lineage_edge_notify ON lineage_edge;
      DROP FUNCTION notify_lineage_change();
      ALTER TABLE lineage_retraction DROP COLUMN tx;
      ALTER TABLE lineage_edge DROP COLUMN tx;
    `);
    // PostgreSQL cannot drop an enum value; DERIVED_FROM stays defined but unused.
  }
}
