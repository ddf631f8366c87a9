import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task tags (`chat`, `code`) on models and deployments, so that a cut-off scenario offers substitutes
 * that do the same job. Empty by default: a model or deployment registered before has no stated tasks,
 * and a substitute for it is then not matched by task. The two indexes let the substitute search walk
 * the models of one modality outward from a size (or newest first) and stop after a few, at any scale.
 */
export class AddTasks1764120000000 implements MigrationInterface {
  name = 'AddTasks1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE model ADD COLUMN tasks text[] NOT NULL DEFAULT '{}';
      ALTER TABLE deployment ADD COLUMN tasks text[] NOT NULL DEFAULT '{}';
      CREATE INDEX model_substitute_size_idx ON model(modality, parameter_count) WHERE NOT placeholder;
      CREATE INDEX model_substitute_release_idx ON model(modality, release_date) WHERE NOT placeholder;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX model_substitute_release_idx;
      DROP INDEX model_substitute_size_idx;
      ALTER TABLE deployment DROP COLUMN tasks;
      ALTER TABLE model DROP COLUMN tasks;
    `);
  }
}
