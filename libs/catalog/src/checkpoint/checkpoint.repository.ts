import { Injectable } from '@nestjs/common';
import { Canonical, NodeKind } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { CheckpointEntity } from './checkpoint.entity';
import { CheckpointRecord, TrainingRunRecord } from './checkpoint.record';
import { TrainingRunEntity } from './training-run.entity';

/** What toCheckpoint reads; not `registration` (only re-registration needs it). */
const CHECKPOINT_COLUMNS = [
  'id',
  'model_id',
  'digest',
  'uris',
  'format',
  'size_bytes',
  'registered_at',
  'registered_by',
] as const satisfies readonly (keyof CheckpointEntity)[];
type CheckpointRow = Pick<CheckpointEntity, (typeof CHECKPOINT_COLUMNS)[number]>;
const CHECKPOINT_SELECT = selectList('c', CHECKPOINT_COLUMNS);

const RUN_COLUMNS = [
  'id',
  'checkpoint_id',
  'model_id',
  'evidence',
  'method',
  'compute_provider_id',
  'compute_region',
  'compute_country',
  'operator_id',
  'started_at',
  'ended_at',
  'hyperparameters',
] as const satisfies readonly (keyof TrainingRunEntity)[];
type RunRow = Pick<TrainingRunEntity, (typeof RUN_COLUMNS)[number]>;
const RUN_SELECT = selectList('t', RUN_COLUMNS);

const toCheckpoint = (r: CheckpointRow): CheckpointRecord => ({
  id: String(r.id),
  kind: NodeKind.CHECKPOINT,
  name: r.digest,
  modelId: String(r.model_id),
  digest: r.digest,
  uris: r.uris,
  format: r.format,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  registeredAt: r.registered_at,
  registeredBy: r.registered_by,
});

const toRun = (r: RunRow): TrainingRunRecord => ({
  id: String(r.id),
  checkpointId: r.checkpoint_id === null ? null : String(r.checkpoint_id),
  modelId: r.model_id === null ? null : String(r.model_id),
  evidence: r.evidence,
  method: r.method,
  computeProviderId: r.compute_provider_id === null ? null : String(r.compute_provider_id),
  computeRegion: r.compute_region,
  computeCountry: r.compute_country,
  operatorId: r.operator_id === null ? null : String(r.operator_id),
  startedAt: r.started_at,
  endedAt: r.ended_at,
  hyperparameters: r.hyperparameters,
});

@Injectable()
export class CheckpointRepository {
  constructor(private readonly db: Db) {}

  async insert(c: Omit<CheckpointRecord, 'kind' | 'name' | 'registeredAt'>, registration: Canonical): Promise<void> {
    await this.db.prepared(
      `INSERT INTO checkpoint(id, model_id, digest, uris, format, size_bytes, registered_by, registration) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [c.id, c.modelId, c.digest, c.uris, c.format, c.sizeBytes, c.registeredBy, registration],
    );
  }

  async insertTrainingRun(r: Omit<TrainingRunRecord, 'id'>): Promise<string> {
    const row = await this.db.one<Pick<TrainingRunEntity, 'id'>>(
      `INSERT INTO training_run(checkpoint_id, model_id, evidence, method, compute_provider_id, compute_region, compute_country, operator_id, started_at, ended_at, hyperparameters)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [
        r.checkpointId,
        r.modelId,
        r.evidence,
        r.method,
        r.computeProviderId,
        r.computeRegion,
        r.computeCountry,
        r.operatorId,
        r.startedAt,
        r.endedAt,
        r.hyperparameters,
      ],
    );
    return String(row!.id);
  }

  /** Many checkpoints in one statement (a batch registration). */
  async insertMany(rows: readonly { checkpoint: Omit<CheckpointRecord, 'kind' | 'name' | 'registeredAt'>; registration: Canonical }[]): Promise<void> {
    if (!rows.length) return;
    await this.db.prepared(
      `INSERT INTO checkpoint(id, model_id, digest, uris, format, size_bytes, registered_by, registration)
       SELECT d.id, d.model_id, d.digest, d.uris, d.format::checkpoint_format, d.size_bytes, d.registered_by, d.registration
       FROM jsonb_to_recordset($1::jsonb) AS d(id bigint, model_id bigint, digest text, uris text[], format text, size_bytes bigint, registered_by text, registration jsonb)`,
      [
        JSON.stringify(
          rows.map(({ checkpoint: c, registration }) => ({
            id: c.id,
            model_id: c.modelId,
            digest: c.digest,
            uris: c.uris,
            format: c.format,
            size_bytes: c.sizeBytes,
            registered_by: c.registeredBy,
            registration,
          })),
        ),
      ],
    );
  }

  /** Many training runs in one statement; their ids in input order. */
  async insertTrainingRuns(runs: readonly Omit<TrainingRunRecord, 'id'>[]): Promise<string[]> {
    if (!runs.length) return [];
    const rows = await this.db.prepared<Pick<TrainingRunEntity, 'id'>>(
      `INSERT INTO training_run(checkpoint_id, model_id, evidence, method, compute_provider_id, compute_region, compute_country, operator_id, started_at, ended_at, hyperparameters)
       SELECT d.checkpoint_id, d.model_id, d.evidence, d.method::training_method, d.compute_provider_id, d.compute_region, d.compute_country, d.operator_id,
              d.started_at, d.ended_at, d.hyperparameters
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (checkpoint_id bigint, model_id bigint, evidence jsonb, method text, compute_provider_id bigint,
              compute_region text, compute_country text, operator_id bigint, started_at timestamptz, ended_at timestamptz, hyperparameters jsonb))
         WITH ORDINALITY AS d(checkpoint_id, model_id, evidence, method, compute_provider_id, compute_region, compute_country, operator_id, started_at, ended_at, hyperparameters, n)
       ORDER BY d.n
       RETURNING id`,
      [
        JSON.stringify(
          runs.map((r) => ({
            checkpoint_id: r.checkpointId,
            model_id: r.modelId,
            evidence: r.evidence,
            method: r.method,
            compute_provider_id: r.computeProviderId,
            compute_region: r.computeRegion,
            compute_country: r.computeCountry,
            operator_id: r.operatorId,
            started_at: r.startedAt,
            ended_at: r.endedAt,
            hyperparameters: r.hyperparameters,
          })),
        ),
      ],
    );
    return rows.map((r) => String(r.id));
  }

  /** Stored registrations by checkpoint id, for comparing a batch's retries in one statement. */
  async registrations(ids: readonly string[]): Promise<Map<string, Canonical>> {
    if (!ids.length) return new Map();
    const rows = await this.db.prepared<Pick<CheckpointEntity, 'id' | 'registration'>>(`SELECT id, registration FROM checkpoint WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    return new Map(rows.map((r) => [String(r.id), r.registration]));
  }

  async publisherOf(modelId: string): Promise<string> {
    return String((await this.db.one<{ publisher_id: string }>(`SELECT publisher_id FROM model WHERE id = $1`, [modelId]))!.publisher_id);
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<Pick<CheckpointEntity, 'registration'>>(`SELECT registration FROM checkpoint WHERE id = $1`, [id]))!.registration;
  }

  async findByIds(ids: readonly string[]): Promise<CheckpointRecord[]> {
    return (await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_SELECT} FROM checkpoint c WHERE c.id = ANY($1::bigint[])`, [ids])).map(toCheckpoint);
  }

  async findByModels(modelIds: readonly string[]): Promise<CheckpointRecord[]> {
    return (
      await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_SELECT} FROM checkpoint c WHERE c.model_id = ANY($1::bigint[]) ORDER BY c.id`, [modelIds])
    ).map(toCheckpoint);
  }

  /**
   * Serializes recording runs of one model, so two identical imports cannot both find no run and both
   * insert one. NO KEY UPDATE leaves checkpoint registrations (which take KEY SHARE) unblocked.
   */
  async lockModelRuns(modelId: string): Promise<void> {
    await this.db.query(`SELECT 1 FROM model WHERE id = $1 FOR NO KEY UPDATE`, [modelId]);
  }

  /** Runs stated for whole models, oldest first. */
  async trainingRunsByModels(ids: readonly string[]): Promise<TrainingRunRecord[]> {
    return (await this.db.query<RunRow>(`SELECT ${RUN_SELECT} FROM training_run t WHERE t.model_id = ANY($1::bigint[]) ORDER BY t.id`, [ids])).map(toRun);
  }

  async trainingRunsByCheckpoints(ids: readonly string[]): Promise<TrainingRunRecord[]> {
    return (await this.db.query<RunRow>(`SELECT ${RUN_SELECT} FROM training_run t WHERE t.checkpoint_id = ANY($1::bigint[])`, [ids])).map(toRun);
  }
}
