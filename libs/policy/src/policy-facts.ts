import { EdgeRef } from '@pedigree/core';
import { AncestryGraph, breadthFirst, entryStates, explain, ExposureNode, ExposureReport, kindsOf, OrgRef, pathTo, upEdges } from '@pedigree/exposure/rules';
import {
  licenseProfile,
  LicenseTerms,
  licenseRefsIn,
  isNonCommercial,
  isShareAlike,
  forbidsDerivatives,
  useRestrictions,
  ObligationKind,
} from '@pedigree/licensing';
import { Activation } from './policy-condition';
import { PolicySubjectKind } from './policy.record';
import { SignatureFacts, signatureStatuses, SignatureStatusFact } from './signature-facts';

/** A deployment as conditions see it. */
export interface DeploymentFacts {
  id: string;
  name: string;
  system: string;
  environment: string;
  criticality: string;
  ownerTeam: string;
  tags: string[];
  tasks: string[];
  owner: OrgRef | null;
  ownerVendor: OrgRef | null;
  provider: OrgRef | null;
  providerVendor: OrgRef | null;
  region: string | null;
  country: string | null;
}

/** Everything one evaluation needs, loaded in a batch; `graph.rootId` is the node the subject is or runs. */
export interface SubjectEvidence {
  kind: PolicySubjectKind;
  /** The node id, or for a DEPLOYMENT the deployment id. */
  id: string;
  graph: AncestryGraph;
  report: ExposureReport;
  terms: ReadonlyMap<string, LicenseTerms>;
  /** Controlling owners of each publisher or organization, nearest first. */
  chains: ReadonlyMap<string, readonly OrgRef[]>;
  /** The subject node's own descriptive facts. */
  node: { modality: string | null; parameterCount: number | null; tasks: string[] };
  /** Deployments that run the subject node (a DEPLOYMENT: itself). */
  deployments: readonly DeploymentFacts[];
  /** Set for a DEPLOYMENT subject. */
  deployment: DeploymentFacts | null;
  /** Latest signature record of each checkpoint in `graph` that has one; absent means unsigned. */
  signatures: ReadonlyMap<string, SignatureFacts>;
}

/** An ancestor as the explanation of a violation names it. */
export interface AncestorTrace {
  id: string;
  name: string;
  depth: number;
  path: EdgeRef[];
  pathText: string;
}

export interface SubjectFacts {
  activation: Activation;
  /** The ancestors in `activation.ancestors` order, with how the subject reaches each. */
  traces: AncestorTrace[];
}

type Terms = ReadonlyMap<string, LicenseTerms>;

export function licenseTermsFacts(license: string | null, terms: Terms) {
  const profile = licenseProfile(license, terms);
  return {
    known: profile.known,
    commercialUse: profile.known && !isNonCommercial(profile),
    nonCommercial: isNonCommercial(profile),
    noDerivatives: forbidsDerivatives(profile),
    shareAlike: isShareAlike(profile),
    attributionRequired: profile.obligations.some((o) => o.kind === ObligationKind.ATTRIBUTION),
    forbidsCompetingModels: [...licenseRefsIn(license)].some((key) => terms.get(key)?.forbidsCompetingModels === true),
    useRestrictions: useRestrictions(profile).map((o) => o.text),
  };
}

const orgSlug = (o: OrgRef | null | undefined) => o?.slug ?? null;

function ownerFacts(publisher: OrgRef | null, vendor: OrgRef | null, chains: SubjectEvidence['chains']) {
  const chain = publisher ? (chains.get(publisher.id) ?? []) : [];
  const ownerChain = chain.map((o) => ({ organization: o.slug, name: o.name, country: o.country }));
  const ownerCountries = [...new Set([...chain.map((o) => o.country), vendor?.country].filter((c): c is string => !!c))];
  return { ownerChain, ownerCountries };
}

function nodeFacts(n: ExposureNode, e: SubjectEvidence, statuses: ReadonlyMap<string, SignatureStatusFact>) {
  return {
    id: n.id,
    kind: n.kind,
    name: n.name,
    access: n.access,
    license: n.license,
    licenseTerms: licenseTermsFacts(n.license, e.terms),
    country: n.country,
    publisher: orgSlug(n.publisher),
    publisherCountry: n.publisher?.country ?? null,
    vendor: orgSlug(n.vendor),
    vendorName: n.vendor?.name ?? null,
    vendorCountry: n.vendor?.country ?? null,
    ...ownerFacts(n.publisher, n.vendor, e.chains),
    ...signatureFacts(n.id, e, statuses),
  };
}

/** `signature` is the node's own record: only a checkpoint has one. */
function signatureFacts(nodeId: string, e: SubjectEvidence, statuses: ReadonlyMap<string, SignatureStatusFact>) {
  return { signatureStatus: statuses.get(nodeId) ?? 'UNSIGNED', signature: e.signatures.get(nodeId) ?? null };
}

function deploymentFacts(d: DeploymentFacts) {
  return {
    name: d.name,
    system: d.system,
    environment: d.environment,
    criticality: d.criticality,
    ownerTeam: d.ownerTeam,
    tags: d.tags,
    tasks: d.tasks,
    provider: orgSlug(d.provider),
    providerVendor: orgSlug(d.providerVendor),
    providerCountry: d.providerVendor?.country ?? d.provider?.country ?? null,
    region: d.region,
    country: d.country,
  };
}

/**
 * The variables a condition sees (docs/policies.md), as a pure function of loaded evidence. A
 * deployment is one step above what it runs: that node is its ancestor at depth 1 (relation RUNS,
 * kind WEIGHTS) and the node's ancestors follow one deeper.
 */
export function subjectFacts(e: SubjectEvidence): SubjectFacts {
  const { graph, report } = e;
  const root = graph.nodes.get(graph.rootId)!;
  const up = upEdges(graph.edges);
  const reach = breadthFirst(graph.rootId, up);
  const states = entryStates(graph.rootId, up);
  const statuses = signatureStatuses(graph, e.signatures);
  const relationsInto = new Map<string, Set<string>>();
  for (const edge of graph.edges) (relationsInto.get(edge.sourceId) ?? relationsInto.set(edge.sourceId, new Set()).get(edge.sourceId)!).add(edge.relation);
  const shift = e.deployment ? 1 : 0;
  const ancestors: Record<string, unknown>[] = [];
  const traces: AncestorTrace[] = [];
  const rootName = e.deployment ? e.deployment.name : root.name;
  const trace = (n: ExposureNode, depth: number, path: EdgeRef[]): AncestorTrace => ({
    id: n.id,
    name: n.name,
    depth,
    path,
    pathText: e.deployment ? `${e.deployment.name} → RUNS → ${explain(graph.rootId, path, graph.nodes)}` : explain(graph.rootId, path, graph.nodes),
  });
  if (e.deployment) {
    ancestors.push({ ...nodeFacts(root, e, statuses), depth: 1, kinds: ['WEIGHTS'], relations: ['RUNS'] });
    traces.push(trace(root, 1, []));
  }
  for (const [id, s] of states) {
    if (id === graph.rootId) continue;
    const n = graph.nodes.get(id);
    if (!n) continue;
    // A checkpoint's own model is the subject itself to exposure; to a deployment it is what it runs.
    const kinds = s.has('SELF') ? (e.deployment ? ['WEIGHTS'] : []) : kindsOf(s);
    if (!kinds.length) continue;
    const depth = (reach.depth.get(id) ?? 0) + shift;
    ancestors.push({ ...nodeFacts(n, e, statuses), depth, kinds, relations: [...(relationsInto.get(id) ?? [])].sort() });
    traces.push(trace(n, depth, pathTo(reach, id)));
  }

  const subject = e.deployment
    ? {
        kind: PolicySubjectKind.DEPLOYMENT,
        id: e.deployment.id,
        access: null,
        license: null,
        licenseTerms: licenseTermsFacts(null, e.terms),
        publisher: orgSlug(e.deployment.owner),
        publisherCountry: e.deployment.owner?.country ?? null,
        vendor: orgSlug(e.deployment.ownerVendor),
        vendorName: e.deployment.ownerVendor?.name ?? null,
        vendorCountry: e.deployment.ownerVendor?.country ?? null,
        ...ownerFacts(e.deployment.owner, e.deployment.ownerVendor, e.chains),
        // A deployment is not signed itself: it shows the signature of the weights it runs.
        ...signatureFacts(graph.rootId, e, statuses),
        modality: e.node.modality,
        parameterCount: e.node.parameterCount,
        ...deploymentFacts(e.deployment),
        tasks: e.deployment.tasks.length ? e.deployment.tasks : e.node.tasks,
      }
    : { ...nodeFacts(root, e, statuses), kind: e.kind, modality: e.node.modality, parameterCount: e.node.parameterCount, tasks: e.node.tasks };

  const activation: Activation = {
    subject,
    ancestors,
    dependencies: report.dependencies.map((d) => ({
      kind: d.kind,
      organization: orgSlug(d.organization),
      organizationName: d.organization?.name ?? null,
      vendor: orgSlug(d.vendor),
      vendorCountry: d.vendor?.country ?? null,
      country: d.country,
      depth: d.depth + shift,
      node: graph.nodes.get(d.nodeId)?.name ?? rootName,
      detail: d.detail,
    })),
    deployments: e.deployments.map(deploymentFacts),
    rollups: rollups(report, ancestors, graph),
  };
  return { activation, traces };
}

function rollups(report: ExposureReport, ancestors: Record<string, unknown>[], graph: AncestryGraph) {
  const top = (key: 'vendor' | 'country') => {
    const counts = new Map<string, number>();
    for (const a of ancestors) if (a[key]) counts.set(a[key] as string, (counts.get(a[key] as string) ?? 0) + 1);
    const [best, n] = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0] ?? [null, 0];
    return { best, share: ancestors.length ? n / ancestors.length : 0, distinct: counts.size };
  };
  const v = top('vendor');
  const c = top('country');
  const nameOf = (id: string) => graph.nodes.get(id)?.name ?? null;
  return {
    unavoidableVendors: report.vendors.filter((x) => x.unavoidable).map((x) => x.vendor.slug),
    vendors: report.vendors.map((x) => ({
      vendor: x.vendor.slug,
      name: x.vendor.name,
      country: x.vendor.country,
      kinds: x.kinds,
      unavoidable: x.unavoidable,
      weightRoot: x.weightRootVendor,
    })),
    countries: report.countries.map((x) => ({ country: x.country, kinds: x.kinds })),
    licenseDrift: report.drift.map((d) => ({
      derived: nameOf(d.derivedId),
      ancestor: nameOf(d.ancestorId),
      declaredLicense: graph.nodes.get(d.derivedId)?.license ?? null,
      ancestorLicense: graph.nodes.get(d.ancestorId)?.license ?? null,
      reason: d.reason,
    })),
    concentration: {
      vendorCount: v.distinct,
      countryCount: c.distinct,
      weightRootCount: report.weightRootIds.length,
      topVendor: v.best,
      topVendorShare: v.share,
      topCountry: c.best,
      topCountryShare: c.share,
    },
  };
}
