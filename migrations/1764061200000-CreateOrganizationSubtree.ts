import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One definition of "an organization and everything it owns", used by every organization filter
 * (models, deployments, exposure targets, portfolios). The depth bound guards against corrupt chains.
 */
export class CreateOrganizationSubtree1764061200000 implements MigrationInterface {
  name = 'CreateOrganizationSubtree1764061200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION organization_subtree(root bigint) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
        WITH RECURSIVE sub(id, depth) AS (
          SELECT root, 0
          UNION
          SELECT o.id, s.depth + 1 FROM organization o JOIN sub s ON o.parent_id = s.id WHERE s.depth < 32
        )
        SELECT id FROM sub
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION organization_subtree(bigint)`);
  }
}
