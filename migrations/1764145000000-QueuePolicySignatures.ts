import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A checkpoint's signature is a policy fact (`signatureStatus`, docs/policies.md), so recording one
 * re-evaluates the checkpoint and everything below it, as a new edge or training run does. Skipped
 * for a checkpoint its own transaction created without derivatives: its registration gate runs
 * after the signature is recorded. Only while a policy is in force, like the other queue triggers.
 */
export class QueuePolicySignatures1764145000000 implements MigrationInterface {
  name = 'QueuePolicySignatures1764145000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION queue_policy_signatures() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'SIGNATURE_RECORDED', array_agg(DISTINCT n.id) FROM new_rows s JOIN lineage_node n ON n.id = s.checkpoint_id
          WHERE n.created_tx IS DISTINCT FROM top_transaction_id() OR EXISTS (SELECT 1 FROM lineage_edge d WHERE d.source_id = n.id)
          HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE TRIGGER checkpoint_signature_queue_policies AFTER INSERT ON checkpoint_signature REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT WHEN (policy_in_force()) EXECUTE FUNCTION queue_policy_signatures();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER checkpoint_signature_queue_policies ON checkpoint_signature;
      DROP FUNCTION queue_policy_signatures();
    `);
  }
}
