import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts conditions read that changed without queuing re-evaluation (review of issue 14):
 * - a completed dataset placeholder: its license, country or publisher, as for models;
 * - a model's `access` (conditions read `a.access`, e.g. API-only teachers);
 * - a training run: its compute provider and country are the node's COMPUTE dependencies;
 * - a deployment: the node it runs gains `deployments` facts (provider, country, environment).
 *
 * Each queues the node, and the worker walks everything below it. Nodes created in the writing
 * transaction are queued too: the gate may run before the run or deployment row lands, and a
 * queued node the gate already judged is re-evaluated once more, to the same result.
 */
export class AddPolicyReevaluationTriggers1764132000000 implements MigrationInterface {
  name = 'AddPolicyReevaluationTriggers1764132000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER dataset_queue_policies AFTER UPDATE OF license, country_override, publisher_id ON dataset
        FOR EACH ROW WHEN (OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id)
        EXECUTE FUNCTION queue_policy_node_facts();

      DROP TRIGGER model_queue_policies ON model;
      CREATE TRIGGER model_queue_policies AFTER UPDATE OF license, country_override, publisher_id, access ON model
        FOR EACH ROW WHEN (OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override
          OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id OR OLD.access IS DISTINCT FROM NEW.access)
        EXECUTE FUNCTION queue_policy_node_facts();

      -- Statement-level, so a bulk import queues one change, not one per row.
      CREATE FUNCTION queue_policy_training_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'TRAINING_RUN', array_agg(DISTINCT coalesce(t.checkpoint_id, t.model_id)) FROM new_rows t HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE TRIGGER training_run_queue_policies AFTER INSERT ON training_run REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_training_runs();

      CREATE FUNCTION queue_policy_deployments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'DEPLOYMENT_ADDED', array_agg(DISTINCT d.node_id) FROM new_rows d HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE TRIGGER deployment_queue_policies AFTER INSERT ON deployment REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_deployments();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER deployment_queue_policies ON deployment;
      DROP TRIGGER training_run_queue_policies ON training_run;
      DROP FUNCTION queue_policy_deployments(), queue_policy_training_runs();
      DROP TRIGGER model_queue_policies ON model;
      CREATE TRIGGER model_queue_policies AFTER UPDATE OF license, country_override, publisher_id ON model
        FOR EACH ROW WHEN (OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id)
        EXECUTE FUNCTION queue_policy_node_facts();
      DROP TRIGGER dataset_queue_policies ON dataset;
    `);
  }
}
