import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training runs stated for a model as a whole (a model card saying "trained on AWS SageMaker"),
 * not only the run that produced a registered checkpoint: public models are rarely registered
 * checkpoint by checkpoint, yet where their weights were trained is a sovereignty fact. Such a run
 * is a claim, so it carries its evidence; a checkpoint's run keeps the checkpoint registration as
 * its evidence. PRETRAINING names a run that trained the weights from scratch.
 */
export class AddModelTrainingRuns1764110000000 implements MigrationInterface {
  name = 'AddModelTrainingRuns1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TYPE training_method ADD VALUE IF NOT EXISTS 'PRETRAINING';
      ALTER TABLE training_run
        ALTER COLUMN checkpoint_id DROP NOT NULL,
        ADD COLUMN model_id bigint REFERENCES model(id),
        ADD COLUMN evidence jsonb,
        ADD CONSTRAINT training_run_subject_check CHECK ((checkpoint_id IS NULL) <> (model_id IS NULL)),
        ADD CONSTRAINT training_run_evidence_check CHECK (model_id IS NULL OR evidence IS NOT NULL);
      CREATE INDEX training_run_model_idx ON training_run(model_id) WHERE model_id IS NOT NULL;
      CREATE INDEX training_run_provider_idx ON training_run(compute_provider_id) WHERE compute_provider_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM training_run WHERE model_id IS NOT NULL;
      DROP INDEX training_run_provider_idx;
      DROP INDEX training_run_model_idx;
      ALTER TABLE training_run DROP CONSTRAINT training_run_evidence_check, DROP CONSTRAINT training_run_subject_check,
        DROP COLUMN evidence, DROP COLUMN model_id, ALTER COLUMN checkpoint_id SET NOT NULL;
    `);
  }
}
