import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queued exposure change that keeps failing must not hold back the ones behind it: each failure
 * is counted with its error, failing transactions are taken after fresh ones, and after the last
 * attempt the change is dead-lettered (`dead_at`) and left for an operator, never silently dropped.
 */
export class ExposureChangeDeadLetter1764144000000 implements MigrationInterface {
  name = 'ExposureChangeDeadLetter1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE exposure_change
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN dead_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exposure_change DROP COLUMN dead_at, DROP COLUMN last_error, DROP COLUMN attempts`);
  }
}
