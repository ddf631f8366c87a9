export enum PolicyEffect {
  /** Refuses the write at a gate. */
  DENY = 'DENY',
  /** Records a violation and lets the write through. */
  WARN = 'WARN',
}

export enum PolicySeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** What a condition that fails to evaluate counts as. */
export enum PolicyOnError {
  /** A violation with the policy's effect (the default: a gate fails closed). */
  DENY = 'DENY',
  /** A WARN violation, whatever the policy's effect. */
  WARN = 'WARN',
  /** No violation; the failure is still recorded on the evaluation. */
  IGNORE = 'IGNORE',
}

export enum ViolationStatus {
  OPEN = 'OPEN',
  WAIVED = 'WAIVED',
  RESOLVED = 'RESOLVED',
}

export enum PolicySubjectKind {
  MODEL = 'MODEL',
  CHECKPOINT = 'CHECKPOINT',
  DATASET = 'DATASET',
  DEPLOYMENT = 'DEPLOYMENT',
}

export interface PolicyScope {
  /** Empty: every kind. */
  subjects: PolicySubjectKind[];
  /** A deployment's environment, or for a node, the environment of any deployment that runs it. Empty: any. */
  environments: string[];
  tags: string[];
  ownerTeams: string[];
  /** Subjects whose publisher (a deployment: its owner) is in this organization's ownership subtree. */
  organizationId: string | null;
}

export interface PolicyVersionRecord {
  policyId: string;
  key: string;
  version: number;
  name: string;
  description: string;
  documentRef: string | null;
  scope: PolicyScope;
  condition: string;
  effect: PolicyEffect;
  severity: PolicySeverity;
  onError: PolicyOnError;
  enabled: boolean;
  pack: string | null;
  recordedAt: Date;
  recordedBy: string;
}

/** An ancestor that made a condition true, with the shortest path from the subject. */
export interface PolicyMatch {
  nodeId: string;
  name: string;
  depth: number;
  /** Edge ids, subject end first. */
  pathEdgeIds: string[];
  /** E.g. `acme/bot —FINETUNE→ deepseek-ai/DeepSeek-R1`. */
  path: string;
}

/** The outcome of one policy on one subject, before it is stored. */
export interface PolicyFinding {
  policyId: string;
  key: string;
  version: number;
  name: string;
  severity: PolicySeverity;
  /** The effect this finding has: the policy's, or WARN/DENY from onError. */
  effect: PolicyEffect;
  message: string;
  matches: PolicyMatch[];
  /** Set when the condition failed to evaluate. */
  evaluationError: string | null;
  documentRef: string | null;
}

export interface ViolationRecord {
  id: string;
  policyId: string;
  policyKey: string;
  policyVersion: number;
  policyName: string;
  severity: PolicySeverity;
  effect: PolicyEffect;
  nodeId: string | null;
  deploymentId: string | null;
  status: ViolationStatus;
  waiverId: string | null;
  message: string;
  matches: PolicyMatch[];
  evaluationError: string | null;
  firstSeenAt: Date;
  lastEvaluatedAt: Date;
  resolvedAt: Date | null;
}

export interface WaiverRecord {
  id: string;
  policyId: string;
  policyKey: string;
  nodeId: string | null;
  deploymentId: string | null;
  organizationId: string | null;
  justification: string;
  approver: string;
  documentRef: string | null;
  expiresAt: Date;
  grantedAt: Date;
  grantedBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
