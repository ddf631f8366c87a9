import { ExposureKind } from '../rules/exposure-kind';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeploymentEnvironment } from '@pedigree/deployment';
import { FailureKind } from '../rules/portfolio.rules';
import { PortfolioScope } from './portfolio.service';

registerEnumType(PortfolioScope, {
  name: 'PortfolioScope',
  description: 'What a portfolio counts.',
  valuesMap: { DEPLOYMENTS: { description: 'Deployed systems (what is in use).' }, MODELS: { description: 'Registered models.' } },
});
registerEnumType(FailureKind, {
  name: 'FailureKind',
  description: 'What kind of single point of failure.',
  valuesMap: {
    VENDOR: { description: 'An organization (rolled up to its ultimate parent).' },
    BASE_MODEL: { description: 'A model on every weight path, or an API model called directly.' },
    COUNTRY: { description: 'A country on every weight path, or where members are served.' },
  },
});

@InputType({ description: 'Selects portfolio members. Owner, environment and tag apply to deployments only.' })
export class PortfolioFilterInput {
  @Field(() => PortfolioScope, { nullable: true, description: 'DEPLOYMENTS (default) or MODELS.' })
  scope?: PortfolioScope;

  @Field({ nullable: true, description: 'Owning team.' })
  ownerTeam?: string;

  @Field(() => DeploymentEnvironment, { nullable: true, description: 'Environment.' })
  environment?: DeploymentEnvironment;

  @Field({ nullable: true, description: 'A deployment tag.' })
  tag?: string;

  @Field(() => [String], { nullable: true, description: 'Leave out deployments carrying any of these tags, e.g. `["imported:ecosystem-graphs"]`.' })
  excludeTags?: string[];

  @Field({
    nullable: true,
    description: 'Organization (slug, alias or display name): publisher of the model, or server of the deployment; includes what it owns.',
  })
  organization?: string;
}

@ObjectType('Share', { description: 'How many members one key accounts for.' })
export class ShareType {
  @Field(() => ID, { nullable: true, description: 'Country code or organization id; null for unknown.' })
  key: string | null;

  @Field({ description: 'Human-readable name of the key.' })
  label: string;

  @Field(() => Float, { description: 'Members (fractional where a member splits between several keys, as in merges).' })
  count: number;

  @Field(() => Float, { description: 'count / memberCount, from 0 to 1.' })
  share: number;
}

@ObjectType('Concentration', { description: 'How concentrated a dependency is.' })
export class ConcentrationType {
  @Field(() => Float, { description: 'Herfindahl–Hirschman index, 0 to 10,000; above 2,500 is highly concentrated.' })
  hhi: number;

  @Field(() => [ShareType], { description: 'The shares it is computed from, largest first.' })
  shares: ShareType[];
}

@ObjectType('SinglePointOfFailure', { description: 'A vendor, model or country that would take members down, with no way around it.' })
export class SinglePointOfFailureType extends ShareType {
  @Field(() => FailureKind, { description: 'Vendor, base model or country.' })
  kind: FailureKind;

  @Field(() => [ID], { description: 'Up to five affected member ids (deployment or model ids).' })
  memberIds: string[];
}

@ObjectType('PortfolioKindShares', { description: 'Members exposed to each country and vendor through one kind of dependency.' })
export class PortfolioKindSharesType {
  @Field(() => ExposureKind, { description: 'WEIGHTS, DISTILLATION, TRAINING_DATA, COMPUTE, SERVING, OWNERSHIP, …' })
  kind: ExposureKind;

  @Field(() => [ShareType], { description: 'Members exposed to each country through this kind, largest first.' })
  countries: ShareType[];

  @Field(() => [ShareType], { description: 'Members exposed to each vendor through this kind, largest first.' })
  vendors: ShareType[];
}

@ObjectType('PortfolioExposure', { description: 'Country and vendor exposure across many deployments or models.' })
export class PortfolioExposureType {
  @Field(() => PortfolioScope, { description: 'What was counted.' })
  scope: PortfolioScope;

  @Field(() => Int, { description: 'Members matching the filter.' })
  memberCount: number;

  @Field(() => [ShareType], { description: 'Members exposed to each country, through any relation, compute, ownership, or where they are served.' })
  countries: ShareType[];

  @Field(() => [ShareType], { description: 'Members exposed to each vendor, through any relation, compute, ownership, or as their inference provider.' })
  vendors: ShareType[];

  @Field(() => [PortfolioKindSharesType], {
    description: 'The same shares separated by kind: weights, distillation, training data, compute, serving and ownership (kinds no member has are left out).',
  })
  byKind: PortfolioKindSharesType[];

  @Field(() => ConcentrationType, { description: 'Concentration of weight-root vendors (who trained the base weights).' })
  weightRootVendors: ConcentrationType;

  @Field(() => ConcentrationType, { nullable: true, description: 'Concentration of inference providers (self-hosted counts as one); null for models.' })
  inferenceProviders: ConcentrationType | null;

  @Field(() => [SinglePointOfFailureType], { description: 'Top single points of failure, most members first.' })
  singlePointsOfFailure: SinglePointOfFailureType[];
}
