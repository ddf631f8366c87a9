export { planEcosystemGraphs } from './ecosystem-graphs.planner';
export type { EcosystemCounts, EcosystemReport } from './ecosystem-report';
export type { CycleReport, RejectedEdge, GraphFacts } from './ecosystem-cycles';
export type { DuplicateName } from './duplicates';
export type { LicenseText } from './ecosystem-licenses';
export { nameKey } from './asset-names';
export { readNationality, type Nationality } from './nationality';
export { readLicense, type LicenseReading } from './license-text';
