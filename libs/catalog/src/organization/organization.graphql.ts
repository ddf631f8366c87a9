import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';
import { OrganizationKind } from './organization.record';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What sort of organization publishes, owns or operates.',
  valuesMap: {
    COMPANY: { description: 'A for-profit company.' },
    ACADEMIC: { description: 'A university or research institute.' },
    GOVERNMENT: { description: 'A government body or state-owned institute.' },
    NONPROFIT: { description: 'A non-profit foundation.' },
    COMMUNITY: { description: 'An open community or collective.' },
    INDIVIDUAL: { description: 'A single person.' },
  },
});

@ObjectType('Organization', { description: 'A publisher, owner, compute provider or operator, with its country and ownership.' })
export class OrganizationType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field({ description: 'Stable short name, e.g. `meta`.' })
  slug: string;

  @Field({ description: 'Legal or common name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of the organization itself; null when unknown.' })
  country: string | null;

  @Field(() => OrganizationKind, { description: 'Company, academic, government, ...' })
  kind: OrganizationKind;

  @Field(() => EvidenceType, { description: 'Support for the country and ownership claims.' })
  evidence: EvidenceType;
}

@InputType({ description: 'Register an organization. Same slug and same values returns the existing one.' })
export class RegisterOrganizationInput {
  @Field({ description: 'Lower-case short name, e.g. `meta`.' })
  slug: string;

  @Field({ description: 'Legal or common name.' })
  name: string;

  @Field({
    nullable: true,
    description:
      'The country, stored as its ISO 3166-1 alpha-2 code, e.g. `US`. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`). Omit when unknown.',
  })
  country?: string;

  @Field(() => OrganizationKind, { description: 'What sort of organization it is.' })
  kind: OrganizationKind;

  @Field({
    nullable: true,
    description: 'Slug or alias of an organization that owns all of it: shorthand for a 100 % stake (`recordOwnershipStake`) recorded with this registration.',
  })
  parent?: string;

  @Field(() => [String], { nullable: true, description: 'Other names it publishes under, e.g. Hugging Face namespaces (`meta-llama`).' })
  aliases?: string[];

  @Field(() => EvidenceInput, { description: 'Support for the country and ownership claims.' })
  evidence: EvidenceInput;
}
