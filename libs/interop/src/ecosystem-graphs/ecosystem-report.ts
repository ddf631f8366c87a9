import { CycleReport, GraphFacts, RejectedEdge } from './ecosystem-cycles';
import { DuplicateName } from './duplicates';
import { LicenseText } from './ecosystem-licenses';

/** Every figure the importer reports; also flattened into `ImportPlan.counts` for the CLI. */
export interface EcosystemCounts {
  /** Assets read from the file, applications included. */
  assets: number;
  models: number;
  datasets: number;
  applications: number;
  /** Records without a usable name or type, skipped with a finding. */
  invalidAssets: number;
  organizations: number;
  /** Assets whose organization text holds a comma (before splitting). */
  commaJoinedOrganizations: number;
  /** Assets with more than one organization after splitting. */
  coPublishedAssets: number;
  /** Names borne by more than one record. */
  duplicateNames: number;
  /** Records folded into an earlier record of the same artifact. */
  duplicateRecordsMerged: number;
  /** Dependency references as read (`{explanation, value}` lists read from `value`). */
  dependencyRefs: number;
  /** References naming no asset exactly, before normalization. */
  danglingRaw: number;
  danglingRawDistinct: number;
  resolvedExact: number;
  resolvedByNormalization: number;
  /** References to a name shared by several artifacts, settled by the referrer's publisher. */
  resolvedByPublisher: number;
  danglingRemaining: number;
  danglingRemainingDistinct: number;
  /** The same, counting spellings that differ only in case, spaces or punctuation once ("CommonCrawl", "Common Crawl"). */
  danglingRemainingSpellingGroups: number;
  /** Remaining dangling references that are ambiguous rather than unknown. */
  ambiguousRefs: number;
  /** The resolved graph using exact names only, every kind of asset: the figures the source README states. */
  exactEdges: number;
  exactModelToModel: number;
  exactCycles: number;
  exactLongestChain: number;
  /** The same after normalization. */
  resolvedEdges: number;
  resolvedModelToModel: number;
  cycles: number;
  /** assertLineage ops. */
  edgesPlanned: number;
  edgesModelToModel: number;
  edgesFinetune: number;
  edgesDistillation: number;
  edgesTrainedOn: number;
  edgesGeneratedBy: number;
  edgesDerivedFrom: number;
  /** Edges the registry will refuse with CYCLE, self-dependencies (not emitted) included. */
  edgesRejected: number;
  /** Longest ancestry chain, in edges, in the registry after the import. */
  longestChain: number;
  deployments: number;
  /** Per asset in the file. */
  licensesMapped: number;
  licensesRef: number;
  licensesUnknown: number;
  /** registerLicense ops. */
  customLicenses: number;
  releaseDatesMissing: number;
}

export interface EcosystemReport {
  counts: EcosystemCounts;
  findingsByKind: Record<string, number>;
  duplicates: DuplicateName[];
  /** References resolved only by normalization: referrer, text as written, asset it matched. */
  normalized: { from: string; text: string; to: string }[];
  /** References left dangling after normalization, with candidates when ambiguous. */
  dangling: { from: string; text: string; candidates: string[] }[];
  cycles: CycleReport[];
  rejectedEdges: RejectedEdge[];
  /** Longest chains among the lineage edges the registry will hold. */
  longestChain: { edges: number; paths: string[][] };
  /** The exact-name graph, every kind of asset, for comparison with the source's own figures. */
  exact: GraphFacts;
  /** The registry name of every model and dataset. */
  registryNames: { asset: string; type: string; sourceFile: string; registryName: string }[];
  licenseTexts: LicenseText[];
}

/** Counts for `ImportPlan.counts`: the typed figures plus `findings.<kind>`. */
export function flattenCounts(report: EcosystemReport): Record<string, number> {
  const out: Record<string, number> = { ...report.counts };
  for (const [kind, n] of Object.entries(report.findingsByKind)) out[`findings.${kind}`] = n;
  return out;
}
