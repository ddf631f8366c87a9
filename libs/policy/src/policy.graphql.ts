import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegisterCheckpointInput, RegisterDatasetInput, RegisterModelInput } from '@pedigree/catalog';
import { DeploymentEnvironment, RegisterDeploymentInput } from '@pedigree/deployment';
import { AssertLineageInput, NodeRefInput } from '@pedigree/lineage';
import { ApplyPlanInput, PlanReportType } from '@pedigree/plan';
import { PolicyOutcome } from './policy-gate.service';
import { PolicyEffect, PolicyOnError, PolicySeverity, PolicySubjectKind, ViolationStatus } from './policy.record';

registerEnumType(PolicyEffect, {
  name: 'PolicyEffect',
  description: 'What a violated policy does at a registration gate.',
  valuesMap: {
    DENY: { description: 'Refuse the write (POLICY_VIOLATION); nothing is written.' },
    WARN: { description: 'Let the write through and record the violation.' },
  },
});
registerEnumType(PolicySeverity, {
  name: 'PolicySeverity',
  description: 'How serious a violation is.',
  valuesMap: {
    LOW: { description: 'Low.' },
    MEDIUM: { description: 'Medium.' },
    HIGH: { description: 'High.' },
    CRITICAL: { description: 'Critical: listed first.' },
  },
});
registerEnumType(PolicyOnError, {
  name: 'PolicyOnError',
  description: 'What a condition that fails to evaluate counts as.',
  valuesMap: {
    DENY: { description: 'A violation with the policy effect (gates fail closed). The default.' },
    WARN: { description: 'A WARN violation.' },
    IGNORE: { description: 'No violation.' },
  },
});
registerEnumType(PolicySubjectKind, {
  name: 'PolicySubjectKind',
  description: 'What a policy can judge.',
  valuesMap: {
    MODEL: { description: 'A model.' },
    CHECKPOINT: { description: 'A checkpoint.' },
    DATASET: { description: 'A dataset.' },
    DEPLOYMENT: { description: 'A deployment.' },
  },
});
registerEnumType(ViolationStatus, {
  name: 'ViolationStatus',
  description: 'Where a violation stands.',
  valuesMap: {
    OPEN: { description: 'Violated, no waiver.' },
    WAIVED: { description: 'Violated under an active waiver.' },
    RESOLVED: { description: 'No longer violated (or the policy no longer applies).' },
  },
});
registerEnumType(PolicyOutcome, {
  name: 'PolicyOutcome',
  description: 'What the gates would do with a registration.',
  valuesMap: {
    ALLOW: { description: 'No finding, or only waived ones.' },
    WARN: { description: 'It lands, with violations recorded.' },
    DENY: { description: 'Refused with POLICY_VIOLATION.' },
  },
});

@InputType('PolicyScopeInput', { description: 'Which subjects a policy judges; every list left empty matches everything.' })
export class PolicyScopeInput {
  @Field(() => [PolicySubjectKind], { nullable: true, description: 'Subject kinds; empty: all.' })
  subjects?: PolicySubjectKind[];
  @Field(() => [DeploymentEnvironment], { nullable: true, description: 'A deployment environment, or for a node, that of any deployment running it.' })
  environments?: DeploymentEnvironment[];
  @Field(() => [String], { nullable: true, description: 'Deployment tags (a node: of any deployment running it).' })
  tags?: string[];
  @Field(() => [String], { nullable: true, description: 'Deployment owner teams (a node: of any deployment running it).' })
  ownerTeams?: string[];
  @Field({ nullable: true, description: 'Organization (slug, alias or name) whose ownership subtree holds the publisher (a deployment: its owner).' })
  organization?: string;
}

@InputType('DefinePolicyInput', { description: 'A policy, or a new version of one: an edit never overwrites the previous version.' })
export class DefinePolicyInput {
  @Field({ description: 'Stable key: lower-case letters, digits, `.`, `_`, `/`, `-`, e.g. `no-cn-weights-in-production`.' })
  key: string;
  @Field({ description: 'Short human name.' })
  name: string;
  @Field({ description: 'What the rule is for, in words.' })
  description: string;
  @Field({ nullable: true, description: 'The rule source cited (law, directive, contract clause), a URL or document reference.' })
  documentRef?: string;
  @Field(() => PolicyScopeInput, { nullable: true, description: 'Which subjects it judges; omitted: all.' })
  scope?: PolicyScopeInput;
  @Field({ description: 'A CEL expression over `subject`, `ancestors`, `dependencies`, `deployments` and `rollups` (docs/policies.md); true means violated.' })
  condition: string;
  @Field(() => PolicyEffect, { description: 'DENY refuses writes at the gates; WARN records the violation.' })
  effect: PolicyEffect;
  @Field(() => PolicySeverity, { description: 'How serious a violation is.' })
  severity: PolicySeverity;
  @Field(() => PolicyOnError, { nullable: true, description: 'What an evaluation failure counts as. Default DENY.' })
  onError?: PolicyOnError;
  @Field({ nullable: true, description: 'Whether gates and re-evaluation apply it. Default true.' })
  enabled?: boolean;
}

@ObjectType('PolicyScope', { description: 'Which subjects a policy judges; an empty list matches everything.' })
export class PolicyScopeType {
  @Field(() => [PolicySubjectKind], { description: 'Subject kinds; empty: all.' })
  subjects: PolicySubjectKind[];
  @Field(() => [String], { description: 'Deployment environments.' })
  environments: string[];
  @Field(() => [String], { description: 'Deployment tags.' })
  tags: string[];
  @Field(() => [String], { description: 'Deployment owner teams.' })
  ownerTeams: string[];
  @Field(() => ID, { nullable: true, description: 'Organization whose ownership subtree holds the subject publisher.' })
  organizationId: string | null;
}

@ObjectType('Policy', { description: 'One version of a policy (the newest, unless listed in `versions`).' })
export class PolicyType {
  @Field({ description: 'Stable key.' })
  key: string;
  @Field(() => Int, { description: 'Version number, from 1; every edit adds one.' })
  version: number;
  @Field({ description: 'Short human name.' })
  name: string;
  @Field({ description: 'What the rule is for.' })
  description: string;
  @Field(() => String, { nullable: true, description: 'The cited source of the rule.' })
  documentRef: string | null;
  @Field(() => PolicyScopeType, { description: 'Which subjects it judges.' })
  scope: PolicyScopeType;
  @Field({ description: 'The CEL condition; true means violated.' })
  condition: string;
  @Field(() => PolicyEffect, { description: 'DENY or WARN.' })
  effect: PolicyEffect;
  @Field(() => PolicySeverity, { description: 'Severity.' })
  severity: PolicySeverity;
  @Field(() => PolicyOnError, { description: 'What an evaluation failure counts as.' })
  onError: PolicyOnError;
  @Field({ description: 'Whether it applies.' })
  enabled: boolean;
  @Field(() => String, { nullable: true, description: 'The policy pack it was loaded from, if any.' })
  pack: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When this version was recorded.' })
  recordedAt: Date;
  @Field({ description: 'Who recorded this version.' })
  recordedBy: string;
}

@ObjectType('PolicyMatch', { description: 'An ancestor that made a condition true, and how the subject reaches it.' })
export class PolicyMatchType {
  @Field(() => ID, { description: 'The ancestor node.' })
  nodeId: string;
  @Field({ description: 'Its name or digest.' })
  name: string;
  @Field(() => Int, { description: 'Edges from the subject (a deployment: the node it runs is at 1).' })
  depth: number;
  @Field({ description: 'The path in words, e.g. `acme/bot → FINETUNE → deepseek-ai/DeepSeek-R1 (DeepSeek, CN)`.' })
  path: string;
  @Field(() => [ID], { description: 'The path edge ids, subject end first.' })
  edgeIds: string[];
}

@ObjectType('PolicyFinding', { description: 'What one policy found on one subject at a gate or in a dry run.' })
export class PolicyFindingType {
  @Field({ description: 'Policy key.' })
  policy: string;
  @Field(() => Int, { description: 'Policy version evaluated.' })
  version: number;
  @Field({ description: 'Policy name.' })
  name: string;
  @Field(() => PolicySeverity, { description: 'Severity.' })
  severity: PolicySeverity;
  @Field(() => PolicyEffect, { description: 'The effect this finding has (an evaluation failure takes onError).' })
  effect: PolicyEffect;
  @Field({ description: 'The subject judged.' })
  subject: string;
  @Field({ description: 'The violation in words, with the paths that made the condition true.' })
  message: string;
  @Field({ description: 'Whether an active waiver covers it (then it does not refuse).' })
  waived: boolean;
  @Field(() => String, { nullable: true, description: 'Set when the condition failed to evaluate.' })
  evaluationError: string | null;
  @Field(() => String, { nullable: true, description: 'The cited source of the policy.' })
  documentRef: string | null;
  @Field(() => [PolicyMatchType], { description: 'Ancestors that made the condition true (at most 20), nearest first.' })
  ancestors: PolicyMatchType[];
}

@ObjectType('PolicyEvaluation', { description: 'A dry run of the gates: what they would do, with nothing written.' })
export class PolicyEvaluationType {
  @Field(() => PolicyOutcome, { description: 'DENY when an unwaived DENY finding exists; WARN when any unwaived finding does; else ALLOW.' })
  outcome: PolicyOutcome;
  @Field(() => [PolicyFindingType], { description: 'Every finding, most severe first.' })
  findings: PolicyFindingType[];
  @Field(() => PlanReportType, {
    nullable: true,
    description:
      'For a `plan` draft: its report. Items REFUSED or in CONFLICT for reasons other than policy (a missing reference, a conflicting record) show here: the plan as a whole would not be written.',
  })
  plan: PlanReportType | null;
}

@InputType('PolicyDraftInput', { description: 'A planned registration, exactly one field: the input its mutation would take.' })
export class PolicyDraftInput {
  @Field(() => RegisterModelInput, { nullable: true, description: 'As for registerModel.' })
  model?: RegisterModelInput;
  @Field(() => RegisterCheckpointInput, { nullable: true, description: 'As for registerCheckpoint.' })
  checkpoint?: RegisterCheckpointInput;
  @Field(() => RegisterDatasetInput, { nullable: true, description: 'As for registerDataset.' })
  dataset?: RegisterDatasetInput;
  @Field(() => RegisterDeploymentInput, { nullable: true, description: 'As for registerDeployment.' })
  deployment?: RegisterDeploymentInput;
  @Field(() => AssertLineageInput, { nullable: true, description: 'As for assertLineage.' })
  lineage?: AssertLineageInput;
  @Field(() => ApplyPlanInput, {
    nullable: true,
    description: 'As for applyPlan: every item is checked, with the findings of all of them (`pedigree register --check`).',
  })
  plan?: ApplyPlanInput;
}

@InputType('PolicySubjectInput', { description: 'A registered subject, exactly one of a node or a deployment.' })
export class PolicySubjectInput {
  @Field(() => NodeRefInput, { nullable: true, description: 'A model, checkpoint or dataset.' })
  node?: NodeRefInput;
  @Field({ nullable: true, description: 'A deployment name.' })
  deployment?: string;
}
