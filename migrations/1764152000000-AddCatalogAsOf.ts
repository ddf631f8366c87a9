import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog at a past moment for model(asOf), models(asOf), impact(asOf) and portfolioExposure(asOf)
 * (issue 17): the as-of twins of the model and dataset tables, of node_origin, of controlling_stake and
 * of organization_subtree, over the version tables and the *_at functions of RecordFactHistory, with
 * the same millisecond rule. model_at and dataset_at are single SELECTs, so PostgreSQL inlines them and
 * a lookup by id reads one model's versions; node_origin_at rolls up every organization of then once.
 */
export class AddCatalogAsOf1764152000000 implements MigrationInterface {
  name = 'AddCatalogAsOf1764152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Each model's overwritable facts as recorded by \`recorded\` (absent: not registered yet).
      CREATE FUNCTION model_at(recorded timestamptz)
        RETURNS TABLE(model_id bigint, publisher_id bigint, license text, country_override char(2), access model_access)
        LANGUAGE sql STABLE AS $$
        SELECT DISTINCT ON (v.model_id) v.model_id, v.publisher_id, v.license, v.country_override, v.access FROM model_version v
        WHERE v.recorded_at < recorded + interval '1 millisecond' ORDER BY v.model_id, v.recorded_at DESC, v.id DESC
      $$;

      CREATE FUNCTION dataset_at(recorded timestamptz)
        RETURNS TABLE(dataset_id bigint, publisher_id bigint, license text, country_override char(2))
        LANGUAGE sql STABLE AS $$
        SELECT DISTINCT ON (v.dataset_id) v.dataset_id, v.publisher_id, v.license, v.country_override FROM dataset_version v
        WHERE v.recorded_at < recorded + interval '1 millisecond' ORDER BY v.dataset_id, v.recorded_at DESC, v.id DESC
      $$;

      -- node_origin (CreateNodeOrigin) for another moment, models and datasets: the override, else the
      -- publisher's root country, over the facts, stakes and countries of then.
      CREATE FUNCTION node_origin_at(recorded timestamptz, valid date)
        RETURNS TABLE(node_id bigint, kind node_kind, publisher_id bigint, country char(2), overridden boolean, country_org_id bigint)
        LANGUAGE sql STABLE AS $$
        WITH r AS MATERIALIZED (
          SELECT * FROM organization_root_at(ARRAY(SELECT organization_id FROM organization_country_at(recorded)), recorded, valid)
        )
        SELECT m.model_id, 'MODEL'::node_kind, m.publisher_id, COALESCE(m.country_override, r.root_country), m.country_override IS NOT NULL, r.country_org_id
        FROM model_at(recorded) m JOIN r ON r.organization_id = m.publisher_id
        UNION ALL
        SELECT d.dataset_id, 'DATASET'::node_kind, d.publisher_id, COALESCE(d.country_override, r.root_country), d.country_override IS NOT NULL, r.country_org_id
        FROM dataset_at(recorded) d JOIN r ON r.organization_id = d.publisher_id
      $$;

      -- controlling_stake for another moment: owners holding over half, by the stakes of then.
      CREATE FUNCTION controlling_stake_at(recorded timestamptz, valid date)
        RETURNS TABLE(stake_id bigint, owner_id bigint, owned_id bigint, percentage double precision)
        LANGUAGE sql STABLE AS $$
        SELECT min(id), owner_id, owned_id, sum(percentage) FROM ownership_stake_at(recorded, valid)
        GROUP BY owner_id, owned_id HAVING sum(round(percentage::numeric, 6)) > 50
      $$;

      -- organization_subtree for another moment: the organization and those it controlled then.
      CREATE FUNCTION organization_subtree_at(root bigint, recorded timestamptz, valid date) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
        WITH RECURSIVE control AS MATERIALIZED (SELECT owner_id, owned_id FROM controlling_stake_at(recorded, valid)),
        sub(id, path) AS (
          SELECT root, ARRAY[root]
          UNION ALL
          SELECT s.owned_id, sub.path || s.owned_id FROM control s JOIN sub ON s.owner_id = sub.id WHERE s.owned_id <> ALL(sub.path)
        )
        SELECT DISTINCT id FROM sub
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION organization_subtree_at(bigint, timestamptz, date);
      DROP FUNCTION controlling_stake_at(timestamptz, date);
      DROP FUNCTION node_origin_at(timestamptz, date);
      DROP FUNCTION dataset_at(timestamptz);
      DROP FUNCTION model_at(timestamptz);
    `);
  }
}
