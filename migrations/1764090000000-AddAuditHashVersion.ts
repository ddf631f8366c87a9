import { MigrationInterface, QueryRunner } from 'typeorm';

const COMPLETION_COLUMNS = `'{seq,prev_hash,hash,hash_version,chained_at}'::text[]`;

/**
 * Hash version 2 covers every column exactly as stored; version 1 trimmed strings and rounded the
 * time to milliseconds. Each event names the formula of its hash so old rows still verify.
 *
 * The constant default fills every existing row with 1 without rewriting the table or firing the
 * append-only trigger, then goes away: rows written from now on have no version until the chainer
 * completes them. Rows still pending at this moment read 1 until then, and are chained with 2.
 */
export class AddAuditHashVersion1764090000000 implements MigrationInterface {
  name = 'AddAuditHashVersion1764090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event ADD COLUMN hash_version smallint DEFAULT 1;
      ALTER TABLE audit_event ALTER COLUMN hash_version DROP DEFAULT;

      -- The chainer's one-time completion sets position, link, hash and hash version, and must
      -- set a version. Comparing whole rows minus those columns freezes every other column,
      -- including any added later, where a column list would silently leave a new one writable.
      CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.hash_version IS NOT NULL
           AND to_jsonb(NEW) - ${COMPLETION_COLUMNS} = to_jsonb(OLD) - ${COMPLETION_COLUMNS} THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on audit_event is not allowed: the audit trail is append-only', TG_OP USING ERRCODE = 'P0001';
      END $$;
    `);
  }

  /** Events chained with version 2 will not verify under the code that predates this migration. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND (NEW.id, NEW.occurred_at, NEW.actor_token_id, NEW.actor, NEW.operation, NEW.input_digest, NEW.touched_ids)
               IS NOT DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor_token_id, OLD.actor, OLD.operation, OLD.input_digest, OLD.touched_ids) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on audit_event is not allowed: the audit trail is append-only', TG_OP USING ERRCODE = 'P0001';
      END $$;
      ALTER TABLE audit_event DROP COLUMN hash_version;
    `);
  }
}
