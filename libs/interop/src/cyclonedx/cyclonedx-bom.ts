/**
 * The part of CycloneDX 1.6 that Pedigree writes, as plain JSON types, and the property vocabulary
 * it uses for lineage facts CycloneDX has no field for.
 *
 * Where each fact lives (the reader relies on exactly this):
 * - Canonical node facts are properties on the node's one component with a bom-ref (the flat
 *   `components` entry, or `metadata.component` for the subject): `pedigree:kind`, `:access`, ...
 * - Canonical edge facts are properties on the DERIVED node's component, one group per edge,
 *   numbered by the edge's index in the document: `pedigree:edge:<n>:source` (the source's bom-ref),
 *   `:relation`, `:mergeWeight`, `:teacherSnapshot`, `:usedFrom`, `:usedTo` (DISTILLATION and
 *   GENERATED_BY: which snapshot of an API teacher taught, and when), `:auxiliaryRole` (AUXILIARY),
 *   `:evidence:origin`, `:evidence:justification`, `:evidence:documentRef`, `:evidence:confidence`,
 *   `:evidence:collector`. The global index keeps the document's edge order.
 * - Organizations and custom license terms are BOM-level facts: `metadata.properties`, keyed by slug
 *   (`pedigree:organization:<slug>:name`) and by license key (`pedigree:license:<key>:commercialUse`).
 *   An organization's evidence (its country and ownership claims) is `pedigree:organization:<slug>:evidence:*`.
 * - A node's license and country evidence: `pedigree:licenseEvidence:*` and `pedigree:countryEvidence:*`
 *   on its canonical component; every evidence group has the fields of an edge's `:evidence:*` plus
 *   `observedAt` (evidence-properties.ts).
 * - A checkpoint's signature status, when the input carries one: `pedigree:checkpoint:<digest>:signature:status`
 *   and `:signature:signer`. CycloneDX's own `signature` (JSF) signs the BOM itself, not a checkpoint's weights.
 * - CycloneDX 1.7 `citations` (root level: Dependency-Track 5.1 refuses them under `metadata`) are
 *   derived from the evidence groups: presentation, rebuilt on every write.
 * - Everything else is presentation, derived from the above and ignored by the reader: `supplier`,
 *   `dependencies`, `modelCard` dataset refs, and the nested `pedigree.ancestors` copies (which carry
 *   `pedigree:copyOf`, `pedigree:relation`, `pedigree:mergeWeight`, `pedigree:teacherSnapshot`,
 *   `pedigree:usedFrom`, `pedigree:usedTo` and `pedigree:auxiliaryRole` for tools that only read the tree).
 * - An AUXILIARY model (reward model, judge, filter) is a component like any other, linked from the
 *   model it shaped by an edge group, `dependencies` and an ancestor copy. CycloneDX has no field for
 *   "shaped by, without weights or data": `pedigree.ancestors` is the nearest ("components this one
 *   derives from"), and the relation property says it is not a weight ancestor. It is never listed
 *   in `modelCard.modelParameters.datasets`.
 * - A foreign BOM (no `pedigree:format`) may state what CycloneDX cannot on an ancestor entry of
 *   `pedigree.ancestors`: `pedigree:relation` (instead of the relation inferred from component
 *   types) and the four edge facts above. The foreign reader honours them (foreign-bom-reader.ts).
 */

export interface CdxProperty {
  name: string;
  value?: string;
}

export interface CdxHash {
  alg: string;
  content: string;
}

export interface CdxOrganizationalEntity {
  name?: string;
  address?: { country?: string };
}

export type CdxLicense = { expression: string } | { license: { id?: string; name?: string; url?: string } };

export type CdxDatasetEntry = { ref: string } | { type: string; name?: string };

export interface CdxComponent {
  type: string;
  'bom-ref'?: string;
  supplier?: CdxOrganizationalEntity;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  hashes?: CdxHash[];
  licenses?: CdxLicense[];
  modelCard?: { modelParameters?: { datasets?: CdxDatasetEntry[] } };
  pedigree?: { ancestors?: CdxComponent[] };
  properties?: CdxProperty[];
}

export interface CdxDependency {
  ref: string;
  dependsOn?: string[];
}

/** CycloneDX 1.7 root-level attribution of BOM fields to whoever supplied them. */
export interface CdxCitation {
  'bom-ref': string;
  pointers: string[];
  timestamp: string;
  attributedTo: string;
  note?: string;
}

export const SPEC_VERSIONS = ['1.6', '1.7'] as const;
export type CdxSpecVersion = (typeof SPEC_VERSIONS)[number];

export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: CdxSpecVersion;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp?: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
    properties: CdxProperty[];
  };
  components: CdxComponent[];
  dependencies: CdxDependency[];
  /** 1.7 only: one entry per evidenced claim (cyclonedx-citations.ts). */
  citations?: CdxCitation[];
}

/** Marks a BOM whose `pedigree:*` properties are canonical; its value versions the vocabulary. */
export const FORMAT_PROPERTY = 'pedigree:format';
export const FORMAT_VERSION = 'lineage-document/1';

export const NODE_PROPS = {
  kind: 'pedigree:kind',
  publisher: 'pedigree:publisher',
  access: 'pedigree:access',
  modality: 'pedigree:modality',
  parameterCount: 'pedigree:parameterCount',
  releaseDate: 'pedigree:releaseDate',
  country: 'pedigree:country',
  sourceKind: 'pedigree:sourceKind',
  sizeRange: 'pedigree:sizeRange',
  /** One property per domain, in order. */
  topDomain: 'pedigree:topDomain',
} as const;

/** On nested `pedigree.ancestors` copies only. */
export const COPY_PROPS = {
  copyOf: 'pedigree:copyOf',
  relation: 'pedigree:relation',
  mergeWeight: 'pedigree:mergeWeight',
  teacherSnapshot: 'pedigree:teacherSnapshot',
  usedFrom: 'pedigree:usedFrom',
  usedTo: 'pedigree:usedTo',
  auxiliaryRole: 'pedigree:auxiliaryRole',
  truncated: 'pedigree:ancestorsTruncated',
} as const;

export const EDGE_PREFIX = 'pedigree:edge:';
/** Evidence of a node's license and country claims: `pedigree:licenseEvidence:origin`, ... */
export const LICENSE_EVIDENCE_PREFIX = 'pedigree:licenseEvidence:';
export const COUNTRY_EVIDENCE_PREFIX = 'pedigree:countryEvidence:';
export const PROFILE_EVIDENCE_PREFIX = 'pedigree:profileEvidence:';
export const CHECKPOINT_PREFIX = 'pedigree:checkpoint:';
export const ORGANIZATION_PREFIX = 'pedigree:organization:';
export const LICENSE_PREFIX = 'pedigree:license:';

/** The relations and auxiliary roles a Pedigree BOM may state (readers refuse anything else, naming the property). */
export const RELATIONS = [
  'FINETUNE',
  'ADAPTER',
  'MERGE',
  'QUANTIZATION',
  'DISTILLATION',
  'CONTINUED_PRETRAINING',
  'PRUNING',
  'TRAINED_ON',
  'GENERATED_BY',
  'DERIVED_FROM',
  'AUXILIARY',
] as const;
export const AUXILIARY_ROLES = ['REWARD_MODEL', 'JUDGE', 'FILTER', 'OTHER'] as const;

export const COMPONENT_TYPE = { model: 'machine-learning-model', data: 'data' } as const;
