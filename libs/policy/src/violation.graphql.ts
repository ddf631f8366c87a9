import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@pedigree/graphql-common';
import { PolicyMatchType } from './policy.graphql';
import { PolicyEffect, PolicySeverity, ViolationStatus } from './policy.record';

@ObjectType('PolicyViolation', { description: 'A policy a subject violates or violated; its status moves with the facts and waivers.' })
export class PolicyViolationType {
  @Field(() => ID, { description: 'Violation id.' })
  id: string;
  @Field({ description: 'Policy key.' })
  policyKey: string;
  @Field(() => Int, { description: 'Policy version last evaluated.' })
  policyVersion: number;
  @Field({ description: 'Policy name.' })
  policyName: string;
  @Field(() => PolicySeverity, { description: 'Severity.' })
  severity: PolicySeverity;
  @Field(() => PolicyEffect, { description: 'The policy effect.' })
  effect: PolicyEffect;
  @Field(() => ID, { nullable: true, description: 'The model, checkpoint or dataset, when the subject is a node.' })
  nodeId: string | null;
  @Field(() => ID, { nullable: true, description: 'The deployment, when the subject is one.' })
  deploymentId: string | null;
  @Field(() => ViolationStatus, {
    description: 'OPEN, WAIVED (an active waiver covers it) or RESOLVED. A waiver that expired or was revoked counts as gone at once.',
  })
  status: ViolationStatus;
  @Field(() => ID, { nullable: true, description: 'The waiver that covers or covered it.' })
  waiverId: string | null;
  @Field({ description: 'The violation in words, with the paths.' })
  message: string;
  @Field(() => [PolicyMatchType], { description: 'Ancestors that made the condition true, nearest first.' })
  ancestors: PolicyMatchType[];
  @Field(() => String, { nullable: true, description: 'Set when the condition failed to evaluate.' })
  evaluationError: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was first seen (since it last opened).' })
  firstSeenAt: Date;
  @Field(() => GraphQLISODateTime, { description: 'When it was last evaluated.' })
  lastEvaluatedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was resolved.' })
  resolvedAt: Date | null;
}

export const PolicyViolationConnection = Connection(PolicyViolationType, 'PolicyViolation');

@InputType('PolicyViolationFilter', { description: 'Which violations to list; omitted fields match all.' })
export class PolicyViolationFilter {
  @Field(() => ViolationStatus, { nullable: true, description: 'Only this status.' })
  status?: ViolationStatus;
  @Field({ nullable: true, description: 'Only this policy (key).' })
  policy?: string;
  @Field(() => PolicySeverity, { nullable: true, description: 'Only this severity.' })
  severity?: PolicySeverity;
}

@ObjectType('PolicyReevaluationStatus', { description: 'Background re-evaluation progress across all instances.' })
export class PolicyReevaluationStatusType {
  @Field(() => Int, { description: 'Queued changes not yet expanded into subjects.' })
  pendingChanges: number;
  @Field(() => Int, { description: 'Subjects waiting to be re-evaluated.' })
  pendingSubjects: number;
}
