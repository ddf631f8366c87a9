import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';
import { NodeRefInput } from '@pedigree/lineage';
import { Criticality, DeploymentEnvironment } from './deployment.record';

registerEnumType(DeploymentEnvironment, {
  name: 'DeploymentEnvironment',
  description: 'Where in the delivery pipeline a deployment runs.',
  valuesMap: {
    PRODUCTION: { description: 'Serving real users.' },
    STAGING: { description: 'Pre-production.' },
    DEVELOPMENT: { description: 'Development.' },
    TEST: { description: 'Automated or manual testing.' },
    RESEARCH: { description: 'Experiments and evaluation.' },
    UNKNOWN: { description: 'Not known: e.g. an application an import learned of, not one of your own deployments.' },
  },
});
registerEnumType(Criticality, {
  name: 'Criticality',
  description: 'How much the business depends on a deployment.',
  valuesMap: {
    LOW: { description: 'Losing it is an inconvenience.' },
    MEDIUM: { description: 'Losing it degrades a service.' },
    HIGH: { description: 'Losing it stops a service.' },
    CRITICAL: { description: 'Losing it stops the business or breaks a legal duty.' },
  },
});

@ObjectType('Deployment', { description: 'A consumer system that uses a checkpoint, or calls a model through an API.' })
export class DeploymentType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field({ description: 'Unique name, e.g. `claims-assistant/prod`.' })
  name: string;

  @Field({ description: 'The consuming system or application.' })
  system: string;

  @Field({ description: 'Team that owns the system.' })
  ownerTeam: string;

  @Field(() => DeploymentEnvironment, { description: 'Production, staging, ...' })
  environment: DeploymentEnvironment;

  @Field(() => Criticality, { description: 'How much the business depends on it.' })
  criticality: Criticality;

  @Field(() => String, { nullable: true, description: 'Region where it is served, e.g. `eu-west-3`.' })
  region: string | null;

  @Field(() => String, { nullable: true, description: 'Country where it is served (ISO alpha-2).' })
  country: string | null;

  @Field(() => [String], { description: 'Free-form tags for portfolio filters.' })
  tags: string[];

  @Field(() => [String], { description: 'What the deployment does, as lower-case task tags (e.g. `chat`), sorted; empty when not stated.' })
  tasks: string[];

  @Field(() => EvidenceType, { description: 'Support for the registration.' })
  evidence: EvidenceType;

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  createdAt: Date;
}

@InputType({ description: 'Register a deployment. Same name and values returns the existing one.' })
export class RegisterDeploymentInput {
  @Field({ description: 'Unique name: lower-case letters, digits, `.`, `_`, `/`, `-`.' })
  name: string;

  @Field({ description: 'The consuming system or application.' })
  system: string;

  @Field({ description: 'Team that owns it.' })
  ownerTeam: string;

  @Field({
    nullable: true,
    description:
      'Organization (slug, alias or display name) that runs the deployment. Required with a PIPELINE token scoped to organizations, and must be inside its scope.',
  })
  owner?: string;

  @Field(() => DeploymentEnvironment, { description: 'Where it runs.' })
  environment: DeploymentEnvironment;

  @Field(() => Criticality, { description: 'How much the business depends on it.' })
  criticality: Criticality;

  @Field(() => NodeRefInput, { description: 'The checkpoint it runs, or the model it calls through an API.' })
  uses: NodeRefInput;

  @Field({ nullable: true, description: 'Organization (slug, alias or display name) that serves it; omit when self-hosted.' })
  inferenceProvider?: string;

  @Field({ nullable: true, description: 'Serving region.' })
  region?: string;

  @Field({ nullable: true, description: 'Serving country. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  country?: string;

  @Field(() => [String], { nullable: true, description: 'Tags for portfolio filters.' })
  tags?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Task tags, e.g. `["chat"]`: lower-cased, deduplicated and sorted. Cut-off scenarios offer substitutes sharing one of them.',
  })
  tasks?: string[];

  @Field(() => EvidenceInput, { nullable: true, description: 'Defaults to a PIPELINE_DECLARATION by `recordedBy`.' })
  evidence?: EvidenceInput;

  @Field({ nullable: true, description: 'Who records it. Defaults to "api".' })
  recordedBy?: string;
}

@InputType({ description: 'Selects deployments. All given filters must match.' })
export class DeploymentFilterInput {
  @Field({ nullable: true, description: 'Owning team.' })
  ownerTeam?: string;

  @Field(() => DeploymentEnvironment, { nullable: true, description: 'Environment.' })
  environment?: DeploymentEnvironment;

  @Field({ nullable: true, description: 'A tag.' })
  tag?: string;

  @Field(() => [String], { nullable: true, description: 'Leave out deployments carrying any of these tags, e.g. `["imported:ecosystem-graphs"]`.' })
  excludeTags?: string[];

  @Field({ nullable: true, description: 'Organization (slug, alias or display name) that publishes the deployed model, or serves it; includes what it owns.' })
  organization?: string;
}
