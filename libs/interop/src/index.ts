// Pure readers and writers of other formats: Hugging Face cards, CycloneDX, SPDX, ecosystem-graphs.
export { EDGE_FACTS, edgeFacts, nodeRef } from './lineage-document';
export type {
  DocCheckpoint,
  DocCustomLicense,
  DocEdge,
  DocEvidence,
  DocNode,
  DocOrganization,
  DocSignature,
  EdgeFact,
  LineageDocument,
} from './lineage-document';
export { STRICT } from './import-plan';
export type { ImportMutation, ImportOp, ImportOptions, ImportPlan } from './import-plan';
export { parseModelCard, planHfModelTree, planModelCards } from './hf-card';
export { CYCLONEDX_SPEC_VERSIONS, fromCycloneDx, toCycloneDx, validateCycloneDx } from './cyclonedx';
export type { CdxSpecVersion } from './cyclonedx';
export { planEcosystemGraphs } from './ecosystem-graphs';
export { toSpdx, validateSpdx } from './spdx';
export { planFromLineageDocument } from './document-plan';
export { buildEuTrainingSummary, euSummaryMarkdown, EU_TEMPLATE, TO_BE_COMPLETED } from './eu-summary';
export type {
  EuDataset,
  EuDatasetKind,
  EuField,
  EuGenerator,
  EuModelDependency,
  EuOrganization,
  EuSection,
  EuSummaryInput,
  EuTrainingSummary,
} from './eu-summary';
