import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerts outbox and its webhook deliveries.
 *
 * An event is inserted by the transaction of the change that causes it, so it exists if and only if
 * that change committed. Deliveries are fanned out by a trigger in that same transaction, so no
 * cursor over ids is needed: identity values commit out of order, and a cursor would skip the
 * event of a transaction that committed after a later one.
 *
 * Violation events come from policy_violation_event by trigger: the gate and the re-evaluation
 * worker both write that table, and neither can forget the outbox.
 */
export class CreateEventOutbox1764140000000 implements MigrationInterface {
  name = 'CreateEventOutbox1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_outbox (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id        uuid NOT NULL DEFAULT gen_random_uuid(),
        type            text NOT NULL,
        occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        subject         jsonb NOT NULL,
        payload         jsonb NOT NULL,
        -- No foreign key: the audit trail is checked for deletions by its own chain, and a superuser's
        -- tampering must stay detectable there rather than be refused here.
        audit_event_id  bigint,
        dedupe_key      text,
        CONSTRAINT event_outbox_event_id_key UNIQUE (event_id),
        CONSTRAINT event_outbox_type_check CHECK (type ~ '^[a-z]+(\\.[a-z]+)*$')
      );
      CREATE UNIQUE INDEX event_outbox_dedupe_key ON event_outbox(dedupe_key) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX event_outbox_occurred_at_idx ON event_outbox(occurred_at);
      CREATE INDEX event_outbox_type_idx ON event_outbox(type, id);

      CREATE TYPE webhook_delivery_status AS ENUM ('PENDING', 'DELIVERED', 'FILTERED', 'DEAD');
      CREATE TYPE digest_period AS ENUM ('DAILY', 'WEEKLY');

      CREATE TABLE webhook_subscription (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        url                    text NOT NULL,
        event_types            text[] NOT NULL,
        filter                 text,
        secret                 text NOT NULL,
        previous_secret        text,
        previous_secret_until  timestamptz,
        enabled                boolean NOT NULL DEFAULT true,
        disabled_reason        text,
        digest                 digest_period,
        last_digest_at         timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        created_by             text NOT NULL,
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_subscription_name_key UNIQUE (name),
        CONSTRAINT webhook_subscription_something_check CHECK (cardinality(event_types) > 0 OR digest IS NOT NULL)
      );

      CREATE TABLE webhook_delivery (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id   bigint NOT NULL REFERENCES webhook_subscription(id) ON DELETE CASCADE,
        event_id          bigint NOT NULL REFERENCES event_outbox(id) ON DELETE CASCADE,
        status            webhook_delivery_status NOT NULL DEFAULT 'PENDING',
        attempts          integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        leased_until      timestamptz,
        last_status_code  integer,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        completed_at      timestamptz,
        CONSTRAINT webhook_delivery_subscription_id_event_id_key UNIQUE (subscription_id, event_id)
      );
      CREATE INDEX webhook_delivery_due_idx ON webhook_delivery(next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX webhook_delivery_event_idx ON webhook_delivery(event_id);

      CREATE TABLE webhook_attempt (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id   bigint NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
        attempt       integer NOT NULL,
        attempted_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        status_code   integer,
        latency_ms    integer NOT NULL,
        outcome       text NOT NULL,
        error         text
      );
      CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt(delivery_id, id);

      -- One statement per inserting statement: deliveries for every enabled subscription of the
      -- event's type (digests go only to their own subscription, which the digest job inserts),
      -- then one NOTIFY per 500 ids, which PostgreSQL sends only if the transaction commits.
      CREATE FUNCTION fan_out_events() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids text;
      BEGIN
        INSERT INTO webhook_delivery(subscription_id, event_id)
        SELECT s.id, e.id FROM new_events e JOIN webhook_subscription s ON s.enabled AND e.type = ANY(s.event_types)
        WHERE e.type <> 'digest';
        FOR ids IN SELECT string_agg(id::text, ',' ORDER BY id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 500 AS chunk FROM new_events) c GROUP BY chunk LOOP
          PERFORM pg_notify('pedigree_events', ids);
        END LOOP;
        RETURN NULL;
      END $$;
      CREATE TRIGGER event_outbox_fan_out AFTER INSERT ON event_outbox REFERENCING NEW TABLE AS new_events
        FOR EACH STATEMENT EXECUTE FUNCTION fan_out_events();

      CREATE FUNCTION outbox_violation_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO event_outbox(type, subject, payload)
        SELECT CASE e.to_status WHEN 'OPEN' THEN 'violation.opened' WHEN 'WAIVED' THEN 'violation.waived' ELSE 'violation.resolved' END,
               CASE WHEN v.node_id IS NOT NULL
                 THEN jsonb_build_object('type', n.kind::text, 'id', n.id::text, 'key', n.key)
                 ELSE jsonb_build_object('type', 'DEPLOYMENT', 'id', d.id::text, 'key', d.name, 'environment', d.environment::text, 'system', d.system)
               END,
               jsonb_build_object(
                 'violationId', v.id::text,
                 'policy', jsonb_build_object('key', p.key, 'version', v.policy_version, 'severity', pv.severity::text),
                 'from', e.from_status::text, 'to', e.to_status::text, 'reason', e.reason,
                 'message', v.message, 'waiverId', v.waiver_id::text, 'matches', v.matches)
        FROM new_events e
        JOIN policy_violation v ON v.id = e.violation_id
        JOIN policy p ON p.id = v.policy_id
        JOIN policy_version pv ON pv.policy_id = v.policy_id AND pv.version = v.policy_version
        LEFT JOIN lineage_node n ON n.id = v.node_id
        LEFT JOIN deployment d ON d.id = v.deployment_id
        ORDER BY e.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER policy_violation_event_outbox AFTER INSERT ON policy_violation_event REFERENCING NEW TABLE AS new_events
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_violation_events();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER policy_violation_event_outbox ON policy_violation_event;
      DROP FUNCTION outbox_violation_events();
      DROP TABLE webhook_attempt, webhook_delivery, webhook_subscription;
      DROP TABLE event_outbox;
      DROP FUNCTION fan_out_events();
      DROP TYPE digest_period, webhook_delivery_status;
    `);
  }
}
