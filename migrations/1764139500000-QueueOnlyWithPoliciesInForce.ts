import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upstream changes queue re-evaluation only while some policy is in force (its latest version
 * enabled). Without one there is nothing to judge and no violation left to resolve: disabling the
 * last policy is itself a policy version, which queues every subject it scoped, and enabling one
 * again queues them all. A registry without policies, or a bulk load into an empty one (a million
 * models, their stakes and deployments), then pays nothing for the queue.
 */
/** Advisory lock key ('pdgpolic' as bytes) between queue triggers and new policy versions. */
const POLICY_LOCK = '7021147112111108';

export class QueueOnlyWithPoliciesInForce1764139500000 implements MigrationInterface {
  name = 'QueueOnlyWithPoliciesInForce1764139500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- VOLATILE: each call reads a fresh snapshot after the lock. Writers take it shared, a new policy
      -- version exclusive (queue_policy_versions), so a write that found no policy in force cannot
      -- commit after the first policy's re-evaluation has already read the catalog without it.
      CREATE FUNCTION policy_in_force() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${POLICY_LOCK});
        RETURN EXISTS (SELECT 1 FROM policy p
                       WHERE (SELECT v.enabled FROM policy_version v WHERE v.policy_id = p.id ORDER BY v.version DESC LIMIT 1));
      END $$;
      CREATE OR REPLACE FUNCTION queue_policy_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${POLICY_LOCK});
        INSERT INTO policy_reevaluation(reason, policy_id) VALUES ('POLICY_VERSION', NEW.policy_id);
        RETURN NULL;
      END $$;
    `);
    // The row's own test first: WHEN is evaluated left to right, and most updates change nothing watched.
    for (const t of TRIGGERS) await recreate(q, t, t.when ? `(${t.when}) AND policy_in_force()` : 'policy_in_force()');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await recreate(q, t, t.when);
    await q.query(`
      DROP FUNCTION policy_in_force();
      CREATE OR REPLACE FUNCTION queue_policy_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, policy_id) VALUES ('POLICY_VERSION', NEW.policy_id);
        RETURN NULL;
      END $$;
    `);
  }
}

interface QueueTrigger {
  name: string;
  table: string;
  /** Timing, event, transition table and level, as the earlier migrations declared them. */
  on: string;
  /** The trigger's own WHEN condition, if it had one. */
  when: string | null;
  run: string;
}

async function recreate(q: QueryRunner, t: QueueTrigger, when: string | null): Promise<void> {
  await q.query(`DROP TRIGGER ${t.name} ON ${t.table}`);
  await q.query(`CREATE TRIGGER ${t.name} ${t.on} ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION ${t.run}()`);
}

const MODEL_FACTS =
  'OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id OR OLD.access IS DISTINCT FROM NEW.access';
const DATASET_FACTS =
  'OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id';

const statement = (name: string, table: string, rows: string, run: string): QueueTrigger => ({
  name,
  table,
  on: `AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ${rows} FOR EACH STATEMENT`,
  when: null,
  run,
});

const TRIGGERS: QueueTrigger[] = [
  statement('lineage_edge_queue_policies', 'lineage_edge', 'new_edges', 'queue_policy_edges'),
  statement('lineage_retraction_queue_policies', 'lineage_retraction', 'new_retractions', 'queue_policy_retractions'),
  statement('ownership_stake_queue_policies', 'ownership_stake', 'new_rows', 'queue_policy_stakes'),
  statement('ownership_retraction_queue_policies', 'ownership_retraction', 'new_rows', 'queue_policy_stakes'),
  statement('training_run_queue_policies', 'training_run', 'new_rows', 'queue_policy_training_runs'),
  statement('deployment_queue_policies', 'deployment', 'new_rows', 'queue_policy_deployments'),
  {
    name: 'model_queue_policies',
    table: 'model',
    on: 'AFTER UPDATE OF license, country_override, publisher_id, access ON model FOR EACH ROW',
    when: MODEL_FACTS,
    run: 'queue_policy_node_facts',
  },
  {
    name: 'dataset_queue_policies',
    table: 'dataset',
    on: 'AFTER UPDATE OF license, country_override, publisher_id ON dataset FOR EACH ROW',
    when: DATASET_FACTS,
    run: 'queue_policy_node_facts',
  },
  {
    name: 'custom_license_queue_policies',
    table: 'custom_license',
    on: 'AFTER INSERT ON custom_license FOR EACH ROW',
    when: null,
    run: 'queue_policy_licenses',
  },
];
