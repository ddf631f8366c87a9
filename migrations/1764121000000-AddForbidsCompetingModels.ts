import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A structured term for "you may not use the model or its output to develop models that compete
 * with us" (OpenAI Terms of Use), so a distillation policy can test it instead of matching the
 * text of a use restriction. Existing licenses did not state it: false, which is also what their
 * stored registrations compare as (comparableLicenseTerms leaves the term out while false).
 */
export class AddForbidsCompetingModels1764121000000 implements MigrationInterface {
  name = 'AddForbidsCompetingModels1764121000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE custom_license ADD COLUMN forbids_competing_models boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE custom_license DROP COLUMN forbids_competing_models`);
  }
}
