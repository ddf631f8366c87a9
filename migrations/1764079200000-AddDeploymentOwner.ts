import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization that runs a deployment. A scoped pipeline token may only file deployments for
 * organizations in its scope, so the owner must be a recorded organization, not free text.
 * Existing deployments keep a null owner (unknown).
 */
export class AddDeploymentOwner1764079200000 implements MigrationInterface {
  name = 'AddDeploymentOwner1764079200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deployment ADD COLUMN owner_id bigint REFERENCES organization(id);
      CREATE INDEX deployment_owner_org_idx ON deployment(owner_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployment DROP COLUMN owner_id`);
  }
}
