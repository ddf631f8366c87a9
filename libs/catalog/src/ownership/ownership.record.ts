import { Evidence } from '@pedigree/core';

/** A claim that one organization holds a share of another, with its evidence and, once withdrawn, its retraction. */
export interface OwnershipStakeRecord {
  id: string;
  ownerId: string;
  ownedId: string;
  /** Greater than 0, at most 100. */
  percentage: number;
  /** 'YYYY-MM-DD'; null: since always. */
  validFrom: string | null;
  /** 'YYYY-MM-DD', the first day the stake no longer holds; null: still holds. */
  validTo: string | null;
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
  retraction: OwnershipRetractionRecord | null;
}

export interface OwnershipRetractionRecord {
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
}

/** An organization as exposure reports it: `country` is its country of origin (rolled up along the controlling chain). */
export interface OwnershipOrgRef {
  id: string;
  slug: string;
  name: string;
  country: string | null;
}

export interface OwnershipChainLink {
  stakeId: string;
  ownerId: string;
  ownerName: string;
  ownedId: string;
  ownedName: string;
  percentage: number;
}

/** Who effectively owns an organization, through every chain of stakes: for the exposure lib. */
export interface EffectiveOwner {
  owner: OwnershipOrgRef;
  /** The owner's ultimate controlling owner (the owner itself when none holds over half of it). */
  ownerVendor: OwnershipOrgRef;
  /** Summed over simple paths of active stakes. */
  percentage: number;
  /** The strongest chain, from a stake in the organization asked about up to one held by the owner. */
  chain: OwnershipChainLink[];
}
