import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Relation } from '@pedigree/core';
import { DeploymentType } from '@pedigree/deployment';
import { LineageEdgeType } from '@pedigree/lineage';
import { ExposureKind } from '../rules/exposure-kind';

@InputType({ description: 'What might change or go away. Give exactly one field.' })
export class ImpactTargetInput {
  @Field({ nullable: true, description: 'Organization slug or alias: every model and dataset it (or what it owns) publishes.' })
  organization?: string;

  @Field({ nullable: true, description: 'Model name.' })
  model?: string;

  @Field({ nullable: true, description: 'Checkpoint digest.' })
  checkpoint?: string;

  @Field({ nullable: true, description: 'Dataset name.' })
  dataset?: string;

  @Field({ nullable: true, description: 'Country: every model and dataset from it. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  country?: string;
}

@ObjectType('KindTotal', { description: 'Affected nodes reached through one kind of exposure.' })
export class KindTotalType {
  @Field(() => ExposureKind, { description: 'The kind.' })
  kind: ExposureKind;

  @Field(() => Int, { description: 'Affected nodes (a node reached several ways counts under each).' })
  count: number;
}

@ObjectType('RelationTotal', { description: 'Affected nodes reached through one relation.' })
export class RelationTotalType {
  @Field(() => Relation, { description: 'The relation.' })
  relation: Relation;

  @Field(() => Int, {
    description:
      'Affected nodes with an edge of this relation from the walked subgraph (a node reached through two relations counts under each; parallel edges count once).',
  })
  count: number;
}

@ObjectType('AffectedNode', {
  description:
    'A descendant of a node of the target, or a node it trained or owns (see `dependency`). Nodes of the target itself that descend from its other nodes are listed too, with `inTarget` true.',
})
export class AffectedNodeType {
  @Field(() => ID, { description: 'Node id (see `node`).' })
  id: string;

  @Field(() => Int, { description: 'Fewest edges from a node of the target; for a node of the target itself, from another of its nodes.' })
  depth: number;

  @Field(() => [ExposureKind], {
    description: 'How the target reaches it; for a node of the target itself, how its other nodes reach it (not its own weights).',
  })
  kinds: ExposureKind[];

  @Field({
    description:
      'True when the node is itself part of the target and descends from another of its nodes: e.g. DeepSeek-R1, built on DeepSeek-V3-Base, in the impact of DeepSeek. Such a node is affected twice over: as part of the target, and through its ancestors in it.',
  })
  inTarget: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Set when the target reaches the node other than by lineage, in words: it trained it (COMPUTE) or owns its publisher (OWNERSHIP). Such nodes come first, at depth 0; their descendants are not walked, because weights already derived do not depend on who trained or owns the source.',
  })
  dependency?: string | null;
}

@ObjectType('AffectedDeployment', { description: 'A deployment that uses an affected model or checkpoint.' })
export class AffectedDeploymentType {
  @Field(() => DeploymentType, { description: 'The deployment.' })
  deployment: DeploymentType;

  @Field(() => [LineageEdgeType], { description: 'From a target down to what the deployment uses, each edge with evidence.' })
  path: LineageEdgeType[];

  @Field({ description: 'Through which models, in words.' })
  explanation: string;
}

@ObjectType('Impact', { description: 'Everything downstream of a target, down to the deployments.' })
export class ImpactType {
  @Field({ description: 'What was analysed.' })
  target: string;

  @Field(() => [ID], { description: 'The nodes the target stands for (an organization or country stands for many).' })
  rootIds: string[];

  @Field(() => Int, {
    description: 'Number of affected nodes: every descendant of a node of the target, nodes of the target that descend from its other nodes included.',
  })
  affectedCount: number;

  @Field(() => [KindTotalType], { description: 'Affected nodes per kind of exposure (nodes of the target among them included).' })
  byKind: KindTotalType[];

  @Field(() => [RelationTotalType], { description: 'Affected nodes per relation through which they are reached, most first.' })
  byRelation: RelationTotalType[];

  @Field(() => Int, { description: 'Affected deployments.' })
  deploymentCount: number;

  @Field(() => Int, { description: 'Affected deployments in PRODUCTION.' })
  productionDeploymentCount: number;

  @Field({ description: 'True if the walk hit its depth limit (100).' })
  truncated: boolean;
}
