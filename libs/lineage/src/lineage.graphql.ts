import { Field, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType, Float, GraphQLISODateTime } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType, PageInfo } from '@pedigree/graphql-common';
import { AuxiliaryRole, Direction, NodeKind, Relation } from '@pedigree/core';

registerEnumType(Relation, {
  name: 'Relation',
  description: 'What a lineage edge (derived → source) claims.',
  valuesMap: {
    FINETUNE: { description: 'Derived weights were trained further from the source weights (Hugging Face `finetune`).' },
    ADAPTER: { description: 'Derived is an adapter (e.g. LoRA) applied on top of the source weights (`adapter`).' },
    MERGE: { description: 'Derived merges the weights of several sources (`merge`); may carry a weight and repeat a source.' },
    QUANTIZATION: { description: 'Derived is a lower-precision copy of the source weights (`quantized`).' },
    DISTILLATION: { description: 'Derived was trained to imitate the source (a teacher, possibly API-only).' },
    CONTINUED_PRETRAINING: { description: 'Derived continued pretraining from the source weights.' },
    PRUNING: { description: 'Derived was pruned from the source weights.' },
    TRAINED_ON: { description: 'Derived was trained on the source dataset.' },
    GENERATED_BY: { description: 'The derived dataset was generated (synthesized, labelled) by the source model.' },
    DERIVED_FROM: { description: 'The derived dataset was built from the source dataset (a subset, filter, translation or mix).' },
    CHECKPOINT_OF: { description: 'The derived checkpoint is an artifact of the source model. Recorded automatically.' },
    AUXILIARY: {
      description:
        'The source model (a reward model, judge or filter classifier) shaped the derived model or checkpoint without contributing weights or training text. Requires `auxiliaryRole`.',
    },
  },
});
registerEnumType(AuxiliaryRole, {
  name: 'AuxiliaryRole',
  description: 'What an auxiliary model (the source of an AUXILIARY edge) did for the derived model.',
  valuesMap: {
    REWARD_MODEL: { description: 'Scored outputs during reinforcement learning (RLHF, RLAIF).' },
    JUDGE: { description: 'Judged or ranked outputs, e.g. to build preference data or select checkpoints.' },
    FILTER: { description: 'Classified training data to keep or drop (quality, safety or language filters).' },
    OTHER: { description: 'Any other auxiliary role; say which in the evidence justification.' },
  },
});

const TEACHER_SNAPSHOT =
  'The teacher snapshot actually used, e.g. `gpt-4-0613`: an API model name such as `gpt-4` points at different weights over time. DISTILLATION and GENERATED_BY only.';
const USED_FROM = 'First day the teacher was used, `YYYY-MM-DD`. DISTILLATION and GENERATED_BY only.';
const USED_TO = 'Last day the teacher was used, `YYYY-MM-DD`, on or after `usedFrom`. DISTILLATION and GENERATED_BY only.';
const AUXILIARY_ROLE = 'What the auxiliary model did. Required for AUXILIARY, refused for every other relation.';
registerEnumType(NodeKind, {
  name: 'NodeKind',
  description: 'What a lineage node is.',
  valuesMap: {
    MODEL: { description: 'A named model.' },
    CHECKPOINT: { description: 'An immutable weights artifact of a model.' },
    DATASET: { description: 'A dataset.' },
  },
});
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which way to walk lineage.',
  valuesMap: {
    ANCESTORS: { description: 'Towards sources: bases, teachers, datasets.' },
    DESCENDANTS: { description: 'Towards everything derived from the node.' },
  },
});

@InterfaceType('LineageNode', {
  description: 'Anything lineage can point at: a model, a checkpoint or a dataset.',
  resolveType: (value: { kind: NodeKind }) => ({ MODEL: 'Model', CHECKPOINT: 'Checkpoint', DATASET: 'Dataset' })[value.kind],
})
export abstract class LineageNodeType {
  @Field(() => ID, { description: 'Registry id, unique across models, checkpoints and datasets.' })
  id: string;

  @Field(() => NodeKind, { description: 'Whether this is a model, a checkpoint or a dataset.' })
  kind: NodeKind;

  @Field({ description: 'Model or dataset name (`namespace/name`), or the checkpoint digest.' })
  name: string;
}

@InputType({ description: 'Points at one lineage node. Give exactly one field.' })
export class NodeRefInput {
  @Field(() => ID, { nullable: true, description: 'Registry id.' })
  id?: string;

  @Field({ nullable: true, description: 'Model name, e.g. `deepseek-ai/DeepSeek-R1-Distill-Llama-8B` (case-insensitive).' })
  model?: string;

  @Field({ nullable: true, description: 'Dataset name, e.g. `HuggingFaceH4/ultrachat_200k`.' })
  dataset?: string;

  @Field({ nullable: true, description: 'Checkpoint digest, `sha256:<64 hex>`.' })
  checkpoint?: string;
}

@ObjectType('Retraction', { description: 'The record that withdrew an edge. The edge itself is kept.' })
export class RetractionType {
  @Field(() => EvidenceType, { description: 'Why the edge was withdrawn.' })
  evidence: EvidenceType;

  @Field(() => GraphQLISODateTime, { description: 'When the retraction was recorded.' })
  recordedAt: Date;

  @Field({ description: 'Who recorded the retraction.' })
  recordedBy: string;
}

@ObjectType('LineageEdge', { description: 'A typed, evidenced claim that `derived` comes from `source`.' })
export class LineageEdgeType {
  @Field(() => ID, { description: 'Edge id; pass it to `retractLineage`.' })
  id: string;

  @Field(() => Relation, { description: 'What the edge claims.' })
  relation: Relation;

  @Field(() => ID, { description: 'Id of the derived node.' })
  derivedId: string;

  @Field(() => ID, { description: 'Id of the source node.' })
  sourceId: string;

  @Field(() => Float, { nullable: true, description: 'Merge weight, for MERGE edges that declare one.' })
  mergeWeight: number | null;

  @Field(() => ID, { nullable: true, description: 'The training run that declared this edge, if any.' })
  trainingRunId: string | null;

  @Field(() => String, { nullable: true, description: `${TEACHER_SNAPSHOT} Null when not stated.` })
  teacherSnapshot: string | null;

  @Field(() => String, { nullable: true, description: `${USED_FROM} Null when not stated.` })
  usedFrom: string | null;

  @Field(() => String, { nullable: true, description: `${USED_TO} Null when not stated.` })
  usedTo: string | null;

  @Field(() => AuxiliaryRole, { nullable: true, description: 'What the auxiliary model did; set exactly on AUXILIARY edges.' })
  auxiliaryRole: AuxiliaryRole | null;

  @Field(() => EvidenceType, { description: 'The support for this claim.' })
  evidence: EvidenceType;

  @Field(() => GraphQLISODateTime, { description: 'When the registry recorded the edge.' })
  recordedAt: Date;

  @Field({ description: 'Who recorded the edge (pipeline, importer, user).' })
  recordedBy: string;

  @Field(() => RetractionType, { nullable: true, description: 'Set when the edge has been retracted.' })
  retraction: RetractionType | null;
}

@ObjectType('LineageNodeAtDepth', { description: 'A node reached by a lineage walk.' })
export class LineageNodeAtDepthType {
  @Field(() => Int, { description: 'Fewest edges between the root and this node (the root is 0).' })
  depth: number;

  @Field(() => ID, { description: 'Id of the node.' })
  id: string;

  // A plain field, filled by the lineage query in one batch: a field resolver per node cost more
  // than the walk itself on a 2,000-node page.
  @Field(() => LineageNodeType, { description: 'The node itself.' })
  node?: unknown;
}

@ObjectType('LineageGraph', { description: 'A sub-DAG: the nodes reached from a root and the typed edges between them.' })
export class LineageGraphType {
  @Field(() => ID, { description: 'Id of the node the walk started from.' })
  rootId: string;

  @Field(() => Direction, { description: 'Which way the walk went.' })
  direction: Direction;

  @Field(() => [LineageNodeAtDepthType], { description: 'Reached nodes of this page, nearest first; the first page starts with the root at depth 0.' })
  nodes: LineageNodeAtDepthType[];

  @Field(() => [LineageEdgeType], { description: 'Edges traversed to reach the nodes of this page, each once, in registration order.' })
  edges: LineageEdgeType[];

  @Field({
    description:
      'True when this answer is not the whole walk: `maxDepth` cut it short (`depthLimited`), or more nodes follow on later pages (`pageInfo.hasNextPage`).',
  })
  truncated: boolean;

  @Field({ description: 'True when `maxDepth` cut the walk short: there are nodes further away.' })
  depthLimited: boolean;

  @Field(() => Int, { description: 'Nodes the whole walk reached, across all pages, the root included.' })
  nodeCount: number;

  @Field(() => PageInfo, { description: 'Pass `endCursor` as `after` for the next page of nodes.' })
  pageInfo: PageInfo;
}

@ObjectType('LineagePath', { description: 'A chain of edges connecting two nodes.' })
export class LineagePathType {
  @Field(() => Direction, { description: 'ANCESTORS when `to` is an ancestor of `from`; DESCENDANTS when it is a descendant.' })
  direction: Direction;

  @Field(() => [LineageEdgeType], { description: 'The chain of edges from `from` to `to`, each with its evidence.' })
  edges: LineageEdgeType[];
}

@InputType({ description: 'One source of a lineage claim.' })
export class LineageSourceInput {
  @Field(() => NodeRefInput, { description: 'The source node (base model, teacher, dataset, parent checkpoint).' })
  source: NodeRefInput;

  @Field(() => Relation, { description: 'What the derived node took from the source.' })
  relation: Relation;

  @Field(() => Float, { nullable: true, description: 'Merge weight (MERGE only).' })
  mergeWeight?: number;

  @Field({ nullable: true, description: TEACHER_SNAPSHOT })
  teacherSnapshot?: string;

  @Field({ nullable: true, description: USED_FROM })
  usedFrom?: string;

  @Field({ nullable: true, description: USED_TO })
  usedTo?: string;

  @Field(() => AuxiliaryRole, { nullable: true, description: AUXILIARY_ROLE })
  auxiliaryRole?: AuxiliaryRole;

  @Field(() => EvidenceInput, { nullable: true, description: 'Support for this edge. Defaults to the evidence of the enclosing registration.' })
  evidence?: EvidenceInput;
}

@InputType({ description: 'Add one evidenced edge between existing nodes.' })
export class AssertLineageInput {
  @Field(() => NodeRefInput, { description: 'The derived node.' })
  derived: NodeRefInput;

  @Field(() => NodeRefInput, { description: 'The source node.' })
  source: NodeRefInput;

  @Field(() => Relation, { description: 'What the edge claims.' })
  relation: Relation;

  @Field(() => Float, { nullable: true, description: 'Merge weight (MERGE only).' })
  mergeWeight?: number;

  @Field({ nullable: true, description: TEACHER_SNAPSHOT })
  teacherSnapshot?: string;

  @Field({ nullable: true, description: USED_FROM })
  usedFrom?: string;

  @Field({ nullable: true, description: USED_TO })
  usedTo?: string;

  @Field(() => AuxiliaryRole, { nullable: true, description: AUXILIARY_ROLE })
  auxiliaryRole?: AuxiliaryRole;

  @Field(() => EvidenceInput, { description: 'Support for the claim.' })
  evidence: EvidenceInput;

  @Field({ nullable: true, description: 'Who records the claim. Defaults to "api".' })
  recordedBy?: string;
}

@InputType({ description: 'Withdraw an edge. The edge is kept and marked retracted.' })
export class RetractLineageInput {
  @Field(() => ID, { description: 'The edge to retract.' })
  edgeId: string;

  @Field(() => EvidenceInput, { description: 'Why the claim no longer holds.' })
  evidence: EvidenceInput;

  @Field({ nullable: true, description: 'Who records the retraction. Defaults to "api".' })
  recordedBy?: string;
}
