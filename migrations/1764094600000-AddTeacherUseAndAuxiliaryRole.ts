import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API teacher's name (`gpt-4`) points at different weights over time: DISTILLATION and
 * GENERATED_BY edges may say which snapshot taught (`gpt-4-0613`) and over which calendar period.
 * AUXILIARY edges say which role the auxiliary model played. lineage_edge is append-only; adding
 * nullable columns rewrites no row, and every existing row satisfies the new checks.
 */
export class AddTeacherUseAndAuxiliaryRole1764094600000 implements MigrationInterface {
  name = 'AddTeacherUseAndAuxiliaryRole1764094600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE auxiliary_role AS ENUM ('REWARD_MODEL','JUDGE','FILTER','OTHER');
      ALTER TABLE lineage_edge
        ADD COLUMN teacher_snapshot text,
        ADD COLUMN used_from date,
        ADD COLUMN used_to date,
        ADD COLUMN auxiliary_role auxiliary_role,
        ADD CONSTRAINT lineage_edge_teacher_use_check CHECK (
          (teacher_snapshot IS NULL AND used_from IS NULL AND used_to IS NULL) OR relation IN ('DISTILLATION', 'GENERATED_BY')),
        ADD CONSTRAINT lineage_edge_used_period_check CHECK (used_to IS NULL OR used_from IS NULL OR used_to >= used_from),
        ADD CONSTRAINT lineage_edge_auxiliary_role_check CHECK ((relation = 'AUXILIARY') = (auxiliary_role IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lineage_edge
        DROP CONSTRAINT lineage_edge_auxiliary_role_check,
        DROP CONSTRAINT lineage_edge_used_period_check,
        DROP CONSTRAINT lineage_edge_teacher_use_check,
        DROP COLUMN auxiliary_role,
        DROP COLUMN used_to,
        DROP COLUMN used_from,
        DROP COLUMN teacher_snapshot;
      DROP TYPE auxiliary_role;
    `);
  }
}
