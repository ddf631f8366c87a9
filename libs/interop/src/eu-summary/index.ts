export { buildEuTrainingSummary, EU_TEMPLATE, TO_BE_COMPLETED } from './eu-summary';
export type { EuField, EuFieldStatus, EuItem, EuSection, EuTrainingSummary } from './eu-summary';
export { euSummaryMarkdown } from './eu-summary.markdown';
export type { EuDataset, EuDatasetKind, EuEvidenceRef, EuGenerator, EuModelDependency, EuOrganization, EuSummaryInput } from './eu-summary.input';
