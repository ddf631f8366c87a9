import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUXILIARY: a reward model, judge or filter classifier that shaped a model without contributing
 * weights or text. Its own migration because PostgreSQL refuses to use an enum value in the
 * transaction that added it, and the next migration's CHECK constraints name it.
 */
export class AddAuxiliaryRelation1764094500000 implements MigrationInterface {
  name = 'AddAuxiliaryRelation1764094500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE lineage_relation ADD VALUE IF NOT EXISTS 'AUXILIARY'`);
  }

  async down(): Promise<void> {
    // PostgreSQL cannot drop an enum value; AUXILIARY stays defined but unused.
  }
}
