import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegisterCheckpointInput, RegisterDatasetInput, RegisterLicenseInput, RegisterModelInput, RegisterOrganizationInput } from '@pedigree/catalog';
import { RegisterDeploymentInput } from '@pedigree/deployment';
import { AssertLineageInput } from '@pedigree/lineage';
import { PlanItemKind, PlanOutcome } from './plan-item';

registerEnumType(PlanItemKind, {
  name: 'PlanItemKind',
  description: 'What one plan item registers.',
  valuesMap: {
    ORGANIZATION: { description: 'registerOrganization' },
    LICENSE: { description: 'registerLicense' },
    MODEL: { description: 'registerModel' },
    DATASET: { description: 'registerDataset' },
    CHECKPOINT: { description: 'registerCheckpoint' },
    EDGE: { description: 'assertLineage' },
    DEPLOYMENT: { description: 'registerDeployment' },
  },
});
registerEnumType(PlanOutcome, {
  name: 'PlanOutcome',
  description: 'What became of one plan item.',
  valuesMap: {
    CREATED: { description: 'Written by this plan (or, in a dry run or a refused plan, would have been).' },
    ALREADY_PRESENT: {
      description: 'Already registered with the same values (or, for `ifAbsent` and `keepExisting` items, with others, which were kept): nothing written.',
    },
    CONFLICT: { description: 'Already registered with other values; `fields` names them. The plan is not applied.' },
    REFUSED: { description: 'Refused; `code` and `message` say why (NOT_FOUND, FORBIDDEN, CYCLE, INVALID_INPUT, …). The plan is not applied.' },
  },
});

@InputType({ description: 'One registration of a plan. Give exactly one of the record fields.' })
export class PlanItemInput {
  @Field(() => RegisterOrganizationInput, { nullable: true, description: 'An organization (needs REFERENCE_WRITE).' })
  organization?: RegisterOrganizationInput;

  @Field(() => RegisterLicenseInput, { nullable: true, description: 'A custom license (needs REFERENCE_WRITE).' })
  license?: RegisterLicenseInput;

  @Field(() => RegisterModelInput, { nullable: true, description: 'A model.' })
  model?: RegisterModelInput;

  @Field(() => RegisterDatasetInput, { nullable: true, description: 'A dataset.' })
  dataset?: RegisterDatasetInput;

  @Field(() => RegisterCheckpointInput, { nullable: true, description: 'A checkpoint.' })
  checkpoint?: RegisterCheckpointInput;

  @Field(() => AssertLineageInput, { nullable: true, description: 'A lineage edge between nodes that exist, or that earlier items of this plan create.' })
  edge?: AssertLineageInput;

  @Field(() => RegisterDeploymentInput, { nullable: true, description: 'A deployment (needs DEPLOYMENT_WRITE).' })
  deployment?: RegisterDeploymentInput;

  // Nullable: graphql-jit does not apply an input field's default when the value comes in a variable.
  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'Register only if nothing of that name (slug, key, name or digest) exists yet, whatever its values: for a placeholder of something a card only refers to.',
  })
  ifAbsent?: boolean;

  // Nullable: graphql-jit does not apply an input field's default when the value comes in a variable.
  @Field({
    nullable: true,
    defaultValue: false,
    description: 'If a record of that name exists with other values, keep it (ALREADY_PRESENT, with the differing `fields`) instead of failing the plan.',
  })
  keepExisting?: boolean;

  // Nullable: graphql-jit does not apply an input field's default when the value comes in a variable.
  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'For an edge from a dataset of others (ecosystem-graphs, a foreign BOM): if the registry refuses it as a CYCLE, report it and go on instead of failing the plan.',
  })
  tolerateCycle?: boolean;

  @Field({ nullable: true, description: 'A label for the report, e.g. the source line; defaults to the kind and key.' })
  label?: string;
}

@InputType({ description: 'A whole registration (one card, BOM or import batch), applied all or nothing.' })
export class ApplyPlanInput {
  @Field(() => [PlanItemInput], {
    description: 'The items, in dependency order (organizations and licenses first, then models, datasets, checkpoints, edges, deployments).',
  })
  items: PlanItemInput[];

  // Nullable: graphql-jit does not apply an input field's default when the value comes in a variable.
  @Field({ nullable: true, defaultValue: false, description: 'Check every item and report, but write nothing.' })
  dryRun?: boolean;
}

@ObjectType('PlanItemResult', { description: 'The outcome of one plan item.' })
export class PlanItemResultType {
  @Field(() => Int, { description: 'Position of the item in the plan, from 0.' })
  index: number;

  @Field(() => PlanItemKind, { description: 'What the item registers.' })
  kind: PlanItemKind;

  @Field({ description: 'Its natural key: slug, license key, name, digest, or `derived -[RELATION]-> source`.' })
  key: string;

  @Field({ description: 'The label given, or kind and key.' })
  label: string;

  @Field(() => PlanOutcome, { description: 'What became of it.' })
  outcome: PlanOutcome;

  @Field(() => ID, { nullable: true, description: 'Registry id of the record (for CREATED, in a dry run only until the rollback).' })
  id: string | null;

  @Field(() => String, { nullable: true, description: 'For REFUSED and CONFLICT: the error code.' })
  code: string | null;

  @Field(() => String, { nullable: true, description: 'For REFUSED and CONFLICT: why, naming the field.' })
  message: string | null;

  @Field(() => String, { nullable: true, description: 'For REFUSED: the offending input field, e.g. `input.lineage[0].source.model`.' })
  field: string | null;

  @Field(() => [String], { description: 'For CONFLICT (and kept existing records): the fields whose values differ.' })
  fields: string[];

  @Field(() => [String], { description: 'For NOT_FOUND references: up to 3 close matches registered under similar names.' })
  suggestions: string[];

  @Field(() => [String], { description: 'For CYCLE: the names along the loop the edge would close.' })
  cyclePath: string[];

  @Field({ description: 'True for a CYCLE refusal the item tolerates (`tolerateCycle`): reported, but it does not stop the plan.' })
  tolerated: boolean;
}

@ObjectType('PlanKindTotals', { description: 'Outcomes counted for one item kind.' })
export class PlanKindTotalsType {
  @Field(() => PlanItemKind, { description: 'The item kind.' })
  kind: PlanItemKind;

  @Field(() => Int, { description: 'Items created (or that would be).' })
  created: number;

  @Field(() => Int, { description: 'Items already present.' })
  alreadyPresent: number;

  @Field(() => Int, { description: 'Items in conflict.' })
  conflict: number;

  @Field(() => Int, { description: 'Items refused.' })
  refused: number;
}

@ObjectType('PlanReport', { description: 'The report of a plan: each item, totals per kind, and whether it was written.' })
export class PlanReportType {
  @Field({
    description: 'True when everything was written (committed). False for a dry run, or when any item is CONFLICT or REFUSED: then nothing was written at all.',
  })
  applied: boolean;

  @Field({ description: 'Whether this was a dry run.' })
  dryRun: boolean;

  @Field(() => [PlanItemResultType], { description: 'One result per item, in plan order.' })
  items: PlanItemResultType[];

  @Field(() => [PlanKindTotalsType], { description: 'Outcomes per item kind, for kinds the plan holds.' })
  totals: PlanKindTotalsType[];
}
