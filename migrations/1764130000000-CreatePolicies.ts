import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policies over a subject's transitive lineage, their waivers and violations, and the outbox that
 * keeps violations current as upstream facts change.
 *
 * A policy is a key; what it says lives in append-only versions (an edit is a new version). A
 * waiver covers one policy and one subject (a node, a deployment or an organization subtree) until
 * it expires; revoking it is a record of its own. A violation is one row per (policy, subject)
 * whose status moves OPEN / WAIVED / RESOLVED; every move is an event (the alerts outbox reads them).
 *
 * Re-evaluation: triggers queue a `policy_reevaluation` row in the same transaction as the change
 * (a new or retracted edge under an existing node, a stake or its retraction, a completed
 * placeholder's license or country, a license registered after the models naming it, a policy version). Workers expand a row into
 * `policy_evaluation_task` rows (one per subject, deduplicated) and evaluate tasks in batches,
 * deleting them in the transaction that writes the results: a crash rolls the batch back, and
 * `FOR UPDATE SKIP LOCKED` keeps two instances off the same rows.
 */
export class CreatePolicies1764130000000 implements MigrationInterface {
  name = 'CreatePolicies1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE policy_effect AS ENUM ('DENY', 'WARN');
      CREATE TYPE policy_severity AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');
      CREATE TYPE policy_on_error AS ENUM ('DENY', 'WARN', 'IGNORE');
      CREATE TYPE policy_violation_status AS ENUM ('OPEN', 'WAIVED', 'RESOLVED');

      CREATE TABLE policy (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key         text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL,
        CONSTRAINT policy_key_key UNIQUE (key),
        CONSTRAINT policy_key_check CHECK (key ~ '^[a-z0-9][a-z0-9._/-]{0,199}$')
      );

      CREATE TABLE policy_version (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        policy_id       bigint NOT NULL REFERENCES policy(id),
        version         integer NOT NULL,
        name            text NOT NULL,
        description     text NOT NULL,
        document_ref    text,
        subject_kinds   text[] NOT NULL DEFAULT '{}',
        environments    text[] NOT NULL DEFAULT '{}',
        tags            text[] NOT NULL DEFAULT '{}',
        owner_teams     text[] NOT NULL DEFAULT '{}',
        organization_id bigint REFERENCES organization(id),
        condition       text NOT NULL,
        effect          policy_effect NOT NULL,
        severity        policy_severity NOT NULL,
        on_error        policy_on_error NOT NULL,
        enabled         boolean NOT NULL,
        pack            text,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        recorded_by     text NOT NULL,
        CONSTRAINT policy_version_policy_id_version_key UNIQUE (policy_id, version)
      );

      CREATE TABLE policy_waiver (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        policy_id       bigint NOT NULL REFERENCES policy(id),
        node_id         bigint REFERENCES lineage_node(id),
        deployment_id   bigint REFERENCES deployment(id),
        organization_id bigint REFERENCES organization(id),
        justification   text NOT NULL,
        approver        text NOT NULL,
        document_ref    text,
        expires_at      timestamptz NOT NULL,
        granted_at      timestamptz NOT NULL DEFAULT now(),
        granted_by      text NOT NULL,
        CONSTRAINT policy_waiver_one_subject_check CHECK (num_nonnulls(node_id, deployment_id, organization_id) = 1),
        CONSTRAINT policy_waiver_expiry_check CHECK (expires_at > granted_at)
      );
      CREATE INDEX policy_waiver_policy_idx ON policy_waiver(policy_id);

      CREATE TABLE policy_waiver_revocation (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        waiver_id   bigint NOT NULL REFERENCES policy_waiver(id),
        reason      text NOT NULL,
        revoked_at  timestamptz NOT NULL DEFAULT now(),
        revoked_by  text NOT NULL,
        CONSTRAINT policy_waiver_revocation_waiver_id_key UNIQUE (waiver_id)
      );

      CREATE TABLE policy_violation (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        policy_id         bigint NOT NULL REFERENCES policy(id),
        policy_version    integer NOT NULL,
        subject_key       text NOT NULL,
        node_id           bigint REFERENCES lineage_node(id),
        deployment_id     bigint REFERENCES deployment(id),
        status            policy_violation_status NOT NULL,
        waiver_id         bigint REFERENCES policy_waiver(id),
        message           text NOT NULL,
        matches           jsonb NOT NULL DEFAULT '[]',
        evaluation_error  text,
        first_seen_at     timestamptz NOT NULL DEFAULT now(),
        last_evaluated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at       timestamptz,
        CONSTRAINT policy_violation_policy_id_subject_key_key UNIQUE (policy_id, subject_key),
        CONSTRAINT policy_violation_one_subject_check CHECK (num_nonnulls(node_id, deployment_id) = 1)
      );
      CREATE INDEX policy_violation_node_idx ON policy_violation(node_id);
      CREATE INDEX policy_violation_deployment_idx ON policy_violation(deployment_id);
      CREATE INDEX policy_violation_status_idx ON policy_violation(status);

      CREATE TABLE policy_violation_event (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        violation_id  bigint NOT NULL REFERENCES policy_violation(id),
        from_status   policy_violation_status,
        to_status     policy_violation_status NOT NULL,
        reason        text NOT NULL,
        occurred_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX policy_violation_event_violation_idx ON policy_violation_event(violation_id);

      CREATE TABLE policy_reevaluation (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        reason            text NOT NULL,
        node_ids          bigint[] NOT NULL DEFAULT '{}',
        organization_ids  bigint[] NOT NULL DEFAULT '{}',
        deployment_ids    bigint[] NOT NULL DEFAULT '{}',
        policy_id         bigint REFERENCES policy(id),
        queued_at         timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE policy_evaluation_task (
        subject_key    text PRIMARY KEY,
        node_id        bigint REFERENCES lineage_node(id),
        deployment_id  bigint REFERENCES deployment(id),
        reason         text NOT NULL,
        queued_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT policy_evaluation_task_one_subject_check CHECK (num_nonnulls(node_id, deployment_id) = 1)
      );

      CREATE FUNCTION forbid_policy_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: policy history is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$;
      CREATE TRIGGER policy_version_append_only BEFORE UPDATE OR DELETE ON policy_version FOR EACH ROW EXECUTE FUNCTION forbid_policy_rewrite();
      CREATE TRIGGER policy_waiver_append_only BEFORE UPDATE OR DELETE ON policy_waiver FOR EACH ROW EXECUTE FUNCTION forbid_policy_rewrite();
      CREATE TRIGGER policy_waiver_revocation_append_only BEFORE UPDATE OR DELETE ON policy_waiver_revocation FOR EACH ROW EXECUTE FUNCTION forbid_policy_rewrite();
      CREATE TRIGGER policy_violation_event_append_only BEFORE UPDATE OR DELETE ON policy_violation_event FOR EACH ROW EXECUTE FUNCTION forbid_policy_rewrite();

      -- Edges under a node created in this very transaction need no queue: the registration's gate
      -- evaluates the new node, and nothing descends from it yet.
      CREATE FUNCTION queue_policy_edges() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids bigint[];
      BEGIN
        SELECT array_agg(DISTINCT e.derived_id) INTO ids FROM new_edges e JOIN lineage_node n ON n.id = e.derived_id
        WHERE n.xmin <> pg_current_xact_id()::xid;
        IF ids IS NOT NULL THEN INSERT INTO policy_reevaluation(reason, node_ids) VALUES ('EDGE_ADDED', ids); END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER lineage_edge_queue_policies AFTER INSERT ON lineage_edge REFERENCING NEW TABLE AS new_edges
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_edges();

      CREATE FUNCTION queue_policy_retractions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'EDGE_RETRACTED', array_agg(DISTINCT e.derived_id) FROM new_retractions r JOIN lineage_edge e ON e.id = r.edge_id HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE TRIGGER lineage_retraction_queue_policies AFTER INSERT ON lineage_retraction REFERENCING NEW TABLE AS new_retractions
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_retractions();

      CREATE FUNCTION queue_policy_stakes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'ownership_stake' THEN
          INSERT INTO policy_reevaluation(reason, organization_ids)
            SELECT 'OWNERSHIP', array_agg(DISTINCT s.owned_id) FROM new_rows s HAVING count(*) > 0;
        ELSE
          INSERT INTO policy_reevaluation(reason, organization_ids)
            SELECT 'OWNERSHIP', array_agg(DISTINCT s.owned_id) FROM new_rows r JOIN ownership_stake s ON s.id = r.stake_id HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ownership_stake_queue_policies AFTER INSERT ON ownership_stake REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_stakes();
      CREATE TRIGGER ownership_retraction_queue_policies AFTER INSERT ON ownership_retraction REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION queue_policy_stakes();

      -- A completed placeholder is the one update of a model or dataset: its license, publisher
      -- or country may now differ under descendants that already exist.
      CREATE FUNCTION queue_policy_node_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids) VALUES ('FACTS_CHANGED', ARRAY[NEW.id]);
        RETURN NULL;
      END $$;
      CREATE TRIGGER model_queue_policies AFTER UPDATE OF license, country_override, publisher_id ON model
        FOR EACH ROW WHEN (OLD.license IS DISTINCT FROM NEW.license OR OLD.country_override IS DISTINCT FROM NEW.country_override OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id)
        EXECUTE FUNCTION queue_policy_node_facts();

      -- A license registered after the models naming it: their terms were unknown until now.
      CREATE FUNCTION queue_policy_licenses() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids bigint[];
      BEGIN
        SELECT array_agg(id) INTO ids FROM (
          SELECT id FROM model WHERE NEW.key = ANY(license_ids) UNION SELECT id FROM dataset WHERE NEW.key = ANY(license_ids)) named;
        IF ids IS NOT NULL THEN INSERT INTO policy_reevaluation(reason, node_ids) VALUES ('LICENSE_REGISTERED', ids); END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER custom_license_queue_policies AFTER INSERT ON custom_license FOR EACH ROW EXECUTE FUNCTION queue_policy_licenses();

      CREATE FUNCTION queue_policy_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, policy_id) VALUES ('POLICY_VERSION', NEW.policy_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER policy_version_queue AFTER INSERT ON policy_version FOR EACH ROW EXECUTE FUNCTION queue_policy_versions();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER policy_version_queue ON policy_version;
      DROP TRIGGER custom_license_queue_policies ON custom_license;
      DROP TRIGGER model_queue_policies ON model;
      DROP TRIGGER ownership_retraction_queue_policies ON ownership_retraction;
      DROP TRIGGER ownership_stake_queue_policies ON ownership_stake;
      DROP TRIGGER lineage_retraction_queue_policies ON lineage_retraction;
      DROP TRIGGER lineage_edge_queue_policies ON lineage_edge;
      DROP FUNCTION queue_policy_versions(), queue_policy_licenses(), queue_policy_node_facts(), queue_policy_stakes(), queue_policy_retractions(), queue_policy_edges();
      DROP TABLE policy_evaluation_task, policy_reevaluation, policy_violation_event, policy_violation, policy_waiver_revocation, policy_waiver, policy_version, policy;
      DROP FUNCTION forbid_policy_rewrite();
      DROP TYPE policy_violation_status, policy_on_error, policy_severity, policy_effect;
    `);
  }
}
