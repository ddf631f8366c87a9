/**
 * A registry-independent picture of one subject and its ancestry. BOM writers read it and BOM
 * readers produce it, so CycloneDX and SPDX never see GraphQL or SQL, and a round trip can be
 * checked on plain data.
 */
export type DocNodeKind = 'MODEL' | 'DATASET' | 'CHECKPOINT';

export interface DocEvidence {
  origin: 'PIPELINE_DECLARATION' | 'MODEL_CARD' | 'THIRD_PARTY_REPORT' | 'AUDIT_FINDING';
  justification: string;
  documentRef: string | null;
  confidence: number;
  collector: string | null;
  /** ISO 8601: when the evidence was observed. Absent in documents written before it was exported; a CycloneDX 1.7 citation needs it. */
  observedAt?: string | null;
}

export interface DocOrganization {
  slug: string;
  name: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
  kind: 'ACADEMIC' | 'COMMUNITY' | 'COMPANY' | 'GOVERNMENT' | 'INDIVIDUAL' | 'NONPROFIT';
  /** Slug of the owning organization, if any (it is then also in `organizations`). */
  parent: string | null;
  /** Support for the country and ownership claims, when the source states it. */
  evidence?: DocEvidence | null;
}

/** Terms of a `LicenseRef-` license, so an importer can register it before models use it. */
export interface DocCustomLicense {
  key: string;
  name: string;
  url: string | null;
  commercialUse: boolean;
  nonCommercial: boolean;
  attributionRequired: boolean;
  userThreshold: number | null;
  useRestrictions: string[];
}

export interface DocCheckpoint {
  /** `sha256:<64 hex>` */
  digest: string;
  format: string;
  sizeBytes: number | null;
  /**
   * Signature status as the registry reports it, when it does. Pedigree does not store signatures
   * here: writers emit what they are given and readers return it, so a round trip keeps it.
   */
  signature?: DocSignature | null;
}

export interface DocSignature {
  /** Upper-case status word from the signing feature, e.g. VERIFIED, UNVERIFIED, INVALID. */
  status: string;
  /** Who signed (an identity or key id), or null when unknown. */
  signer: string | null;
}

export interface DocNode {
  /** Stable within the document: `model:<name>`, `dataset:<name>` or `checkpoint:<digest>`. */
  ref: string;
  kind: DocNodeKind;
  /** Model or dataset name; a checkpoint's digest. */
  name: string;
  /** Publisher slug (in `organizations`), or null. */
  publisher: string | null;
  /** SPDX license expression as registered, or null when unknown. */
  license: string | null;
  /** Models only. */
  access: 'OPEN_WEIGHTS' | 'API_ONLY' | 'CLOSED' | null;
  modality: string | null;
  parameterCount: number | null;
  releaseDate: string | null;
  description: string | null;
  /** Country of origin as the registry computes it (override, else the owner's country). */
  country: string | null;
  /** Models only: registered checkpoints. */
  checkpoints: DocCheckpoint[];
  /** Support for `license`, when the source states it. */
  licenseEvidence?: DocEvidence | null;
  /** Support for `country`, when the source states it. */
  countryEvidence?: DocEvidence | null;
  /**
   * Datasets only, and only when stated: the EU training-summary facts (libs/core dataset-profile.ts),
   * the source type, the size range and, for crawled data, the most relevant domains, most relevant first.
   */
  sourceKind?: string;
  sizeRange?: string;
  topDomains?: string[];
  /** Support for `sourceKind`, `sizeRange` and `topDomains`; present exactly when one of them is. */
  profileEvidence?: DocEvidence;
}

export interface DocEdge {
  /** The derived node's ref. */
  derived: string;
  /** The source node's ref. */
  source: string;
  /** A Pedigree relation: FINETUNE, ADAPTER, MERGE, QUANTIZATION, DISTILLATION, CONTINUED_PRETRAINING, PRUNING, TRAINED_ON, GENERATED_BY, DERIVED_FROM, AUXILIARY. */
  relation: string;
  mergeWeight: number | null;
  evidence: DocEvidence;
  /** DISTILLATION and GENERATED_BY only: the teacher snapshot used (`gpt-4-0613`) and the period, `YYYY-MM-DD`. Absent means not stated. */
  teacherSnapshot?: string | null;
  usedFrom?: string | null;
  usedTo?: string | null;
  /** AUXILIARY only (required there): REWARD_MODEL, JUDGE, FILTER or OTHER. */
  auxiliaryRole?: string | null;
}

/** The optional facts of an edge that only some relations carry, in the order writers list them. */
export const EDGE_FACTS = ['teacherSnapshot', 'usedFrom', 'usedTo', 'auxiliaryRole'] as const;
export type EdgeFact = (typeof EDGE_FACTS)[number];

/** The edge's stated facts, without the absent ones. */
export function edgeFacts(edge: DocEdge): Partial<Record<EdgeFact, string>> {
  const out: Partial<Record<EdgeFact, string>> = {};
  for (const key of EDGE_FACTS) {
    const value = edge[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

export interface LineageDocument {
  /** Ref of the node the document is about. */
  subject: string;
  /** Subject first, then every ancestor once, in a stable order (by ref). */
  nodes: DocNode[];
  /** Every active edge among `nodes`, sorted by (derived, source, relation). */
  edges: DocEdge[];
  organizations: DocOrganization[];
  customLicenses: DocCustomLicense[];
}

export function nodeRef(kind: DocNodeKind, name: string): string {
  return `${kind.toLowerCase()}:${name}`;
}
