import { invalidInput } from '../errors';

/** What a lineage edge (derived → source) claims. */
export enum Relation {
  FINETUNE = 'FINETUNE',
  ADAPTER = 'ADAPTER',
  MERGE = 'MERGE',
  QUANTIZATION = 'QUANTIZATION',
  DISTILLATION = 'DISTILLATION',
  CONTINUED_PRETRAINING = 'CONTINUED_PRETRAINING',
  PRUNING = 'PRUNING',
  TRAINED_ON = 'TRAINED_ON',
  GENERATED_BY = 'GENERATED_BY',
  DERIVED_FROM = 'DERIVED_FROM',
  CHECKPOINT_OF = 'CHECKPOINT_OF',
  // Last, so the positions of the relations above (the lineage index's relation codes) stay as they were.
  /** The source model shaped the derived one without contributing weights or text: a reward model, judge or filter. */
  AUXILIARY = 'AUXILIARY',
}

export enum NodeKind {
  MODEL = 'MODEL',
  CHECKPOINT = 'CHECKPOINT',
  DATASET = 'DATASET',
}

export enum Direction {
  ANCESTORS = 'ANCESTORS',
  DESCENDANTS = 'DESCENDANTS',
}

/** Relations through which weights are inherited: the derived artifact contains the source's parameters. */
export const WEIGHT_RELATIONS: readonly Relation[] = [
  Relation.FINETUNE,
  Relation.ADAPTER,
  Relation.MERGE,
  Relation.QUANTIZATION,
  Relation.CONTINUED_PRETRAINING,
  Relation.PRUNING,
];

const WEIGHTED = new Set<Relation>(WEIGHT_RELATIONS);
const ARTIFACTS = new Set<NodeKind>([NodeKind.MODEL, NodeKind.CHECKPOINT]);

/** Which node kinds each relation may connect; enforced before anything is written. */
export function assertEndpoints(relation: Relation, derived: NodeKind, source: NodeKind, field: string): void {
  const ok =
    WEIGHTED.has(relation) || relation === Relation.DISTILLATION || relation === Relation.AUXILIARY
      ? ARTIFACTS.has(derived) && ARTIFACTS.has(source)
      : relation === Relation.TRAINED_ON
        ? ARTIFACTS.has(derived) && source === NodeKind.DATASET
        : relation === Relation.GENERATED_BY
          ? derived === NodeKind.DATASET && ARTIFACTS.has(source)
          : relation === Relation.DERIVED_FROM
            ? derived === NodeKind.DATASET && source === NodeKind.DATASET
            : derived === NodeKind.CHECKPOINT && source === NodeKind.MODEL;
  if (!ok) {
    throw invalidInput(field, `${relation} cannot link a ${derived.toLowerCase()} to a ${source.toLowerCase()}`, allowedFor(relation));
  }
}

function allowedFor(relation: Relation): string {
  if (relation === Relation.TRAINED_ON) return 'a model or checkpoint TRAINED_ON a dataset';
  if (relation === Relation.GENERATED_BY) return 'a dataset GENERATED_BY a model or checkpoint';
  if (relation === Relation.DERIVED_FROM) return 'a dataset DERIVED_FROM another dataset';
  if (relation === Relation.CHECKPOINT_OF) return 'a checkpoint CHECKPOINT_OF its model (recorded automatically)';
  return `a model or checkpoint ${relation} another model or checkpoint`;
}

export function assertMergeWeight(relation: Relation, weight: number | null | undefined, field: string): void {
  if (weight === null || weight === undefined) return;
  if (relation !== Relation.MERGE) throw invalidInput(field, 'is only meaningful for MERGE edges', 'omit it, or use relation MERGE');
  if (!Number.isFinite(weight)) throw invalidInput(field, `${weight} is not a number`, 'a finite number');
}
