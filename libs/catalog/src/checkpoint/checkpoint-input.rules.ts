import {
  Canonical,
  canonicalize,
  comparableEvidence,
  Evidence,
  EvidenceDraft,
  EvidenceOrigin,
  invalidInput,
  normalizeCountry,
  normalizeEvidence,
  Relation,
  requireUri,
} from '@pedigree/core';
import type { DraftWithSource, LineageSource, NodeRef } from '@pedigree/lineage';
import type { CheckpointSignatureCommand } from '../signature/signature.service';
import { CheckpointFormat, TrainingMethod, TrainingRunRecord } from './checkpoint.record';

export interface TrainingRunCommand {
  method: TrainingMethod;
  datasets?: NodeRef[] | null;
  teachers?: NodeRef[] | null;
  computeProvider?: string | null;
  computeRegion?: string | null;
  computeCountry?: string | null;
  operator?: string | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
  /** A JSON object, as text: what a pipeline has at hand. */
  hyperparametersJson?: string | null;
}

export interface RegisterCheckpointCommand {
  model: NodeRef;
  digest: string;
  uris?: string[] | null;
  format: CheckpointFormat;
  sizeBytes?: number | null;
  registeredBy: string;
  lineage?: LineageSource[] | null;
  trainingRun?: TrainingRunCommand | null;
  evidence?: EvidenceDraft | null;
  signature?: CheckpointSignatureCommand | null;
}

/** A registration's own fields, checked before any reference is resolved. */
export interface CheckedCheckpoint {
  digest: string;
  registeredBy: string;
  uris: string[];
  sizeBytes: number | null;
  evidence: Evidence;
  computeCountry: string | null;
  hyperparameters: Record<string, unknown>;
}

/** A training run as stored, its organizations resolved; the checkpoint it belongs to is set on insert. */
export type RunRecordDraft = Omit<TrainingRunRecord, 'id' | 'checkpointId' | 'modelId' | 'evidence'>;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * The checks of one registration that need no database, shared by registerCheckpoint (`at` =
 * `input`) and each item of registerCheckpoints (`at` = `input.checkpoints[3]`), so both refuse
 * the same things with the same messages. Throws the first problem as INVALID_INPUT.
 */
export function checkCheckpointInput(input: RegisterCheckpointCommand, at: string): CheckedCheckpoint {
  const digest = input.digest?.trim() ?? '';
  if (!DIGEST.test(digest)) throw invalidInput(`${at}.digest`, `"${input.digest}" is not a digest`, 'sha256:<64 lower-case hex digits>');
  const registeredBy = input.registeredBy?.trim();
  if (!registeredBy) throw invalidInput(`${at}.registeredBy`, 'must name the pipeline or person registering', 'e.g. "ci/acme-finetune"');
  const uris = (input.uris ?? []).map((u, i) => requireUri(u, `${at}.uris[${i}]`));
  if (input.sizeBytes !== null && input.sizeBytes !== undefined && (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes < 0)) {
    throw invalidInput(`${at}.sizeBytes`, `${input.sizeBytes} is not a byte count`, 'a whole number ≥ 0');
  }
  const evidence = normalizeEvidence(input.evidence, `${at}.evidence`, {
    origin: EvidenceOrigin.PIPELINE_DECLARATION,
    justification: `Declared by ${registeredBy} at registration`,
    collector: registeredBy,
  });
  const run = input.trainingRun;
  const computeCountry = normalizeCountry(run?.computeCountry, `${at}.trainingRun.computeCountry`);
  if (run?.startedAt && run.endedAt && run.endedAt < run.startedAt) throw invalidInput(`${at}.trainingRun.endedAt`, 'is before startedAt');
  const hyperparameters = parseObject(run?.hyperparametersJson, `${at}.trainingRun.hyperparametersJson`) ?? {};
  return { digest, registeredBy, uris, sizeBytes: input.sizeBytes ?? null, evidence, computeCountry, hyperparameters };
}

/** The references of one registration in the order its resolution answers them: model, parents, datasets, teachers. */
export function checkpointRefs(input: RegisterCheckpointCommand, at: string): { ref: NodeRef; field: string; relation?: Relation }[] {
  const run = input.trainingRun;
  return [
    { ref: input.model, field: `${at}.model` },
    ...(input.lineage ?? []).map((s, i) => ({ ref: s.source, field: `${at}.lineage[${i}].source` })),
    ...(run?.datasets ?? []).map((ref, i) => ({ ref, field: `${at}.trainingRun.datasets[${i}]`, relation: Relation.TRAINED_ON })),
    ...(run?.teachers ?? []).map((ref, i) => ({ ref, field: `${at}.trainingRun.teachers[${i}]`, relation: Relation.DISTILLATION })),
  ];
}

export function runRecordOf(run: TrainingRunCommand, checked: CheckedCheckpoint, providerId: string | null, operatorId: string | null): RunRecordDraft {
  return {
    method: run.method,
    computeProviderId: providerId,
    computeRegion: run.computeRegion?.trim() || null,
    computeCountry: checked.computeCountry,
    operatorId,
    startedAt: run.startedAt ?? null,
    endedAt: run.endedAt ?? null,
    hyperparameters: checked.hyperparameters,
  };
}

/**
 * The normalized payload a retry is compared with. Ids, not names, so `model: {id}` and
 * `model: {model: name}` agree.
 */
export function checkpointRegistration(
  input: RegisterCheckpointCommand,
  checked: CheckedCheckpoint,
  modelId: string,
  declared: readonly DraftWithSource[],
  implied: readonly DraftWithSource[],
  runRecord: RunRecordDraft | null,
): Canonical {
  return canonicalize({
    modelId,
    uris: checked.uris,
    format: input.format,
    sizeBytes: checked.sizeBytes,
    registeredBy: checked.registeredBy,
    evidence: comparableEvidence(checked.evidence, input.evidence),
    lineage: declared.map((d, i) => ({
      sourceId: d.sourceId,
      relation: d.relation,
      mergeWeight: d.mergeWeight,
      // Absent (null) parts drop out, so registrations stored before these fields existed still compare equal.
      teacherSnapshot: d.teacherSnapshot,
      usedFrom: d.usedFrom,
      usedTo: d.usedTo,
      auxiliaryRole: d.auxiliaryRole,
      evidence: comparableEvidence(d.evidence, input.lineage?.[i].evidence),
    })),
    trainingRun: runRecord && { ...runRecord, sources: implied.map((d) => [d.relation, d.sourceId]) },
  });
}

function parseObject(json: string | null | undefined, field: string): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    /* reported below */
  }
  throw invalidInput(field, 'is not a JSON object', 'e.g. {"learning_rate": 2e-5}');
}
