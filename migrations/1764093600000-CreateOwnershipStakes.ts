import { MigrationInterface, QueryRunner } from 'typeorm';

const ROOT_COLUMNS = 'organization_id, root_id, root_country, country_org_id';

/**
 * Beneficial ownership. One parent per organization could not say "60 % owned by A, 20 % by B",
 * and rules now turn on who holds more than half, directly or through others. Stakes are
 * append-only claims with evidence (withdrawn by a retraction, like lineage edges), and they are
 * the one home of ownership: each `parent_id` becomes a 100 % stake carrying its organization's
 * evidence, and the column goes.
 *
 * The vendor of a model is its publisher's ultimate *controlling* owner: follow the active stake
 * of more than 50 % upwards, and stop where an organization would appear twice (cross-holdings
 * may form cycles). A stake is active when it is not retracted and today (UTC) lies in
 * [valid_from, valid_to): valid_to is the first day it no longer holds, so a sale hands over on
 * one date without both stakes counting that day. organization_root stays the materialized
 * answer; it is refreshed when stakes change and, by the registry's periodic check, when a
 * validity boundary has passed since `organization_root_refresh.as_of`.
 */
export class CreateOwnershipStakes1764093600000 implements MigrationInterface {
  name = 'CreateOwnershipStakes1764093600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ownership_stake (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        owner_id      bigint NOT NULL REFERENCES organization(id),
        owned_id      bigint NOT NULL REFERENCES organization(id),
        percentage    double precision NOT NULL,
        valid_from    date,
        valid_to      date,
        origin        evidence_origin NOT NULL,
        justification text NOT NULL,
        document_ref  text,
        collector     text,
        observed_at   timestamptz NOT NULL,
        confidence    real NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        recorded_by   text NOT NULL,
        CONSTRAINT ownership_stake_percentage_check CHECK (percentage > 0 AND percentage <= 100),
        CONSTRAINT ownership_stake_not_self_check CHECK (owner_id <> owned_id),
        CONSTRAINT ownership_stake_validity_check CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
        CONSTRAINT ownership_stake_confidence_check CHECK (confidence BETWEEN 0 AND 1)
      );
      CREATE INDEX ownership_stake_owned_idx ON ownership_stake(owned_id);
      CREATE INDEX ownership_stake_owner_idx ON ownership_stake(owner_id);

      CREATE TABLE ownership_retraction (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stake_id      bigint NOT NULL REFERENCES ownership_stake(id),
        origin        evidence_origin NOT NULL,
        justification text NOT NULL,
        document_ref  text,
        collector     text,
        observed_at   timestamptz NOT NULL,
        confidence    real NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        recorded_by   text NOT NULL,
        CONSTRAINT ownership_retraction_stake_id_key UNIQUE (stake_id),
        CONSTRAINT ownership_retraction_confidence_check CHECK (confidence BETWEEN 0 AND 1)
      );

      CREATE FUNCTION forbid_ownership_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: ownership history is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$;
      CREATE TRIGGER ownership_stake_append_only BEFORE UPDATE OR DELETE ON ownership_stake
        FOR EACH ROW EXECUTE FUNCTION forbid_ownership_rewrite();
      CREATE TRIGGER ownership_retraction_append_only BEFORE UPDATE OR DELETE ON ownership_retraction
        FOR EACH ROW EXECUTE FUNCTION forbid_ownership_rewrite();

      -- Today's date wherever the server runs, so every instance agrees on which stakes hold.
      CREATE FUNCTION ownership_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::date $$;

      CREATE VIEW active_ownership_stake AS
        SELECT s.id, s.owner_id, s.owned_id, s.percentage, s.valid_from, s.valid_to FROM ownership_stake s
        WHERE NOT EXISTS (SELECT 1 FROM ownership_retraction r WHERE r.stake_id = s.id)
          AND (s.valid_from IS NULL OR s.valid_from <= ownership_today())
          AND (s.valid_to IS NULL OR s.valid_to > ownership_today());

      -- An owner's active stakes in one organization add up (tranches bought at different times), and
      -- control is the owner's total over half. Writes keep each organization's active stakes at or
      -- under 100 % on every day, both summed in millionths of a percent (toMillionths in ownership.rules),
      -- so at most one owner is over half. stake_id is the owner's first stake.
      CREATE VIEW controlling_stake AS
        SELECT min(id) AS stake_id, owner_id, owned_id, sum(percentage) AS percentage FROM active_ownership_stake
        GROUP BY owner_id, owned_id HAVING sum(round(percentage::numeric, 6)) > 50;

      -- Each parent link becomes a 100 % stake with the evidence its organization was registered with.
      INSERT INTO ownership_stake(owner_id, owned_id, percentage, origin, justification, document_ref, collector, observed_at, confidence, recorded_at, recorded_by)
      SELECT o.parent_id, o.id, 100, (o.evidence->>'origin')::evidence_origin,
             'Migrated from the organization''s parent link (recorded as a 100 % stake); its evidence: ' || (o.evidence->>'justification'),
             o.evidence->>'documentRef', o.evidence->>'collector', (o.evidence->>'observedAt')::timestamptz,
             COALESCE((o.evidence->>'confidence')::real, 1), o.created_at, 'migration:CreateOwnershipStakes'
      FROM organization o WHERE o.parent_id IS NOT NULL ORDER BY o.id;

      -- The path array ends the walk where an organization would come back (a cycle of control).
      CREATE OR REPLACE VIEW organization_root_computed AS
      WITH RECURSIVE chain(organization_id, ancestor_id, country, depth, path) AS (
        SELECT id, id, country, 0, ARRAY[id] FROM organization
        UNION ALL
        SELECT c.organization_id, o.id, o.country, c.depth + 1, c.path || o.id
        FROM chain c JOIN controlling_stake s ON s.owned_id = c.ancestor_id JOIN organization o ON o.id = s.owner_id
        WHERE o.id <> ALL(c.path)
      )
      SELECT top.organization_id, top.ancestor_id AS root_id, known.country AS root_country, known.ancestor_id AS country_org_id
      FROM (SELECT DISTINCT ON (organization_id) organization_id, ancestor_id FROM chain ORDER BY organization_id, depth DESC) top
      LEFT JOIN (
        -- The country comes from the highest owner on the controlling chain whose country is known, and so does its evidence.
        SELECT DISTINCT ON (organization_id) organization_id, ancestor_id, country FROM chain
        WHERE country IS NOT NULL ORDER BY organization_id, depth DESC
      ) known ON known.organization_id = top.organization_id;

      -- An organization and everything it controls, directly or through organizations it controls.
      CREATE OR REPLACE FUNCTION organization_subtree(root bigint) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
        WITH RECURSIVE sub(id, path) AS (
          SELECT root, ARRAY[root]
          UNION ALL
          SELECT s.owned_id, sub.path || s.owned_id FROM controlling_stake s JOIN sub ON s.owner_id = sub.id WHERE s.owned_id <> ALL(sub.path)
        )
        SELECT DISTINCT id FROM sub
      $$;

      ALTER TABLE organization DROP COLUMN parent_id;

      CREATE TABLE organization_root_refresh (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT organization_root_refresh_singleton_check CHECK (singleton),
        as_of     date NOT NULL
      );
      INSERT INTO organization_root_refresh(as_of) VALUES (ownership_today());

      CREATE FUNCTION refresh_organization_root_now() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7312002);
        DELETE FROM organization_root;
        INSERT INTO organization_root SELECT ${ROOT_COLUMNS} FROM organization_root_computed;
        UPDATE organization_root_refresh SET as_of = ownership_today();
      END $$;
      CREATE OR REPLACE FUNCTION refresh_organization_root() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_organization_root_now();
        RETURN NULL;
      END $$;
      CREATE TRIGGER organization_root_refresh AFTER INSERT OR TRUNCATE ON ownership_stake
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_organization_root();
      CREATE TRIGGER organization_root_refresh AFTER INSERT OR TRUNCATE ON ownership_retraction
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_organization_root();

      -- Cheap enough to ask every minute: did a stake start or end since the last refresh?
      CREATE FUNCTION ownership_boundary_passed() RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
          SELECT 1 FROM ownership_stake s CROSS JOIN organization_root_refresh f
          WHERE (s.valid_from > f.as_of AND s.valid_from <= ownership_today()) OR (s.valid_to > f.as_of AND s.valid_to <= ownership_today()))
      $$;

      SELECT refresh_organization_root_now();
    `);
  }

  /** Back to one parent: each organization's controlling owner today; smaller stakes are lost. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organization ADD COLUMN parent_id bigint REFERENCES organization(id);
      ALTER TABLE organization ADD CONSTRAINT organization_check CHECK (parent_id <> id);
      CREATE INDEX organization_parent_idx ON organization(parent_id);
      ALTER TABLE organization DISABLE TRIGGER organization_root_refresh;
      UPDATE organization o SET parent_id = c.owner_id FROM controlling_stake c WHERE c.owned_id = o.id;
      ALTER TABLE organization ENABLE TRIGGER organization_root_refresh;

      CREATE OR REPLACE FUNCTION organization_subtree(root bigint) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
        WITH RECURSIVE sub(id, depth) AS (
          SELECT root, 0
          UNION
          SELECT o.id, s.depth + 1 FROM organization o JOIN sub s ON o.parent_id = s.id WHERE s.depth < 32
        )
        SELECT id FROM sub
      $$;
      CREATE OR REPLACE VIEW organization_root_computed AS
      WITH RECURSIVE chain(organization_id, ancestor_id, parent_id, country, depth) AS (
        SELECT id, id, parent_id, country, 0 FROM organization
        UNION ALL
        SELECT c.organization_id, o.id, o.parent_id, o.country, c.depth + 1
        FROM chain c JOIN organization o ON o.id = c.parent_id
        WHERE c.depth < 32
      )
      SELECT top.organization_id, top.ancestor_id AS root_id, known.country AS root_country, known.ancestor_id AS country_org_id
      FROM (SELECT DISTINCT ON (organization_id) organization_id, ancestor_id FROM chain ORDER BY organization_id, depth DESC) top
      LEFT JOIN (
        SELECT DISTINCT ON (organization_id) organization_id, ancestor_id, country FROM chain
        WHERE country IS NOT NULL ORDER BY organization_id, depth DESC
      ) known ON known.organization_id = top.organization_id;

      CREATE OR REPLACE FUNCTION refresh_organization_root() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7312002);
        DELETE FROM organization_root;
        INSERT INTO organization_root SELECT ${ROOT_COLUMNS} FROM organization_root_computed;
        RETURN NULL;
      END $$;
      DROP FUNCTION ownership_boundary_passed();
      DROP FUNCTION refresh_organization_root_now();
      DROP TABLE organization_root_refresh;
      DROP VIEW controlling_stake, active_ownership_stake;
      DROP TABLE ownership_retraction, ownership_stake;
      DROP FUNCTION ownership_today(), forbid_ownership_rewrite();
      DELETE FROM organization_root;
      INSERT INTO organization_root SELECT ${ROOT_COLUMNS} FROM organization_root_computed;
    `);
  }
}
