import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The substitute search reads the nearest models by size on each side, ordered by (parameter_count,
 * id) and stopped after a few. With id in the index that order is the index's own, so each side
 * reads only the rows it returns; without it every model of the modality in range was read and
 * sorted (hundreds of thousands per pool at 1M models).
 */
export class SubstituteSizeOrder1764139600000 implements MigrationInterface {
  name = 'SubstituteSizeOrder1764139600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX model_substitute_size_idx;
      CREATE INDEX model_substitute_size_idx ON model(modality, parameter_count, id) WHERE NOT placeholder;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX model_substitute_size_idx;
      CREATE INDEX model_substitute_size_idx ON model(modality, parameter_count) WHERE NOT placeholder;
    `);
  }
}
