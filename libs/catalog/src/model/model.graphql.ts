import { Field, Float, ID, InputType, ObjectType, registerEnumType, GraphQLISODateTime } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';
import { LineageNodeType, LineageSourceInput } from '@pedigree/lineage';
import { NodeKind } from '@pedigree/core';
import { ModelAccess } from './model.record';
import { CountrySource } from '../origin/country-of-origin';

registerEnumType(ModelAccess, {
  name: 'ModelAccess',
  description: 'How the model can be used.',
  valuesMap: {
    OPEN_WEIGHTS: { description: 'Weights are downloadable.' },
    API_ONLY: { description: 'Only reachable through the vendor API; the vendor can throttle, cut off or change terms.' },
    CLOSED: { description: 'Neither weights nor a public API.' },
  },
});

registerEnumType(CountrySource, {
  name: 'CountrySource',
  description: 'Where a country of origin comes from.',
  valuesMap: {
    OVERRIDE: { description: 'Set explicitly on the record, with evidence.' },
    PUBLISHER: { description: "Derived from the publisher's ultimate parent organization." },
  },
});

@ObjectType('Model', { implements: () => [LineageNodeType], description: 'A named model (`namespace/name`), open or API-only.' })
export class ModelType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field(() => NodeKind, { description: 'Always MODEL.' })
  kind: NodeKind;

  @Field({ description: 'Hugging Face-style `namespace/name`.' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Normalized SPDX expression (may use `LicenseRef-` ids); null when unknown. With `asOf`, the license recorded then.',
  })
  license: string | null;

  @Field(() => EvidenceType, {
    nullable: true,
    description: 'Support for the license claim. With `asOf`, null when the license has changed since (the evidence of a replaced license is not kept).',
  })
  licenseEvidence: EvidenceType | null;

  @Field(() => ModelAccess, { description: 'Open weights, API-only or closed. With `asOf`, the access recorded then.' })
  access: ModelAccess;

  @Field(() => String, { nullable: true, description: 'E.g. text, multimodal, image. Present-only: `asOf` does not change it.' })
  modality: string | null;

  @Field(() => Float, { nullable: true, description: 'Number of parameters. Present-only: `asOf` does not change it.' })
  parameterCount: number | null;

  @Field(() => String, { nullable: true, description: 'Release date, YYYY-MM-DD. Present-only: `asOf` does not change it.' })
  releaseDate: string | null;

  @Field(() => [String], {
    description:
      'What the model is for, as lower-case task tags (e.g. `chat`, `code`), sorted; empty when not stated. Present-only: `asOf` does not change it.',
  })
  tasks: string[];

  @Field(() => EvidenceType, { description: 'Support for the registration as a whole. Present-only: `asOf` does not change it.' })
  evidence: EvidenceType;

  @Field({
    description:
      'True for a placeholder: registered only because something refers to it (a card, a BOM, a training run), with what was known then. Registering it in full completes it. List them with `filter: { placeholder: true }`. Present-only: `asOf` does not change it.',
  })
  placeholder: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When the registry recorded the model.' })
  createdAt: Date;
}

@InputType({ description: 'An explicit country of origin, replacing the one derived from the publisher.' })
export class CountryOverrideInput {
  @Field({ description: 'The country, stored as its ISO 3166-1 alpha-2 code. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  country: string;

  @Field(() => EvidenceInput, { description: 'Why this country applies.' })
  evidence: EvidenceInput;
}

@InputType({ description: 'Register a model, optionally with its model-level lineage. Same name and values returns the existing one.' })
export class RegisterModelInput {
  @Field({ description: '`namespace/name`, e.g. `acme/llama-3.1-8b-legal`.' })
  name: string;

  @Field({ nullable: true, description: 'Publisher slug, alias or display name. Defaults to the organization whose alias is the namespace.' })
  publisher?: string;

  @Field({ nullable: true, description: 'SPDX expression or registered `LicenseRef-…`. Omit when unknown.' })
  license?: string;

  @Field(() => EvidenceInput, { nullable: true, description: 'Support for the license claim. Defaults to `evidence`.' })
  licenseEvidence?: EvidenceInput;

  @Field(() => CountryOverrideInput, { nullable: true, description: 'Only when the publisher-derived country is wrong.' })
  countryOverride?: CountryOverrideInput;

  @Field(() => ModelAccess, { description: 'Open weights, API-only or closed.' })
  access: ModelAccess;

  @Field({ nullable: true, description: 'E.g. text, multimodal.' })
  modality?: string;

  @Field(() => Float, { nullable: true, description: 'Number of parameters.' })
  parameterCount?: number;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  releaseDate?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Task tags, e.g. `["chat", "code"]`: letters, digits and `-`, lower-cased, deduplicated and sorted. Cut-off scenarios match substitutes by task.',
  })
  tasks?: string[];

  @Field(() => [LineageSourceInput], { nullable: true, description: 'Bases, teachers and datasets of this model.' })
  lineage?: LineageSourceInput[];

  @Field({
    nullable: true,
    description: 'Register it as a placeholder: only because something refers to it. A later full registration completes it instead of being a CONFLICT.',
  })
  placeholder?: boolean;

  @Field(() => EvidenceInput, { description: 'Support for the registration; the default evidence of its lineage edges.' })
  evidence: EvidenceInput;

  @Field({ nullable: true, description: 'Who records it. Defaults to "api".' })
  recordedBy?: string;
}

@InputType({ description: 'Filters for browsing models. All given filters must match.' })
export class ModelFilterInput {
  @Field({
    nullable: true,
    description: 'Country of origin (override, else publisher ultimate parent). Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).',
  })
  country?: string;

  @Field({ nullable: true, description: 'Publisher slug, alias or display name; includes organizations it owns.' })
  organization?: string;

  @Field({ nullable: true, description: 'A license id appearing in the expression, e.g. `MIT` or `LicenseRef-llama3.1`.' })
  license?: string;

  @Field(() => ModelAccess, { nullable: true, description: 'Access kind.' })
  access?: ModelAccess;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name.' })
  search?: string;

  @Field({ nullable: true, description: 'Only placeholders (true) or only complete records (false).' })
  placeholder?: boolean;
}
