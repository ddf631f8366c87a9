import { Field, ObjectType } from '@nestjs/graphql';
import { PolicyType } from './policy.graphql';

@ObjectType('PolicyPackSource', { description: 'A public source a pack encodes.' })
export class PolicyPackSourceType {
  @Field({ description: 'Title of the source.' })
  title: string;
  @Field(() => String, { nullable: true, description: 'Who issued it.' })
  publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'Date of issue, YYYY-MM-DD.' })
  date?: string | null;
  @Field({ description: 'Where to read it.' })
  url: string;
}

@ObjectType('PolicyPackRule', { description: 'One rule of a pack, as shipped.' })
export class PolicyPackRuleType {
  @Field({ description: 'Policy key it defines.' })
  key: string;
  @Field({ description: 'Name.' })
  name: string;
  @Field({ description: 'What it encodes, and whether it is about a service, weights or derivatives.' })
  description: string;
  @Field({ description: 'The cited source of this rule.' })
  documentRef: string;
  @Field({ description: 'The CEL condition.' })
  condition: string;
}

@ObjectType('PolicyPack', { description: 'A shipped set of policy templates. Adapt before enabling: a pack is not legal advice.' })
export class PolicyPackType {
  @Field({ description: 'Pack key, for loadPolicyPack.' })
  key: string;
  @Field({ description: 'Name.' })
  name: string;
  @Field({ description: 'What it encodes.' })
  description: string;
  @Field(() => String, { nullable: true, description: 'Jurisdiction, e.g. AU.' })
  jurisdiction?: string | null;
  @Field(() => [PolicyPackSourceType], { description: 'The public sources it encodes.' })
  sources: PolicyPackSourceType[];
  @Field(() => [PolicyPackRuleType], { description: 'Its rules.' })
  policies: PolicyPackRuleType[];
}

@ObjectType('PolicyPackLoad', { description: 'The policies a pack load defined.' })
export class PolicyPackLoadType {
  @Field({ description: 'Pack key.' })
  pack: string;
  @Field(() => [PolicyType], { description: 'The policies this load defined, as now defined.' })
  policies: PolicyType[];
  @Field(() => [String], {
    description: 'Keys of pack policies that already existed and were left unchanged (pass `overwrite: true` to replace them with the template).',
  })
  skipped: string[];
}
