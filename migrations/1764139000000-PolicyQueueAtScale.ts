import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The re-evaluation queue at catalog scale.
 *
 * - Workers claim tasks oldest first; without an index on that order every claim sorted the whole
 *   queue (hundreds of thousands of rows after one edge under a large base).
 * - Gates and workers read a subject's violations by subject key alone.
 * - An edge under a node created by the same transaction is not queued (the registration's gate
 *   judges the new node). That was told by the node's `xmin`, but inside a savepoint (every
 *   `applyPlan` item) a new row carries the subtransaction's id, so every node a plan registered
 *   was queued as well. `created_tx` records the top-level transaction id instead (as bigint, a type the entities can declare): existing rows keep
 *   NULL (they predate it), and the default applies only to rows inserted from now on, so adding
 *   it rewrites nothing. A new node that already has a derivative (an earlier item of the same plan)
 *   is queued all the same: that derivative was gated before this edge existed. A training run recorded with a new checkpoint is skipped the same way: the
 *   checkpoint's gate runs after the run is written.
 */
export class PolicyQueueAtScale1764139000000 implements MigrationInterface {
  name = 'PolicyQueueAtScale1764139000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX policy_evaluation_task_queued_idx ON policy_evaluation_task(queued_at, subject_key);
      CREATE INDEX policy_violation_subject_idx ON policy_violation(subject_key);

      -- The top-level transaction's id, also inside a savepoint (a subtransaction has its own xmin).
      CREATE FUNCTION top_transaction_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$;
      ALTER TABLE lineage_node ADD COLUMN created_tx bigint;
      ALTER TABLE lineage_node ALTER COLUMN created_tx SET DEFAULT top_transaction_id();

      CREATE OR REPLACE FUNCTION queue_policy_edges() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids bigint[];
      BEGIN
        SELECT array_agg(DISTINCT e.derived_id) INTO ids FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
        WHERE n.created_tx IS DISTINCT FROM top_transaction_id()
           -- new, but a node an earlier item of the same plan derived from it was gated without this edge
           OR EXISTS (SELECT 1 FROM lineage_edge d WHERE d.source_id = n.id AND d.id NOT IN (SELECT id FROM new_edges));
        IF ids IS NOT NULL THEN INSERT INTO policy_reevaluation(reason, node_ids) VALUES ('EDGE_ADDED', ids); END IF;
        RETURN NULL;
      END $$;

      CREATE OR REPLACE FUNCTION queue_policy_training_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'TRAINING_RUN', array_agg(DISTINCT n.id) FROM new_rows t JOIN lineage_node n ON n.id = coalesce(t.checkpoint_id, t.model_id)
          WHERE n.created_tx IS DISTINCT FROM top_transaction_id() OR EXISTS (SELECT 1 FROM lineage_edge d WHERE d.source_id = n.id)
          HAVING count(*) > 0;
        RETURN NULL;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION queue_policy_training_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'TRAINING_RUN', array_agg(DISTINCT coalesce(t.checkpoint_id, t.model_id)) FROM new_rows t HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE OR REPLACE FUNCTION queue_policy_edges() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids bigint[];
      BEGIN
        SELECT array_agg(DISTINCT e.derived_id) INTO ids FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
        WHERE n.xmin <> pg_current_xact_id()::xid;
        IF ids IS NOT NULL THEN INSERT INTO policy_reevaluation(reason, node_ids) VALUES ('EDGE_ADDED', ids); END IF;
        RETURN NULL;
      END $$;
      ALTER TABLE lineage_node DROP COLUMN created_tx;
      DROP FUNCTION top_transaction_id();
      DROP INDEX policy_violation_subject_idx;
      DROP INDEX policy_evaluation_task_queued_idx;
    `);
  }
}
