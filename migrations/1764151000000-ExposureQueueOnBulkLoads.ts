import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * queue_exposure_edges() asked, for every new edge under a node of its own transaction, whether an
 * earlier edge already derived from that node: a probe of lineage_edge(source_id). A bulk load
 * (the seeder, 7M edges in one COPY) drops that index for the load, so each probe became a scan:
 * quadratic, the 1M-model load did not finish in 10 minutes. When no edge precedes the statement's
 * first one at all (a fresh load), no new node can have been derived from before, and the probe is
 * skipped; one primary-key probe decides it.
 */
export class ExposureQueueOnBulkLoads1764151000000 implements MigrationInterface {
  name = 'ExposureQueueOnBulkLoads1764151000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION queue_exposure_edges() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE first_id bigint;
      BEGIN
        SELECT min(id) INTO first_id FROM new_edges;
        IF EXISTS (SELECT 1 FROM lineage_edge WHERE id < first_id) THEN
          INSERT INTO exposure_change(edge_id, change)
          SELECT e.id, 'ASSERTED' FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
          WHERE n.created_tx IS DISTINCT FROM top_transaction_id()
             OR EXISTS (SELECT 1 FROM lineage_edge d WHERE d.source_id = n.id AND d.id < first_id)
          ORDER BY e.id;
        ELSE
          INSERT INTO exposure_change(edge_id, change)
          SELECT e.id, 'ASSERTED' FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
          WHERE n.created_tx IS DISTINCT FROM top_transaction_id()
          ORDER BY e.id;
        END IF;
        IF FOUND THEN PERFORM set_config('pedigree.exposure_change_unlinked', 'on', true); END IF;
        RETURN NULL;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION queue_exposure_edges() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE first_id bigint;
      BEGIN
        SELECT min(id) INTO first_id FROM new_edges;
        INSERT INTO exposure_change(edge_id, change)
        SELECT e.id, 'ASSERTED' FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
        WHERE n.created_tx IS DISTINCT FROM top_transaction_id()
           OR EXISTS (SELECT 1 FROM lineage_edge d WHERE d.source_id = n.id AND d.id < first_id)
        ORDER BY e.id;
        IF FOUND THEN PERFORM set_config('pedigree.exposure_change_unlinked', 'on', true); END IF;
        RETURN NULL;
      END $$;
    `);
  }
}
