export { buildEuTrainingSummary } from './eu-summary';
export { EU_TEMPLATE, TO_BE_COMPLETED } from './eu-summary.model';
export type { EuField, EuFieldStatus, EuItem, EuSection, EuTrainingSummary } from './eu-summary.model';
export { euSummaryMarkdown } from './eu-summary.markdown';
export type { EuDataset, EuDatasetKind, EuEvidenceRef, EuGenerator, EuModelDependency, EuOrganization, EuSummaryInput } from './eu-summary.input';
