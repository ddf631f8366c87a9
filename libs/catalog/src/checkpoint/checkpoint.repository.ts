import { Injectable } from '@nestjs/common';
import { Canonical, NodeKind } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { CheckpointRecord, TrainingRunRecord } from './checkpoint.record';

type Row = Record<string, any>;

const toCheckpoint = (r: Row): CheckpointRecord => ({
  id: String(r.id), kind: NodeKind.CHECKPOINT, name: r.digest, modelId: String(r.model_id), digest: r.digest, uris: r.uris,
  format: r.format, sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes), registeredAt: r.registered_at, registeredBy: r.registered_by,
});

const toRun = (r: Row): TrainingRunRecord => ({
  id: String(r.id), checkpointId: String(r.checkpoint_id), method: r.method,
  computeProviderId: r.compute_provider_id === null ? null : String(r.compute_provider_id), computeRegion: r.compute_region,
  computeCountry: r.compute_country, operatorId: r.operator_id === null ? null : String(r.operator_id), startedAt: r.started_at,
  endedAt: r.ended_at, hyperparameters: r.hyperparameters,
});

@Injectable()
export class CheckpointRepository {
  constructor(private readonly db: Db) {}

  async insert(c: Omit<CheckpointRecord, 'kind' | 'name' | 'registeredAt'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `INSERT INTO checkpoint(id, model_id, digest, uris, format, size_bytes, registered_by, registration) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [c.id, c.modelId, c.digest, c.uris, c.format, c.sizeBytes, c.registeredBy, registration],
    );
  }

  async insertTrainingRun(r: Omit<TrainingRunRecord, 'id'>): Promise<string> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO training_run(checkpoint_id, method, compute_provider_id, compute_region, compute_country, operator_id, started_at, ended_at, hyperparameters)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [r.checkpointId, r.method, r.computeProviderId, r.computeRegion, r.computeCountry, r.operatorId, r.startedAt, r.endedAt, r.hyperparameters],
    );
    return String(row!.id);
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<{ registration: Canonical }>(`SELECT registration FROM checkpoint WHERE id = $1`, [id]))!.registration;
  }

  async findByIds(ids: readonly string[]): Promise<CheckpointRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM checkpoint WHERE id = ANY($1::bigint[])`, [ids])).map(toCheckpoint);
  }

  async findByModels(modelIds: readonly string[]): Promise<CheckpointRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM checkpoint WHERE model_id = ANY($1::bigint[]) ORDER BY id`, [modelIds])).map(toCheckpoint);
  }

  async trainingRunsByCheckpoints(ids: readonly string[]): Promise<TrainingRunRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM training_run WHERE checkpoint_id = ANY($1::bigint[])`, [ids])).map(toRun);
  }
}
