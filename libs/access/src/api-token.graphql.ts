import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@pedigree/core';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a token may do.',
  valuesMap: {
    ADMIN: { description: 'Everything, including tokens and signing.' },
    PIPELINE: {
      description:
        'Register models, datasets, checkpoints, training runs, lineage and deployments; read the catalog. May be limited to organizations or namespaces.',
    },
    AUDITOR: { description: 'Read everything: catalog, exposure, impact, portfolio, deployments, audit trail.' },
    READER: { description: 'Read the catalog and lineage.' },
  },
});

@ObjectType('ApiToken', { description: 'An API token. The secret itself is never shown again after creation.' })
export class ApiTokenType {
  @Field(() => ID, { description: 'Token id (for revocation and audit).' })
  id: string;

  @Field({ description: 'Person, team or pipeline that holds it.' })
  owner: string;

  @Field(() => Role, { description: 'What it may do.' })
  role: Role;

  @Field(() => [String], { description: 'For PIPELINE tokens: organizations (slugs) whose namespaces it may write.' })
  organizations: string[];

  @Field(() => [String], { description: 'For PIPELINE tokens: extra namespaces it may write. Both empty: unrestricted.' })
  namespaces: string[];

  @Field({ description: 'First characters of the token, to recognise it.' })
  tokenPrefix: string;

  @Field(() => GraphQLISODateTime, { description: 'Creation time.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last use (updated at most once a minute).' })
  lastUsedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Expiry; null for none.' })
  expiresAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Revocation time; null while active.' })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiToken', { description: 'A new token: copy `token` now, it is stored only as a hash.' })
export class CreatedApiTokenType {
  @Field({ description: 'The secret, `pdg_…`. Shown once.' })
  token: string;

  @Field(() => ApiTokenType, { description: 'Its record.' })
  apiToken: ApiTokenType;
}

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field({ description: 'Who will hold it.' })
  owner: string;

  @Field(() => Role, { description: 'What it may do.' })
  role: Role;

  @Field(() => [String], { nullable: true, description: 'PIPELINE only: organization slugs whose namespaces (slug and aliases) it may write.' })
  organizations?: string[];

  @Field(() => [String], { nullable: true, description: 'PIPELINE only: namespaces it may write, e.g. `acme`.' })
  namespaces?: string[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Expiry; omit for none.' })
  expiresAt?: Date;
}
