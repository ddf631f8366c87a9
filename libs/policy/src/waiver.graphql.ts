import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { NodeRefInput } from '@pedigree/lineage';

@InputType('WaiverSubjectInput', { description: 'What a waiver covers: exactly one.' })
export class WaiverSubjectInput {
  @Field(() => NodeRefInput, { nullable: true, description: 'A model (with its checkpoints), checkpoint or dataset.' })
  node?: NodeRefInput;
  @Field({ nullable: true, description: 'A deployment name.' })
  deployment?: string;
  @Field({ nullable: true, description: 'An organization (slug, alias or name): every subject published (a deployment: owned) by it or one it controls.' })
  organization?: string;
}

@InputType('GrantWaiverInput', { description: 'Accept one policy violation for one subject until an expiry.' })
export class GrantWaiverInput {
  @Field({ description: 'Policy key.' })
  policy: string;
  @Field(() => WaiverSubjectInput, { description: 'What it covers.' })
  subject: WaiverSubjectInput;
  @Field({ description: 'Why the violation is accepted.' })
  justification: string;
  @Field({ description: 'Who approved it, e.g. `legal@example.com`.' })
  approver: string;
  @Field({ nullable: true, description: 'The approval record (ticket, memo URL).' })
  documentRef?: string;
  @Field(() => GraphQLISODateTime, { description: 'When it stops covering; required, at most PEDIGREE_WAIVER_MAX_DAYS (365) days away.' })
  expiresAt: Date;
}

@ObjectType('PolicyWaiver', { description: 'A granted waiver. It covers while not revoked and not expired; the violation reopens at expiry on its own.' })
export class WaiverType {
  @Field(() => ID, { description: 'Waiver id.' })
  id: string;
  @Field({ description: 'Policy key.' })
  policyKey: string;
  @Field(() => ID, { nullable: true, description: 'The node covered.' })
  nodeId: string | null;
  @Field(() => ID, { nullable: true, description: 'The deployment covered.' })
  deploymentId: string | null;
  @Field(() => ID, { nullable: true, description: 'The organization whose subtree is covered.' })
  organizationId: string | null;
  @Field({ description: 'Why it was granted.' })
  justification: string;
  @Field({ description: 'Who approved it.' })
  approver: string;
  @Field(() => String, { nullable: true, description: 'The approval record.' })
  documentRef: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it stops covering.' })
  expiresAt: Date;
  @Field(() => GraphQLISODateTime, { description: 'When it was granted.' })
  grantedAt: Date;
  @Field({ description: 'Who recorded it.' })
  grantedBy: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was revoked.' })
  revokedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who revoked it.' })
  revokedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason: string | null;
  @Field({ description: 'Covers now: not revoked, not expired.' })
  active: boolean;
}
