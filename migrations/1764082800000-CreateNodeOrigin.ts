import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one definition of a node's country of origin: its explicit override, else the country of
 * its publisher's ultimate owner (organization_root); a checkpoint speaks for its model. Every
 * filter, rollup and field reads it here, so the rule cannot drift between them. `kind` is a
 * constant per branch, so a query for models or datasets only never reads the checkpoint branch.
 */
export class CreateNodeOrigin1764082800000 implements MigrationInterface {
  name = 'CreateNodeOrigin1764082800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW node_origin AS
        SELECT m.id AS node_id, 'MODEL'::node_kind AS kind, m.publisher_id, COALESCE(m.country_override, r.root_country) AS country,
               m.country_override IS NOT NULL AS overridden, r.country_org_id
        FROM model m JOIN organization_root r ON r.organization_id = m.publisher_id
        UNION ALL
        SELECT d.id, 'DATASET'::node_kind, d.publisher_id, COALESCE(d.country_override, r.root_country),
               d.country_override IS NOT NULL, r.country_org_id
        FROM dataset d JOIN organization_root r ON r.organization_id = d.publisher_id
        UNION ALL
        SELECT c.id, 'CHECKPOINT'::node_kind, m.publisher_id, COALESCE(m.country_override, r.root_country),
               m.country_override IS NOT NULL, r.country_org_id
        FROM checkpoint c JOIN model m ON m.id = c.model_id JOIN organization_root r ON r.organization_id = m.publisher_id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW node_origin`);
  }
}
