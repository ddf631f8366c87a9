import DataLoader from 'dataloader';
import { CustomLicenseRecord } from '@pedigree/licensing';
import { LineageEdgeRecord, LineageLoaders } from '@pedigree/lineage';
import { CheckpointRecord, TrainingRunRecord } from './checkpoint/checkpoint.record';
import { DatasetRecord } from './dataset/dataset.record';
import { CheckpointSignatureRecord } from './signature/signature.record';
import { ModelRecord } from './model/model.record';
import { OrganizationRecord, OrganizationRoot } from './organization/organization.record';
import { NodeOrigin } from './origin/node-origin.record';
import { OwnershipStakeRecord } from './ownership/ownership.record';
import { EffectiveHolding } from './ownership/ownership.rules';

/** Created once per request: batching is per request, caching never outlives it. */
export interface CatalogLoaders extends LineageLoaders {
  organization: DataLoader<string, OrganizationRecord | null>;
  organizationRoot: DataLoader<string, OrganizationRoot | null>;
  /** Country of origin of models, datasets and checkpoints (the node_origin view). */
  origin: DataLoader<string, NodeOrigin | null>;
  aliases: DataLoader<string, string[]>;
  /** Ownership stakes by id, retracted or not. */
  stake: DataLoader<string, OwnershipStakeRecord | null>;
  /** The stakes that hold today in an organization. */
  owners: DataLoader<string, OwnershipStakeRecord[]>;
  /** An organization's controlling owners, nearest first. */
  controllingOwners: DataLoader<string, string[]>;
  /** Every effective owner of an organization (callers filter by share). */
  effectiveOwners: DataLoader<string, EffectiveHolding[]>;
  model: DataLoader<string, ModelRecord | null>;
  dataset: DataLoader<string, DatasetRecord | null>;
  checkpoint: DataLoader<string, CheckpointRecord | null>;
  checkpointsByModel: DataLoader<string, CheckpointRecord[]>;
  trainingRunByCheckpoint: DataLoader<string, TrainingRunRecord | null>;
  trainingRunsByModel: DataLoader<string, TrainingRunRecord[]>;
  edgesByTrainingRun: DataLoader<string, LineageEdgeRecord[]>;
  generatorsByDataset: DataLoader<string, LineageEdgeRecord[]>;
  customLicense: DataLoader<string, CustomLicenseRecord | null>;
  /** The latest signature record of a checkpoint (null: unsigned). */
  signatureByCheckpoint: DataLoader<string, CheckpointSignatureRecord | null>;
}

export interface CatalogContext {
  loaders: CatalogLoaders;
}

/** Orders batch results to match keys, as DataLoader requires. */
export function byKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): (T | null)[] {
  const map = new Map(items.map((i) => [keyOf(i), i]));
  return keys.map((k) => map.get(k) ?? null);
}

export function groupByKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
