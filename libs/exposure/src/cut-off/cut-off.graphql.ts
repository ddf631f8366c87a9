import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Criticality, DeploymentEnvironment, DeploymentType } from '@pedigree/deployment';
import { LineageEdgeType } from '@pedigree/lineage';

@InputType({ description: 'What goes away in a cut-off scenario. Give exactly one field.' })
export class CutOffTargetInput {
  @Field({ nullable: true, description: 'Organization slug or alias, with what it controls (its ownership subtree), as in `impact`.' })
  organization?: string;

  @Field({ nullable: true, description: 'Country: every model and dataset from it, and every vendor from it. Accepts an ISO 3166-1 code or an English name.' })
  country?: string;

  @Field({ nullable: true, description: 'Model name (`namespace/name`).' })
  model?: string;
}

@InputType({ description: 'Which affected deployments count, and how substitutes are sized. All given filters must match.' })
export class CutOffScopeInput {
  @Field(() => [DeploymentEnvironment], { nullable: true, description: 'Only deployments in these environments. Default: all.' })
  environments?: DeploymentEnvironment[];

  @Field({ nullable: true, description: 'Only deployments of this owning team.' })
  ownerTeam?: string;

  @Field({ nullable: true, description: 'Only deployments carrying this tag.' })
  tag?: string;

  @Field(() => Criticality, { nullable: true, description: 'Only deployments at least this critical.' })
  minCriticality?: Criticality;

  @Field(() => Float, {
    nullable: true,
    description:
      'Size window of substitutes: within this factor of the current parameter count, up or down (greater than 1, at most 1000). Default: PEDIGREE_SUBSTITUTE_PARAMETER_RANGE (4).',
  })
  parameterRange?: number;
}

@ObjectType('Substitute', { description: 'A registered model that could replace the one a deployment uses, and why it qualifies.' })
export class SubstituteType {
  @Field(() => Int, { description: '1 for the closest.' })
  rank: number;

  @Field(() => Float, {
    description:
      'From 0 to 1: 0.4 × task overlap + 0.4 × size nearness (log scale, within the window) + 0.1 × same access kind + 0.1 × at least as recent (see docs/exposure.md).',
  })
  closeness: number;

  @Field(() => [String], { description: 'Why it qualifies, in words: modality, size, license, tasks, and that its ancestry avoids the target.' })
  reasons: string[];
}

@ObjectType('CutOffDeployment', { description: 'A deployment the cut-off breaks, how, and what it could switch to.' })
export class CutOffDeploymentType {
  @Field(() => DeploymentType, { description: 'The deployment.' })
  deployment: DeploymentType;

  @Field(() => [LineageEdgeType], {
    description:
      'From the target down to what the deployment uses, each edge with evidence; empty when it uses a node of the target itself or is served by it.',
  })
  path: LineageEdgeType[];

  @Field({ description: 'Through which models, in words.' })
  explanation: string;

  @Field(() => DeploymentEnvironment, { description: 'Where it runs.' })
  environment: DeploymentEnvironment;

  @Field(() => Criticality, { description: 'How much the business depends on it.' })
  criticality: Criticality;

  @Field(() => [SubstituteType], {
    description: `Up to 5 registered models that avoid the target on every relation, closest first; empty when none qualifies.`,
  })
  substitutes: SubstituteType[];
}

@ObjectType('CriticalityCount', { description: 'A number of deployments of one criticality.' })
export class CriticalityCountType {
  @Field(() => Criticality, { description: 'The criticality.' })
  criticality: Criticality;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

@ObjectType('CutOffScenario', { description: 'If the target goes away: what breaks, and what each broken deployment could switch to.' })
export class CutOffScenarioType {
  @Field({ description: 'What was cut off, in words.' })
  target: string;

  @Field(() => [ID], { description: 'The nodes the target stands for (an organization or country stands for many).' })
  rootIds: string[];

  @Field(() => [CutOffDeploymentType], { description: 'Affected deployments in scope, most critical first (then by id), at most `first`.' })
  deployments: CutOffDeploymentType[];

  @Field(() => Int, { description: 'Affected deployments in scope, listed or not.' })
  affectedDeploymentCount: number;

  @Field(() => [CriticalityCountType], {
    description: 'Affected deployments in scope with no substitute, per criticality, most critical first (listed or not).',
  })
  withoutSubstitute: CriticalityCountType[];

  @Field(() => Float, { description: 'The size window used for substitutes.' })
  parameterRange: number;

  @Field({ description: 'True if a lineage walk hit its depth limit (100): some affected nodes, and so some excluded substitutes, may be missing.' })
  truncated: boolean;
}
