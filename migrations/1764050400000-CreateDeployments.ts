import { MigrationInterface, QueryRunner } from 'typeorm';

/** What is actually in use: systems that run a checkpoint (or call an API model), and who serves them. */
export class CreateDeployments1764050400000 implements MigrationInterface {
  name = 'CreateDeployments1764050400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE deployment_environment AS ENUM ('PRODUCTION','STAGING','DEVELOPMENT','TEST','RESEARCH');
      CREATE TYPE deployment_criticality AS ENUM ('LOW','MEDIUM','HIGH','CRITICAL');

      CREATE TABLE deployment (
        id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name                  text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._/-]{0,199}$'),
        system                text NOT NULL CHECK (length(system) BETWEEN 1 AND 300),
        owner_team            text NOT NULL CHECK (length(owner_team) BETWEEN 1 AND 200),
        environment           deployment_environment NOT NULL,
        criticality           deployment_criticality NOT NULL,
        node_id               bigint NOT NULL REFERENCES lineage_node(id),
        inference_provider_id bigint REFERENCES organization(id),
        region                text,
        country               char(2) CHECK (country ~ '^[A-Z]{2}$'),
        tags                  text[] NOT NULL DEFAULT '{}',
        evidence              jsonb NOT NULL,
        registration          jsonb NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX deployment_name_key ON deployment(name);
      CREATE INDEX deployment_node_idx ON deployment(node_id);
      CREATE INDEX deployment_owner_idx ON deployment(owner_team);
      CREATE INDEX deployment_provider_idx ON deployment(inference_provider_id);
      CREATE INDEX deployment_tags_idx ON deployment USING gin(tags);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE deployment;
      DROP TYPE deployment_criticality, deployment_environment;
    `);
  }
}
