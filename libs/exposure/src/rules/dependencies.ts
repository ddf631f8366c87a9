import { EdgeRef } from '@pedigree/core';
import { OrgRef } from './ancestry-graph';
import { DependencyKind, ExposureKind } from './exposure-kind';

/** One link of an ownership chain, owner above owned. */
export interface OwnershipLink {
  stakeId: string;
  ownerId: string;
  ownerName: string;
  ownedId: string;
  ownedName: string;
  percentage: number;
}

/** A publisher's owner from another country, at or above the threshold. */
export interface ForeignOwner {
  owner: OrgRef;
  /** The owner rolled up to its ultimate controlling owner. */
  ownerVendor: OrgRef | null;
  country: string | null;
  percentage: number;
  /** The strongest chain of stakes from the owner down to the publisher. */
  chain: OwnershipLink[];
}

/** Who trained a node's weights and where. */
export interface ComputeUse {
  trainingRunId: string;
  provider: OrgRef | null;
  vendor: OrgRef | null;
  country: string | null;
  region: string | null;
}

/** Facts that attach dependencies to nodes, keyed by node id. */
export interface DependencyFacts {
  compute: ReadonlyMap<string, readonly ComputeUse[]>;
  owners: ReadonlyMap<string, readonly ForeignOwner[]>;
}

export const NO_DEPENDENCY_FACTS: DependencyFacts = { compute: new Map(), owners: new Map() };

/**
 * A dependency that is not a lineage edge but a fact about a node of the ancestry (or the subject
 * itself): who trained its weights, who owns its publisher, who serves it. It puts the subject in a
 * country and with a vendor as surely as an ancestor does, and is explained the same way: the
 * lineage path to the node it hangs on, then the fact.
 */
export interface AttachedDependency {
  kind: DependencyKind;
  nodeId: string;
  /** The provider or owner as recorded. */
  organization: OrgRef | null;
  /** The organization rolled up to its ultimate controlling owner: the vendor line it counts under. */
  vendor: OrgRef | null;
  country: string | null;
  /** The fact in words, appended to the path's sentence. */
  detail: string;
  trainingRunId: string | null;
  deploymentId: string | null;
  ownershipChain: OwnershipLink[];
}

export interface ExplainedDependency extends AttachedDependency {
  depth: number;
  path: EdgeRef[];
}

const pct = (x: number) => `${Math.round(x * 100) / 100} %`;
const named = (o: OrgRef | null) => (o ? `${o.name}${o.country ? ` (${o.country})` : ''}` : 'an unnamed provider');

export function computeDependency(nodeId: string, c: ComputeUse): AttachedDependency {
  const where = [c.region, c.country ?? 'country not stated'].filter(Boolean).join(', ');
  return {
    kind: ExposureKind.COMPUTE,
    nodeId,
    organization: c.provider,
    vendor: c.vendor,
    country: c.country,
    detail: `trained on ${named(c.provider)} compute, ${where}`,
    trainingRunId: c.trainingRunId,
    deploymentId: null,
    ownershipChain: [],
  };
}

export function ownershipDependency(nodeId: string, o: ForeignOwner): AttachedDependency {
  const chain = [...o.chain]
    .reverse()
    .map((l) => `${l.ownerName} owns ${pct(l.percentage)} of ${l.ownedName}`)
    .join(', ');
  return {
    kind: ExposureKind.OWNERSHIP,
    nodeId,
    organization: o.owner,
    vendor: o.ownerVendor ?? o.owner,
    country: o.country,
    detail: `publisher effectively ${pct(o.percentage)} owned by ${named({ ...o.owner, country: o.country })}: ${chain}`,
    trainingRunId: null,
    deploymentId: null,
    ownershipChain: o.chain,
  };
}

export function servingDependency(
  nodeId: string,
  d: { id: string; name: string; provider: OrgRef | null; vendor: OrgRef | null; country: string | null; region: string | null },
): AttachedDependency {
  const where = [d.region, d.country ?? 'serving country not stated'].filter(Boolean).join(', ');
  return {
    kind: ExposureKind.SERVING,
    nodeId,
    organization: d.provider,
    vendor: d.vendor,
    country: d.country,
    detail: `deployment ${d.name} served by ${d.provider ? named(d.provider) : 'itself (self-hosted)'}, ${where}`,
    trainingRunId: null,
    deploymentId: d.id,
    ownershipChain: [],
  };
}
