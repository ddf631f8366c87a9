import { ImportFinding, ImportOp, ImportOptions, ImportPlan, STRICT } from '../import-plan';
import { nameKey, registryName } from './asset-names';
import { resolveDependencies } from './dependency-resolution';
import { EcosystemRecord, resolveDuplicates } from './duplicates';
import { describeAsset, EcosystemAsset, parseAssets } from './ecosystem-asset';
import { cycleOutcomes, dependencyCycles, graphFacts } from './ecosystem-cycles';
import { evidenceFrom } from './ecosystem-evidence';
import { planLicenses } from './ecosystem-licenses';
import { planLineage } from './ecosystem-lineage';
import { collectOrganizations, PlannedOrganization } from './ecosystem-organizations';
import { EcosystemReport, flattenCounts } from './ecosystem-report';

/**
 * Plans the import of a Stanford CRFM ecosystem-graphs export (docs/ecosystem-graphs-import.md).
 * Pure and deterministic: the same file gives the same plan, op for op. Order: organizations,
 * licenses, models and datasets (without lineage), lineage edges, deployments.
 */
export interface EcosystemOptions extends ImportOptions {
  /** Applications become deployments (environment UNKNOWN, tag `imported:ecosystem-graphs`): they are not your own. Off: reported only. */
  deployments: boolean;
}

export function planEcosystemGraphs(
  json: unknown,
  source: string,
  options: EcosystemOptions = { ...STRICT, deployments: false },
): ImportPlan & { report: EcosystemReport } {
  const { assets, findings: parseFindings } = parseAssets(json, source);
  const orgs = collectOrganizations(assets);
  const publisherOf = (a: EcosystemAsset): PlannedOrganization => orgs.ofAsset.get(a.index)![0];
  const dups = resolveDuplicates(assets, (a) => publisherOf(a).slug);
  const records = dups.records;
  const names = assignRegistryNames(records);
  const licenses = planLicenses(assets, records, (a) => publisherOf(a).slug, options);
  const artifacts = records
    .filter((r) => r.asset.type !== 'application')
    .map((r) => artifactOp(r, names.byRecord.get(r)!, licenses.ofAsset.get(r.asset.index), source));
  const resolution = resolveDependencies(records);
  const lineage = planLineage(resolution, names.byRecord, (r) => publisherOf(r.asset).name, source);

  const byId = new Map(records.map((r) => [`#${r.asset.index}`, r]));
  const label = (id: string) => byId.get(id)?.label ?? id;
  const exact = graphFacts(
    resolution.resolved.filter((d) => d.via === 'exact'),
    label,
  );
  const full = graphFacts(resolution.resolved, label);
  const outcomes = cycleOutcomes(lineage.edges, dependencyCycles(resolution.resolved), byId, names.byRecord);

  const findings: ImportFinding[] = [
    ...parseFindings,
    ...orgs.findings,
    ...dups.findings,
    ...names.findings,
    ...licenses.findings,
    ...artifacts.flatMap((a) => a.findings),
    ...resolution.findings,
    ...lineage.findings,
    ...outcomes.findings,
  ];
  if (!options.deployments && lineage.deploymentOps.length) {
    findings.push({
      kind: 'deployments-not-imported',
      subject: source,
      detail: `${lineage.deploymentOps.length} applications use a registered model; they are others' products, not your deployments, so none was registered (--deployments registers them with environment UNKNOWN and the tag imported:ecosystem-graphs)`,
    });
  }
  const deployments = options.deployments ? lineage.deploymentOps : [];
  const ops: ImportOp[] = [...orgs.organizations.map((o) => organizationOp(o, source)), ...artifacts.map((a) => a.op), ...lineage.edgeOps, ...deployments];

  const count = (type: string) => assets.filter((a) => a.type === type).length;
  const relations = (r: string) => lineage.edgeOps.filter((o) => o.edge!.relation === r).length;
  const normalized = resolution.resolved.filter((d) => d.via === 'normalized');
  const assetNames = new Set(assets.map((a) => a.name));
  const rawRefs = assets.flatMap((a) => a.dependencies);
  const rawDangling = rawRefs.filter((d) => !assetNames.has(d));
  const findingsByKind: Record<string, number> = {};
  for (const f of findings) findingsByKind[f.kind] = (findingsByKind[f.kind] ?? 0) + 1;

  const report: EcosystemReport = {
    counts: {
      assets: assets.length,
      models: count('model'),
      datasets: count('dataset'),
      applications: count('application'),
      invalidAssets: parseFindings.filter((f) => f.kind === 'invalid-asset').length,
      organizations: orgs.organizations.length,
      commaJoinedOrganizations: orgs.commaJoined,
      coPublishedAssets: orgs.coPublished,
      duplicateNames: dups.duplicates.length,
      duplicateRecordsMerged: records.reduce((n, r) => n + r.merged.length, 0),
      dependencyRefs: rawRefs.length,
      danglingRaw: rawDangling.length,
      danglingRawDistinct: new Set(rawDangling).size,
      resolvedExact: resolution.resolved.length - normalized.length,
      resolvedByNormalization: normalized.length,
      resolvedByPublisher: resolution.resolved.filter((d) => d.byPublisher).length,
      danglingRemaining: resolution.dangling.length,
      danglingRemainingDistinct: new Set(resolution.dangling.map((d) => d.text)).size,
      danglingRemainingSpellingGroups: new Set(resolution.dangling.map((d) => nameKey(d.text))).size,
      ambiguousRefs: resolution.dangling.filter((d) => d.candidates.length).length,
      exactEdges: exact.edges,
      exactModelToModel: exact.modelToModel,
      exactCycles: exact.cycles.length,
      exactLongestChain: exact.longestChain.edges,
      resolvedEdges: full.edges,
      resolvedModelToModel: full.modelToModel,
      cycles: full.cycles.length,
      edgesPlanned: lineage.edgeOps.length,
      edgesModelToModel: relations('FINETUNE') + relations('DISTILLATION'),
      edgesFinetune: relations('FINETUNE'),
      edgesDistillation: relations('DISTILLATION'),
      edgesTrainedOn: relations('TRAINED_ON'),
      edgesGeneratedBy: relations('GENERATED_BY'),
      edgesDerivedFrom: relations('DERIVED_FROM'),
      edgesRejected: outcomes.rejected.length,
      longestChain: outcomes.lineageChain.edges,
      deployments: deployments.length,
      licensesMapped: licenses.counts.mapped,
      licensesRef: licenses.counts.ref,
      licensesUnknown: licenses.counts.unknown,
      customLicenses: licenses.refKeys,
      releaseDatesMissing: artifacts.filter((a) => a.op.mutation === 'registerModel' && !a.op.input.releaseDate).length,
    },
    findingsByKind,
    duplicates: dups.duplicates,
    normalized: normalized.map((d) => ({ from: d.from.label, text: d.text, to: d.to.label })),
    dangling: resolution.dangling.map((d) => ({ from: d.from.label, text: d.text, candidates: d.candidates })),
    cycles: outcomes.cycles,
    rejectedEdges: outcomes.rejected,
    longestChain: outcomes.lineageChain,
    exact,
    registryNames: records
      .filter((r) => names.byRecord.has(r))
      .map((r) => ({ asset: r.asset.name, type: r.asset.type, sourceFile: r.asset.sourceFile, registryName: names.byRecord.get(r)! })),
    licenseTexts: licenses.texts,
  };
  return { source, ops, findings, counts: flattenCounts(report), report };
}

/**
 * `publisher-slug/Asset-Name`: the registry wants `namespace/name`, and the publisher is the
 * natural namespace. Names that collide once case is ignored (the registry's rule) get a suffix.
 */
function assignRegistryNames(records: readonly EcosystemRecord[]) {
  const byRecord = new Map<EcosystemRecord, string>();
  const taken = new Set<string>();
  const findings: ImportFinding[] = [];
  for (const r of records) {
    if (r.asset.type === 'application') continue;
    const base = registryName(r.publisher, r.asset.name);
    let name = base;
    for (let n = 2; taken.has(`${r.asset.type}:${name.toLowerCase()}`); n++) name = `${base}-${n}`;
    taken.add(`${r.asset.type}:${name.toLowerCase()}`);
    if (name !== base)
      findings.push({
        kind: 'registry-name-collision',
        subject: r.label,
        detail: `"${base}" is already the registry name of another ${r.asset.type}; registered as "${name}"`,
      });
    byRecord.set(r, name);
  }
  return { byRecord, findings };
}

function organizationOp(org: PlannedOrganization, source: string): ImportOp {
  const from = org.countryFrom ?? org.firstSeen;
  const country = org.country
    ? `; country from the nationality "${from.nationality}" of ${describeAsset(from, source)}`
    : '; no country: see the import report';
  return {
    mutation: 'registerOrganization',
    label: `organization ${org.slug}`,
    // A curated record of the same organization is richer than a name in a list: it wins.
    onlyIfAbsent: { query: 'organization', name: org.slug },
    input: {
      slug: org.slug,
      name: org.name,
      kind: org.kind,
      ...(org.country ? { country: org.country } : {}),
      evidence: evidenceFrom(from, `Named as an organization of ${describeAsset(org.firstSeen, source)}${country}. Kind ${org.kind} guessed from the name.`),
    },
  };
}

const ACCESS: Record<string, string> = { open: 'OPEN_WEIGHTS', limited: 'API_ONLY', closed: 'CLOSED' };

function artifactOp(r: EcosystemRecord, name: string, license: string | undefined, source: string): { op: ImportOp; findings: ImportFinding[] } {
  const a = r.asset;
  const findings: ImportFinding[] = [];
  const also = r.merged.length ? ` Also described in ${r.merged.map((m) => m.sourceFile).join(', ')} (merged; differences in the import report).` : '';
  const evidence = evidenceFrom(
    a,
    `${describeAsset(a, source)}: organization "${a.organization}", license "${a.license ?? 'unknown'}", access "${a.access ?? 'unknown'}".${also}`,
  );
  const common = { name, publisher: r.publisher, ...(license ? { license } : {}), evidence };
  // A curated record of the same artifact (e.g. from its publisher's pipeline) is richer: it wins.
  const onlyIfAbsent = { query: a.type === 'model' ? ('model' as const) : ('dataset' as const), name };
  if (a.type === 'dataset') return { op: { mutation: 'registerDataset', label: `dataset ${r.label}`, onlyIfAbsent, input: common }, findings };

  let access = ACCESS[a.access?.toLowerCase() ?? ''];
  if (!access) {
    access = 'CLOSED';
    findings.push({
      kind: 'access-unknown',
      subject: r.label,
      detail: `${a.sourceFile}: access "${a.access ?? ''}" is not open, limited or closed; registered as CLOSED`,
    });
  }
  const releaseDate = a.createdDate && isIsoDate(a.createdDate) ? a.createdDate : null;
  if (a.createdDate && !releaseDate && !/^unknown$/i.test(a.createdDate)) {
    findings.push({
      kind: 'release-date-unparsed',
      subject: r.label,
      detail: `${a.sourceFile}: created_date "${a.createdDate}" is not YYYY-MM-DD; no release date recorded`,
    });
  }
  const input = { ...common, access, ...(a.modality ? { modality: a.modality } : {}), ...(releaseDate ? { releaseDate } : {}) };
  return { op: { mutation: 'registerModel', label: `model ${r.label}`, onlyIfAbsent, input }, findings };
}

/** The registry's own test: a real calendar day written YYYY-MM-DD. */
function isIsoDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
