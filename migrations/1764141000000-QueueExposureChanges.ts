import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue behind `exposure.changed`: one row per lineage edge asserted under an existing node or
 * retracted, written by triggers in the writing transaction, so a committed change is never missed
 * and a rolled-back one never queued. The policy queue cannot serve: it fills only while a policy is
 * in force, and exposure events are owed with no policy at all.
 *
 * - Every relation counts: countries and vendors come from ancestors reached through any relation,
 *   teachers from DISTILLATION and GENERATED_BY.
 * - An edge under a node created by the same transaction is not queued (its registration event says
 *   what it derives from, and nothing descends from it yet). This is the policy queue's rule, told by
 *   `lineage_node.created_tx`: registering a checkpoint with its edges costs one index probe and
 *   queues nothing. A new node that an earlier item of the same plan already derived from is queued:
 *   that derivative's exposure changes.
 * - `audit_event_id` links the change to its mutation's audit event. That event is written after the
 *   edge (the service records it once the write succeeded), so the queue trigger marks the
 *   transaction (a transaction-local setting) and the next audit event fills the marked rows in.
 *   A transaction that queued nothing pays only the trigger's WHEN test. Audit turned off
 *   (PEDIGREE_AUDIT=off) leaves it null.
 */
export class QueueExposureChanges1764141000000 implements MigrationInterface {
  name = 'QueueExposureChanges1764141000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exposure_change (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        edge_id         bigint NOT NULL REFERENCES lineage_edge(id),
        change          text NOT NULL CHECK (change IN ('ASSERTED', 'RETRACTED')),
        -- No foreign key, as in event_outbox: tampering with the audit trail must stay detectable by its chain.
        audit_event_id  bigint,
        queued_tx       bigint NOT NULL DEFAULT top_transaction_id(),
        queued_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX exposure_change_unlinked_idx ON exposure_change(queued_tx) WHERE audit_event_id IS NULL;

      -- A node this transaction created can only be derived from by edges this transaction wrote, and
      -- those of its earlier statements have smaller ids than this statement's (one session's identity
      -- values only grow; the seeder's explicit ids come in one COPY). So "derived from before this
      -- statement" is "an edge below the statement's first id": one primary-key probe per new edge,
      -- where a NOT IN over the transition table would scan it per row during a bulk load.
      CREATE FUNCTION queue_exposure_edges() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER lineage_edge_queue_exposure AFTER INSERT ON lineage_edge REFERENCING NEW TABLE AS new_edges
        FOR EACH STATEMENT EXECUTE FUNCTION queue_exposure_edges();

      CREATE FUNCTION queue_exposure_retractions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO exposure_change(edge_id, change) SELECT r.edge_id, 'RETRACTED' FROM new_retractions r ORDER BY r.id;
        IF FOUND THEN PERFORM set_config('pedigree.exposure_change_unlinked', 'on', true); END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER lineage_retraction_queue_exposure AFTER INSERT ON lineage_retraction REFERENCING NEW TABLE AS new_retractions
        FOR EACH STATEMENT EXECUTE FUNCTION queue_exposure_retractions();

      -- Each item of a plan runs write, then audit: the item's audit event takes the rows its write queued.
      CREATE FUNCTION link_exposure_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE exposure_change SET audit_event_id = NEW.id WHERE queued_tx = top_transaction_id() AND audit_event_id IS NULL;
        PERFORM set_config('pedigree.exposure_change_unlinked', 'off', true);
        RETURN NULL;
      END $$;
      CREATE TRIGGER audit_event_link_exposure_changes AFTER INSERT ON audit_event FOR EACH ROW
        WHEN (current_setting('pedigree.exposure_change_unlinked', true) = 'on')
        EXECUTE FUNCTION link_exposure_changes();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_event_link_exposure_changes ON audit_event;
      DROP TRIGGER lineage_retraction_queue_exposure ON lineage_retraction;
      DROP TRIGGER lineage_edge_queue_exposure ON lineage_edge;
      DROP FUNCTION link_exposure_changes(), queue_exposure_retractions(), queue_exposure_edges();
      DROP TABLE exposure_change;
    `);
  }
}
