import { DatasetKind, DatasetSizeRange, Evidence, NodeKind } from '@pedigree/core';

export interface DatasetRecord {
  id: string;
  kind: NodeKind.DATASET;
  name: string;
  publisherId: string;
  description: string | null;
  license: string | null;
  licenseIds: string[];
  countryOverride: string | null;
  countryEvidence: Evidence | null;
  /** The EU summary's facts (libs/core dataset-profile.ts), with their evidence. */
  sourceKind: DatasetKind | null;
  sizeRange: DatasetSizeRange | null;
  topDomains: string[];
  profileEvidence: Evidence | null;
  evidence: Evidence;
  /** Registered only because something refers to it; complete it by registering it in full. */
  placeholder: boolean;
  createdAt: Date;
}
