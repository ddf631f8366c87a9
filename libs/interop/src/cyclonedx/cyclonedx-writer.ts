import { createHash } from 'node:crypto';
import { invalidInput } from '@pedigree/core';
import { DocCustomLicense, DocEdge, DocNode, DocOrganization, EDGE_FACTS, edgeFacts, LineageDocument } from '../lineage-document';
import {
  CdxComponent,
  CdxDependency,
  CdxHash,
  CdxProperty,
  CdxSpecVersion,
  CHECKPOINT_PREFIX,
  COMPONENT_TYPE,
  COPY_PROPS,
  COUNTRY_EVIDENCE_PREFIX,
  CycloneDxBom,
  EDGE_PREFIX,
  FORMAT_PROPERTY,
  FORMAT_VERSION,
  LICENSE_EVIDENCE_PREFIX,
  LICENSE_PREFIX,
  NODE_PROPS,
  PROFILE_EVIDENCE_PREFIX,
  ORGANIZATION_PREFIX,
} from './cyclonedx-bom';
import { citationsOf, PEDIGREE_TOOL_REF } from './cyclonedx-citations';
import { evidenceProperties } from './evidence-properties';

export interface CycloneDxOptions {
  /** Version of the Pedigree build writing the BOM, recorded in `metadata.tools`. */
  toolVersion?: string;
  /** ISO 8601. Omitted by default, so that the same document always yields the same bytes. */
  timestamp?: string;
  /** 1.7 (the default) adds root-level `citations`; 1.6 is the same BOM without them. */
  specVersion?: CdxSpecVersion;
}

/**
 * Nested ancestor copies repeat every shared ancestor once per path, which grows exponentially in
 * merge-of-merge families. Past this many copies the tree stops (marked on the copies left short);
 * `components` and `dependencies` still hold everything.
 */
export const MAX_ANCESTOR_COPIES = 2000;

const DIGEST = /^sha256:([0-9a-f]{64})$/;

interface Incoming {
  edge: DocEdge;
  /** Index in `doc.edges`: names the edge's property group and keeps the document's order. */
  n: number;
}

interface DocIndex {
  nodes: Map<string, DocNode>;
  organizations: Map<string, DocOrganization>;
  /** Edges by derived ref. */
  incoming: Map<string, Incoming[]>;
}

/** Writes a lineage document as a CycloneDX 1.7 (or 1.6) ML-BOM. Pure and deterministic; see cyclonedx-bom.ts for the mapping. */
export function toCycloneDx(doc: LineageDocument, opts: CycloneDxOptions = {}): CycloneDxBom {
  const index = indexDocument(doc);
  const subject = index.nodes.get(doc.subject);
  if (!subject) throw invalidInput('subject', `"${doc.subject}" is not one of the document's nodes`, 'the ref of a node in `nodes`');
  const budget = { left: MAX_ANCESTOR_COPIES };
  const specVersion = opts.specVersion ?? '1.7';
  const tool = { type: 'application', ...(specVersion === '1.7' ? { 'bom-ref': PEDIGREE_TOOL_REF } : {}), name: 'pedigree' };
  const metadata: CycloneDxBom['metadata'] = {
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
    tools: { components: [{ ...tool, ...(opts.toolVersion ? { version: opts.toolVersion } : {}) }] },
    component: canonicalComponent(subject, index, ancestorsOf(subject.ref, index, new Set([subject.ref]), budget)),
    properties: [prop(FORMAT_PROPERTY, FORMAT_VERSION), ...doc.organizations.flatMap(organizationProperties), ...doc.customLicenses.flatMap(licenseProperties)],
  };
  const components = doc.nodes.filter((n) => n.ref !== subject.ref).map((n) => canonicalComponent(n, index));
  const dependencies = doc.nodes.map((n) => dependencyOf(n, index));
  const bom: CycloneDxBom = { bomFormat: 'CycloneDX', specVersion, serialNumber: '', version: 1, metadata, components, dependencies };
  if (specVersion === '1.7') {
    const citations = citationsOf(bom, doc, opts.timestamp);
    if (citations.length) bom.citations = citations;
  }
  bom.serialNumber = contentUuid(JSON.stringify({ metadata, components, dependencies, citations: bom.citations }));
  return bom;
}

function indexDocument(doc: LineageDocument): DocIndex {
  const nodes = new Map(doc.nodes.map((n) => [n.ref, n]));
  const organizations = new Map(doc.organizations.map((o) => [o.slug, o]));
  const incoming = new Map<string, Incoming[]>();
  doc.edges.forEach((edge, n) => {
    if (!nodes.has(edge.derived)) throw invalidInput(`edges[${n}].derived`, `"${edge.derived}" is not one of the document's nodes`);
    if (!nodes.has(edge.source)) throw invalidInput(`edges[${n}].source`, `"${edge.source}" is not one of the document's nodes`);
    incoming.set(edge.derived, [...(incoming.get(edge.derived) ?? []), { edge, n }]);
  });
  doc.nodes.forEach((node, i) => {
    const digests = node.kind === 'CHECKPOINT' ? [node.name] : node.checkpoints.map((c) => c.digest);
    digests.forEach((d, j) => {
      if (!DIGEST.test(d)) {
        const field = node.kind === 'CHECKPOINT' ? `nodes[${i}].name` : `nodes[${i}].checkpoints[${j}].digest`;
        throw invalidInput(field, `"${d}" is not a checkpoint digest`, 'sha256:<64 lower-case hex>');
      }
    });
  });
  return { nodes, organizations, incoming };
}

/** The node's one component with a bom-ref: canonical node facts and the facts of its incoming edges. */
function canonicalComponent(node: DocNode, index: DocIndex, ancestors: CdxComponent[] = []): CdxComponent {
  const incoming = index.incoming.get(node.ref) ?? [];
  const datasets = unique(incoming.filter((i) => i.edge.relation === 'TRAINED_ON').map((i) => i.edge.source));
  return {
    type: componentType(node),
    'bom-ref': node.ref,
    ...describe(node, index),
    ...(datasets.length ? { modelCard: { modelParameters: { datasets: datasets.map((ref) => ({ ref })) } } } : {}),
    ...(ancestors.length ? { pedigree: { ancestors } } : {}),
    properties: [...nodeProperties(node), ...checkpointProperties(node), ...incoming.flatMap(edgeProperties)],
  };
}

/** Fields every rendering of a node carries, canonical or nested copy. */
function describe(node: DocNode, index: DocIndex): Omit<CdxComponent, 'type'> {
  const org = node.publisher ? index.organizations.get(node.publisher) : undefined;
  const hashes = (node.kind === 'CHECKPOINT' ? [node.name] : node.checkpoints.map((c) => c.digest)).map(toHash);
  return {
    ...(node.publisher ? { supplier: { name: org?.name ?? node.publisher, ...(org?.country ? { address: { country: org.country } } : {}) } } : {}),
    name: node.name,
    ...(node.description !== null ? { description: node.description } : {}),
    ...(hashes.length ? { hashes } : {}),
    ...(node.license ? { licenses: [{ expression: node.license }] } : {}),
  };
}

function ancestorsOf(ref: string, index: DocIndex, onPath: Set<string>, budget: { left: number }): CdxComponent[] {
  const bySource = new Map<string, DocEdge[]>();
  for (const { edge } of index.incoming.get(ref) ?? []) bySource.set(edge.source, [...(bySource.get(edge.source) ?? []), edge]);
  const copies: CdxComponent[] = [];
  for (const [source, edges] of bySource) {
    // A registry document is acyclic; the path check only keeps a hand-made cyclic one from recursing forever.
    if (onPath.has(source)) continue;
    if (budget.left <= 0) break;
    budget.left -= 1;
    copies.push(ancestorCopy(index.nodes.get(source)!, edges, index, onPath, budget));
  }
  return copies;
}

/** A nested copy has no bom-ref (it must be unique in a BOM); `pedigree:copyOf` names the canonical component. */
function ancestorCopy(node: DocNode, edges: DocEdge[], index: DocIndex, onPath: Set<string>, budget: { left: number }): CdxComponent {
  onPath.add(node.ref);
  const ancestors = ancestorsOf(node.ref, index, onPath, budget);
  onPath.delete(node.ref);
  const sources = new Set((index.incoming.get(node.ref) ?? []).map((i) => i.edge.source));
  const truncated = ancestors.length < sources.size && budget.left <= 0;
  return {
    type: componentType(node),
    ...describe(node, index),
    ...(ancestors.length ? { pedigree: { ancestors } } : {}),
    properties: [
      prop(COPY_PROPS.copyOf, node.ref),
      prop(NODE_PROPS.kind, node.kind),
      ...optionalProp(NODE_PROPS.country, node.country),
      ...edges.map((e) => prop(COPY_PROPS.relation, e.relation)),
      ...edges.flatMap((e) => optionalProp(COPY_PROPS.mergeWeight, e.mergeWeight)),
      ...edges.flatMap((e) => Object.entries(edgeFacts(e)).map(([k, v]) => prop(COPY_PROPS[k as keyof ReturnType<typeof edgeFacts>], v))),
      ...(truncated ? [prop(COPY_PROPS.truncated, 'true')] : []),
    ],
  };
}

function nodeProperties(node: DocNode): CdxProperty[] {
  return [
    prop(NODE_PROPS.kind, node.kind),
    ...optionalProp(NODE_PROPS.publisher, node.publisher),
    ...optionalProp(NODE_PROPS.access, node.access),
    ...optionalProp(NODE_PROPS.modality, node.modality),
    ...optionalProp(NODE_PROPS.parameterCount, node.parameterCount),
    ...optionalProp(NODE_PROPS.releaseDate, node.releaseDate),
    ...optionalProp(NODE_PROPS.country, node.country),
    ...(node.licenseEvidence ? evidenceProperties(LICENSE_EVIDENCE_PREFIX, node.licenseEvidence) : []),
    ...(node.countryEvidence ? evidenceProperties(COUNTRY_EVIDENCE_PREFIX, node.countryEvidence) : []),
    ...optionalProp(NODE_PROPS.sourceKind, node.sourceKind ?? null),
    ...optionalProp(NODE_PROPS.sizeRange, node.sizeRange ?? null),
    ...(node.topDomains ?? []).map((d) => prop(NODE_PROPS.topDomain, d)),
    ...(node.profileEvidence ? evidenceProperties(PROFILE_EVIDENCE_PREFIX, node.profileEvidence) : []),
  ];
}

function checkpointProperties(node: DocNode): CdxProperty[] {
  return node.checkpoints.flatMap((c) => [
    prop(`${CHECKPOINT_PREFIX}${c.digest}:format`, c.format),
    ...optionalProp(`${CHECKPOINT_PREFIX}${c.digest}:sizeBytes`, c.sizeBytes),
    ...(c.signature
      ? [
          prop(`${CHECKPOINT_PREFIX}${c.digest}:signature:status`, c.signature.status),
          ...optionalProp(`${CHECKPOINT_PREFIX}${c.digest}:signature:signer`, c.signature.signer),
        ]
      : []),
  ]);
}

function edgeProperties({ edge, n }: Incoming): CdxProperty[] {
  const p = `${EDGE_PREFIX}${n}:`;
  return [
    prop(`${p}source`, edge.source),
    prop(`${p}relation`, edge.relation),
    ...optionalProp(`${p}mergeWeight`, edge.mergeWeight),
    ...EDGE_FACTS.flatMap((k) => optionalProp(`${p}${k}`, edge[k] ?? null)),
    ...evidenceProperties(`${p}evidence:`, edge.evidence),
  ];
}

function organizationProperties(org: DocOrganization): CdxProperty[] {
  const p = `${ORGANIZATION_PREFIX}${org.slug}:`;
  return [
    prop(`${p}name`, org.name),
    prop(`${p}kind`, org.kind),
    ...optionalProp(`${p}country`, org.country),
    ...optionalProp(`${p}parent`, org.parent),
    ...(org.evidence ? evidenceProperties(`${p}evidence:`, org.evidence) : []),
  ];
}

function licenseProperties(license: DocCustomLicense): CdxProperty[] {
  const p = `${LICENSE_PREFIX}${license.key}:`;
  return [
    prop(`${p}name`, license.name),
    ...optionalProp(`${p}url`, license.url),
    prop(`${p}commercialUse`, String(license.commercialUse)),
    prop(`${p}nonCommercial`, String(license.nonCommercial)),
    prop(`${p}attributionRequired`, String(license.attributionRequired)),
    ...optionalProp(`${p}userThreshold`, license.userThreshold),
    // One property per restriction: CycloneDX allows repeated names, and order is kept.
    ...license.useRestrictions.map((r) => prop(`${p}useRestriction`, r)),
  ];
}

function dependencyOf(node: DocNode, index: DocIndex): CdxDependency {
  const sources = unique((index.incoming.get(node.ref) ?? []).map((i) => i.edge.source));
  return { ref: node.ref, ...(sources.length ? { dependsOn: sources } : {}) };
}

function componentType(node: DocNode): string {
  return node.kind === 'DATASET' ? COMPONENT_TYPE.data : COMPONENT_TYPE.model;
}

function toHash(digest: string): CdxHash {
  return { alg: 'SHA-256', content: digest.slice('sha256:'.length) };
}

/** A content hash shaped as an RFC 4122 name-based UUID, so the serial number is stable per content. */
function contentUuid(content: string): string {
  const hex = createHash('sha256').update(content).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function prop(name: string, value: string): CdxProperty {
  return { name, value };
}

function optionalProp(name: string, value: string | number | null): CdxProperty[] {
  return value === null ? [] : [prop(name, String(value))];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
