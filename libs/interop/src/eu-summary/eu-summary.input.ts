/**
 * What the registry knows about one model that the EU training-content summary can use, as plain
 * data (the CLI fills it from GraphQL). Everything optional is null when the registry does not
 * know it; the builder then asks the provider instead of guessing.
 */
export type EuDatasetKind = 'PUBLIC' | 'LICENSED' | 'CRAWLED' | 'USER' | 'SYNTHETIC' | 'OTHER';

export interface EuOrganization {
  slug: string;
  name: string;
  country: string | null;
}

export interface EuEvidenceRef {
  origin: string;
  documentRef: string | null;
  confidence: number;
}

export interface EuModelDependency {
  /** The model this one was built from. */
  name: string;
  /** Pedigree relation: FINETUNE, ADAPTER, MERGE, ... */
  relation: string;
  publisher: EuOrganization | null;
  evidence: EuEvidenceRef;
}

export interface EuGenerator {
  model: string;
  publisher: EuOrganization | null;
  /** The snapshot actually used, when stated. */
  teacherSnapshot: string | null;
  evidence: EuEvidenceRef;
}

export interface EuDataset {
  name: string;
  publisher: EuOrganization | null;
  license: string | null;
  description: string | null;
  /** Recorded kind, or null when nobody recorded one. */
  kind: EuDatasetKind | null;
  /** A template size range (dataset-size-range.ts), or null. */
  sizeRange: string | null;
  topDomains: string[];
  /** Support for kind, sizeRange and topDomains; null when none is recorded. */
  profileEvidence: EuEvidenceRef | null;
  generatedBy: EuGenerator[];
  /** Support for the TRAINED_ON claim. */
  evidence: EuEvidenceRef;
}

export interface EuSummaryInput {
  model: {
    name: string;
    publisher: EuOrganization | null;
    modality: string | null;
    releaseDate: string | null;
  };
  /** Models whose weights this one starts from (weight relations), nearest first. */
  dependencies: EuModelDependency[];
  /** Teachers whose outputs trained this model (DISTILLATION). */
  teachers: EuGenerator[];
  /** Datasets this model was trained on directly. */
  datasets: EuDataset[];
}
