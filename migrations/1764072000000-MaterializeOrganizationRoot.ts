import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every exposure, model and dataset query joins `organization_root` (who ultimately owns a
 * publisher, and which country that gives). As a recursive view it was recomputed over all
 * organizations on every query; organizations change rarely, so keep it as a table refreshed by
 * the statement that changes them. The advisory lock makes concurrent refreshes take turns, and
 * at READ COMMITTED each refresh statement then sees the other's committed organizations.
 */
export class MaterializeOrganizationRoot1764072000000 implements MigrationInterface {
  name = 'MaterializeOrganizationRoot1764072000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER VIEW organization_root RENAME TO organization_root_computed;
      CREATE TABLE organization_root AS SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed;
      ALTER TABLE organization_root ADD PRIMARY KEY (organization_id);
      CREATE INDEX organization_root_country_idx ON organization_root(root_country);

      CREATE FUNCTION refresh_organization_root() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7312002);
        DELETE FROM organization_root;
        INSERT INTO organization_root SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed;
        RETURN NULL;
      END $$;
      CREATE TRIGGER organization_root_refresh AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_organization_root();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER organization_root_refresh ON organization;
      DROP FUNCTION refresh_organization_root();
      DROP TABLE organization_root;
      ALTER VIEW organization_root_computed RENAME TO organization_root;
    `);
  }
}
