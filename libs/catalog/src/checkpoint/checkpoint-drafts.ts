import { assertNamespaceWritable, Evidence, invalidInput, NodeKind, Relation } from '@pedigree/core';
import { DraftWithSource, draftsFor } from '@pedigree/lineage';
import type { NodeIdentity } from '@pedigree/lineage';
import { checkpointRefs, RegisterCheckpointCommand } from './checkpoint-input.rules';

export interface CheckpointDrafts {
  model: NodeIdentity;
  /** The declared parents (`lineage`). */
  declared: DraftWithSource[];
  /** The edges the training run implies: TRAINED_ON its datasets, DISTILLATION from its teachers. */
  implied: DraftWithSource[];
}

/**
 * A registration's edges from its resolved references (in checkpointRefs order), shared by the
 * single and the batch registration. Throws INVALID_INPUT when the model is not a writable model.
 */
export function checkpointDrafts(input: RegisterCheckpointCommand, at: string, evidence: Evidence, resolvedRefs: readonly NodeIdentity[]): CheckpointDrafts {
  const [model, ...resolved] = resolvedRefs;
  if (model.kind !== NodeKind.MODEL) throw invalidInput(`${at}.model`, `"${model.key}" is a ${model.kind.toLowerCase()}`, 'a model');
  assertNamespaceWritable(model.key, `${at}.model`);
  const lineage = input.lineage ?? [];
  const declared = draftsFor(lineage, `${at}.lineage`, evidence, null, resolved.slice(0, lineage.length));
  const refs = checkpointRefs(input, at).slice(1 + lineage.length);
  const implied: DraftWithSource[] = refs.map((r, i) => {
    const source = resolved[lineage.length + i];
    return { source, sourceId: source.id, relation: r.relation!, mergeWeight: null, trainingRunId: null, evidence, field: r.field, sourceField: r.field };
  });
  return { model, declared, implied };
}

/** The edge the registry itself records from a checkpoint to its model. */
export function checkpointOfDraft(model: NodeIdentity, evidence: Evidence, at: string): DraftWithSource {
  return {
    source: model,
    sourceId: model.id,
    relation: Relation.CHECKPOINT_OF,
    mergeWeight: null,
    trainingRunId: null,
    evidence,
    field: `${at}.model`,
    sourceField: `${at}.model`,
    system: true,
  };
}
