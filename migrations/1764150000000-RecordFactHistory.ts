import { MigrationInterface, QueryRunner } from 'typeorm';

/** The overwritable facts of each table, as its version table names them (the table's own id column is `<table>_id`). */
const VERSIONED = [
  { table: 'organization', columns: ['country'] },
  { table: 'model', columns: ['publisher_id', 'license', 'country_override', 'access'] },
  { table: 'dataset', columns: ['publisher_id', 'license', 'country_override', 'source_kind', 'size_range', 'top_domains'] },
];

/**
 * Statement triggers with transition tables: a bulk COPY of a million rows costs one INSERT … SELECT.
 * An insert's version is dated by the row's created_at; an update appends one only where a fact changed.
 */
function versionTrigger({ table, columns }: { table: string; columns: string[] }): string {
  const cols = columns.join(', ');
  const of = (alias: string) => columns.map((c) => `${alias}.${c}`).join(', ');
  return `
      CREATE FUNCTION record_${table}_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO ${table}_version(${table}_id, ${cols}, recorded_at) SELECT n.id, ${of('n')}, n.created_at FROM new_rows n ORDER BY n.id;
        ELSE
          INSERT INTO ${table}_version(${table}_id, ${cols})
          SELECT n.id, ${of('n')} FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (${of('o')}) IS DISTINCT FROM (${of('n')}) ORDER BY n.id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${table}_version_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION record_${table}_version();
      CREATE TRIGGER ${table}_version_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION record_${table}_version();`;
}

/**
 * What the registry knew at a past moment (issue 17). Edges and ownership stakes are append-only
 * already; the facts an update overwrites are not: a model's and a dataset's publisher, license and
 * country override (a placeholder's completion rewrites them), an organization's country. Each
 * gets a version table, appended by statement triggers in the writing transaction, so no write path
 * can forget it. A row's first version is dated by its `created_at`, later ones by the updating
 * transaction. The rows that exist now are backfilled as their first version: history begins with
 * this migration, and an earlier overwrite is lost.
 *
 * No foreign keys, as in `event_outbox`: the seeder empties the catalog tables with TRUNCATE.
 * Present-time reads keep using the tables and the materialized `organization_root`;
 * `organization_root_at` answers for a past moment, and a test checks that both agree today.
 */
export class RecordFactHistory1764150000000 implements MigrationInterface {
  name = 'RecordFactHistory1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Writes wait until the triggers exist: a row written between the backfill and them would have no first version.
      LOCK TABLE organization, model, dataset IN SHARE ROW EXCLUSIVE MODE;
      CREATE TABLE organization_version (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id bigint NOT NULL,
        country         char(2),
        recorded_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX organization_version_org_idx ON organization_version(organization_id, recorded_at);

      CREATE TABLE model_version (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        model_id         bigint NOT NULL,
        publisher_id     bigint NOT NULL,
        license          text,
        country_override char(2),
        access           model_access NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX model_version_model_idx ON model_version(model_id, recorded_at);

      CREATE TABLE dataset_version (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dataset_id       bigint NOT NULL,
        publisher_id     bigint NOT NULL,
        license          text,
        country_override char(2),
        source_kind      text,
        size_range       text,
        top_domains      text[] NOT NULL DEFAULT '{}',
        recorded_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dataset_version_dataset_idx ON dataset_version(dataset_id, recorded_at);

      CREATE TRIGGER organization_version_append_only BEFORE UPDATE OR DELETE ON organization_version FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();
      CREATE TRIGGER model_version_append_only BEFORE UPDATE OR DELETE ON model_version FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();
      CREATE TRIGGER dataset_version_append_only BEFORE UPDATE OR DELETE ON dataset_version FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();

      INSERT INTO organization_version(organization_id, country, recorded_at) SELECT id, country, created_at FROM organization ORDER BY id;
      INSERT INTO model_version(model_id, publisher_id, license, country_override, access, recorded_at)
        SELECT id, publisher_id, license, country_override, access, created_at FROM model ORDER BY id;
      INSERT INTO dataset_version(dataset_id, publisher_id, license, country_override, source_kind, size_range, top_domains, recorded_at)
        SELECT id, publisher_id, license, country_override, source_kind, size_range, top_domains, created_at FROM dataset ORDER BY id;

      ${VERSIONED.map(versionTrigger).join('\n')}

      -- active_ownership_stake for another moment: recorded by \`recorded\`, not retracted by then, valid on \`valid\`.
      CREATE FUNCTION ownership_stake_at(recorded timestamptz, valid date)
        RETURNS TABLE(id bigint, owner_id bigint, owned_id bigint, percentage double precision, valid_from date, valid_to date)
        LANGUAGE sql STABLE AS $$
        SELECT s.id, s.owner_id, s.owned_id, s.percentage, s.valid_from, s.valid_to FROM ownership_stake s
        WHERE s.recorded_at < recorded + interval '1 millisecond'
          AND NOT EXISTS (SELECT 1 FROM ownership_retraction r WHERE r.stake_id = s.id AND r.recorded_at < recorded + interval '1 millisecond')
          AND (s.valid_from IS NULL OR s.valid_from <= valid)
          AND (s.valid_to IS NULL OR s.valid_to > valid)
      $$;

      -- Each organization's country as recorded by \`recorded\` (absent: not registered yet).
      CREATE FUNCTION organization_country_at(recorded timestamptz) RETURNS TABLE(organization_id bigint, country char(2)) LANGUAGE sql STABLE AS $$
        SELECT DISTINCT ON (v.organization_id) v.organization_id, v.country FROM organization_version v
        WHERE v.recorded_at < recorded + interval '1 millisecond' ORDER BY v.organization_id, v.recorded_at DESC, v.id DESC
      $$;

      -- organization_root_computed (CreateOwnershipStakes) for the given organizations at another moment:
      -- the same controlling chain and the same country rule, over the stakes and countries of then.
      CREATE FUNCTION organization_root_at(ids bigint[], recorded timestamptz, valid date)
        RETURNS TABLE(organization_id bigint, root_id bigint, root_country char(2), country_org_id bigint)
        LANGUAGE sql STABLE AS $$
        WITH RECURSIVE org AS MATERIALIZED (SELECT * FROM organization_country_at(recorded)),
        control AS MATERIALIZED (
          SELECT owner_id, owned_id FROM ownership_stake_at(recorded, valid)
          GROUP BY owner_id, owned_id HAVING sum(round(percentage::numeric, 6)) > 50
        ),
        chain(organization_id, ancestor_id, country, depth, path) AS (
          SELECT o.organization_id, o.organization_id, o.country, 0, ARRAY[o.organization_id] FROM org o WHERE o.organization_id = ANY(ids)
          UNION ALL
          SELECT c.organization_id, o.organization_id, o.country, c.depth + 1, c.path || o.organization_id
          FROM chain c JOIN control s ON s.owned_id = c.ancestor_id JOIN org o ON o.organization_id = s.owner_id
          WHERE o.organization_id <> ALL(c.path)
        )
        SELECT top.organization_id, top.ancestor_id, known.country, known.ancestor_id
        FROM (SELECT DISTINCT ON (organization_id) organization_id, ancestor_id FROM chain ORDER BY organization_id, depth DESC) top
        LEFT JOIN (
          SELECT DISTINCT ON (organization_id) organization_id, ancestor_id, country FROM chain
          WHERE country IS NOT NULL ORDER BY organization_id, depth DESC
        ) known ON known.organization_id = top.organization_id
      $$;

      -- exposureDiff names the audit event behind each claim: found by the ids an event touched.
      CREATE INDEX audit_event_touched_idx ON audit_event USING gin(touched_ids);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_event_touched_idx;
      DROP FUNCTION organization_root_at(bigint[], timestamptz, date);
      DROP FUNCTION organization_country_at(timestamptz);
      DROP FUNCTION ownership_stake_at(timestamptz, date);
      ${VERSIONED.map(({ table }) => `DROP TRIGGER ${table}_version_insert ON ${table}; DROP TRIGGER ${table}_version_update ON ${table};`).join('\n')}
      DROP FUNCTION ${VERSIONED.map(({ table }) => `record_${table}_version()`).join(', ')};
      DROP TABLE dataset_version, model_version, organization_version;
    `);
  }
}
