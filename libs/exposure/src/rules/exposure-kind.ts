import { EdgeRef, Relation } from '@pedigree/core';
import { carriesWeights } from './ancestry-graph';

/** How an ancestor's influence reaches the subject. */
export enum ExposureKind {
  /** Its parameters are inside the subject (finetune, adapter, merge, quantization, pruning, continued pretraining). */
  WEIGHTS = 'WEIGHTS',
  /** The subject learned to imitate it: a teacher, or a model that generated training data. */
  DISTILLATION = 'DISTILLATION',
  /** Its data was trained on. */
  TRAINING_DATA = 'TRAINING_DATA',
  /** It shaped the subject without weights or text: a reward model, judge or filter classifier (AUXILIARY), or anything above one. */
  AUXILIARY = 'AUXILIARY',
  /** Not a lineage edge: where the weights on the weight paths were trained (training-run compute provider and country). */
  COMPUTE = 'COMPUTE',
  /** Not a lineage edge: who serves a deployment and where (inference provider and serving country). */
  SERVING = 'SERVING',
  /** Not a lineage edge: a publisher effectively owned, at or above the threshold, by an organization of another country. */
  OWNERSHIP = 'OWNERSHIP',
}

/** Kinds that come from facts attached to a node (who trained, serves or owns it), not from the lineage path to it. */
export type DependencyKind = ExposureKind.COMPUTE | ExposureKind.SERVING | ExposureKind.OWNERSHIP;
export const DEPENDENCY_KINDS: readonly DependencyKind[] = [ExposureKind.COMPUTE, ExposureKind.SERVING, ExposureKind.OWNERSHIP];
/** The order kinds are listed in everywhere. */
export const KIND_ORDER: readonly ExposureKind[] = [
  ExposureKind.WEIGHTS,
  ExposureKind.DISTILLATION,
  ExposureKind.TRAINING_DATA,
  ExposureKind.AUXILIARY,
  ...DEPENDENCY_KINDS,
];

/** SELF is the subject itself, and for a checkpoint, the model it is a checkpoint of. */
export type EntryState = 'SELF' | ExposureKind;

/**
 * Auxiliary dominates, then distillation: once a path passes an auxiliary model, everything above
 * it (its own bases, teachers, data) influenced the subject only through that auxiliary model's
 * judgements; once it passes a teacher (or synthetic data), everything above it is distillation.
 */
export function step(state: EntryState, relation: Relation): EntryState {
  if (relation === Relation.AUXILIARY || state === ExposureKind.AUXILIARY) return ExposureKind.AUXILIARY;
  if (relation === Relation.DISTILLATION || relation === Relation.GENERATED_BY || state === ExposureKind.DISTILLATION) return ExposureKind.DISTILLATION;
  if (relation === Relation.TRAINED_ON || state === ExposureKind.TRAINING_DATA) return ExposureKind.TRAINING_DATA;
  if (relation === Relation.CHECKPOINT_OF && state === 'SELF') return 'SELF';
  if (carriesWeights(relation)) return ExposureKind.WEIGHTS;
  return ExposureKind.TRAINING_DATA;
}

/**
 * Every way each ancestor is reached, over all paths, without enumerating paths: states only grow
 * and there are five of them, so the worklist ends even on cyclic input.
 */
export function entryStates(rootId: string, up: Map<string, EdgeRef[]>): Map<string, Set<EntryState>> {
  const states = new Map<string, Set<EntryState>>([[rootId, new Set<EntryState>(['SELF'])]]);
  const work = [rootId];
  while (work.length) {
    const id = work.pop()!;
    for (const e of up.get(id) ?? []) {
      for (const s of states.get(id)!) {
        const next = step(s, e.relation);
        let target = states.get(e.sourceId);
        if (!target) states.set(e.sourceId, (target = new Set()));
        if (!target.has(next)) {
          target.add(next);
          work.push(e.sourceId);
        }
      }
    }
  }
  return states;
}

export function kindsOf(states: ReadonlySet<EntryState> | undefined): ExposureKind[] {
  return KIND_ORDER.filter((k) => states?.has(k));
}
