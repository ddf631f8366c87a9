import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens (stored only as hashes) and the tamper-evident audit trail. Audit events are written
 * in the transaction of the change; a single chainer later assigns each its position and hash.
 */
export class CreateAccessAndAudit1764057600000 implements MigrationInterface {
  name = 'CreateAccessAndAudit1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE api_role AS ENUM ('ADMIN','PIPELINE','AUDITOR','READER');

      CREATE TABLE api_token (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        owner         text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
        role          api_role NOT NULL,
        organizations text[] NOT NULL DEFAULT '{}',
        namespaces    text[] NOT NULL DEFAULT '{}',
        token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        token_prefix  text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        created_by    bigint REFERENCES api_token(id),
        last_used_at  timestamptz,
        expires_at    timestamptz,
        revoked_at    timestamptz
      );

      CREATE TABLE audit_event (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_token_id bigint,
        actor          text NOT NULL,
        operation      text NOT NULL,
        input_digest   text NOT NULL,
        touched_ids    text[] NOT NULL DEFAULT '{}',
        seq            bigint UNIQUE,
        prev_hash      text,
        hash           text,
        chained_at     timestamptz
      );
      CREATE INDEX audit_event_unchained_idx ON audit_event(id) WHERE seq IS NULL;
      CREATE INDEX audit_event_operation_idx ON audit_event(operation, id);
      CREATE INDEX audit_event_actor_idx ON audit_event(actor_token_id, id);

      -- Rows are appended by the change and completed once by the chainer; anything else is refused.
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND (NEW.id, NEW.occurred_at, NEW.actor_token_id, NEW.actor, NEW.operation, NEW.input_digest, NEW.touched_ids)
               IS NOT DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor_token_id, OLD.actor, OLD.operation, OLD.input_digest, OLD.touched_ids) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on audit_event is not allowed: the audit trail is append-only', TG_OP USING ERRCODE = 'P0001';
      END $$;
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();

      CREATE TABLE audit_tree_head (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        size        bigint NOT NULL,
        head_hash   text NOT NULL,
        signed_at   timestamptz NOT NULL,
        signature   text NOT NULL,
        public_key  text NOT NULL
      );
      CREATE TRIGGER audit_tree_head_append_only BEFORE UPDATE OR DELETE ON audit_tree_head
        FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_tree_head, audit_event, api_token;
      DROP FUNCTION audit_event_guard();
      DROP TYPE api_role;
    `);
  }
}
