import { Evidence } from '@pedigree/core';

export enum DeploymentEnvironment {
  PRODUCTION = 'PRODUCTION',
  STAGING = 'STAGING',
  DEVELOPMENT = 'DEVELOPMENT',
  TEST = 'TEST',
  RESEARCH = 'RESEARCH',
  /** Imported without knowing how it is used; never counted as PRODUCTION. */
  UNKNOWN = 'UNKNOWN',
}

export enum Criticality {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export interface DeploymentRecord {
  id: string;
  name: string;
  system: string;
  ownerTeam: string;
  /** The organization that runs it; null when not recorded. */
  ownerId: string | null;
  environment: DeploymentEnvironment;
  criticality: Criticality;
  /** The checkpoint it runs, or the (API) model it calls. */
  nodeId: string;
  /** Who serves it; null when the owner hosts it. */
  inferenceProviderId: string | null;
  region: string | null;
  country: string | null;
  tags: string[];
  /** What the deployment does, e.g. `chat`: lower-case, deduplicated, sorted; empty when not stated. */
  tasks: string[];
  evidence: Evidence;
  createdAt: Date;
}

export interface DeploymentFilter {
  ownerTeam?: string | null;
  environment?: DeploymentEnvironment | null;
  tag?: string | null;
  /** Leave out deployments carrying any of these tags (e.g. `imported:ecosystem-graphs`). */
  excludeTags?: string[] | null;
  /** Deployments of models published by this organization (or those it owns), or served by it. */
  organizationId?: string | null;
}
