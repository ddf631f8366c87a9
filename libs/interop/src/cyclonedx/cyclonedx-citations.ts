import { invalidInput } from '@pedigree/core';
import { DocEvidence, LineageDocument } from '../lineage-document';
import { CdxCitation, CdxComponent, CycloneDxBom, EDGE_PREFIX, NODE_PROPS, ORGANIZATION_PREFIX } from './cyclonedx-bom';

/** The bom-ref of the Pedigree tool entry: what a claim is attributed to when its evidence names no collector. */
export const PEDIGREE_TOOL_REF = 'tool:pedigree';
const COLLECTOR_REF = 'collector:';

/**
 * One CycloneDX 1.7 citation per evidenced claim: an edge (its property group), a node's license,
 * country and dataset profile (source kind, size range, top domains), and an organization's country and ownership. `pointers` are RFC 6901 JSON pointers
 * to the fields the claim fills; `attributedTo` is the evidence's collector (listed once in
 * `metadata.tools.components`), else the registry; `timestamp` is when the evidence was observed.
 * The note carries what a citation has no field for: origin, document, confidence, justification.
 * Adds the collector entries to `bom.metadata.tools`. A claim without evidence gets no citation.
 */
export function citationsOf(bom: CycloneDxBom, doc: LineageDocument, fallbackTimestamp: string | undefined): CdxCitation[] {
  const collectors = new Set<string>();
  const cite = (ref: string, pointers: string[], ev: DocEvidence, field: string): CdxCitation => {
    const timestamp = ev.observedAt ?? fallbackTimestamp;
    if (!timestamp) throw invalidInput(field, 'has no observedAt, which a CycloneDX 1.7 citation requires', 'an ISO 8601 date-time, or a BOM timestamp');
    if (ev.collector) collectors.add(ev.collector);
    const note = [`${ev.origin}: ${ev.justification}`, ev.documentRef ? `Document: ${ev.documentRef}` : null, `Confidence: ${ev.confidence}`];
    return {
      'bom-ref': `citation:${ref}`,
      pointers,
      timestamp: new Date(timestamp).toISOString(),
      attributedTo: ev.collector ? `${COLLECTOR_REF}${ev.collector}` : PEDIGREE_TOOL_REF,
      note: note.filter(Boolean).join('\n'),
    };
  };

  const located = new Map<string, { component: CdxComponent; at: string }>([
    [bom.metadata.component['bom-ref']!, { component: bom.metadata.component, at: '/metadata/component' }],
    ...bom.components.map((c, i) => [c['bom-ref']!, { component: c, at: `/components/${i}` }] as const),
  ]);
  const propertyPointers = (component: CdxComponent, at: string, match: (name: string) => boolean) =>
    (component.properties ?? []).flatMap((p, k) => (match(p.name) ? [`${at}/properties/${k}`] : []));

  const out: CdxCitation[] = [];
  doc.edges.forEach((edge, n) => {
    const { component, at } = located.get(edge.derived)!;
    const group = `${EDGE_PREFIX}${n}:`;
    const pointers = propertyPointers(component, at, (name) => name.startsWith(group) && !name.startsWith(`${group}evidence:`));
    out.push(cite(`edge:${n}`, pointers, edge.evidence, `edges[${n}].evidence.observedAt`));
  });
  doc.nodes.forEach((node, i) => {
    const { component, at } = located.get(node.ref)!;
    if (node.license && node.licenseEvidence)
      out.push(cite(`license:${node.ref}`, [`${at}/licenses/0`], node.licenseEvidence, `nodes[${i}].licenseEvidence.observedAt`));
    const country = propertyPointers(component, at, (name) => name === NODE_PROPS.country);
    if (country.length && node.countryEvidence) out.push(cite(`country:${node.ref}`, country, node.countryEvidence, `nodes[${i}].countryEvidence.observedAt`));
    const profile = propertyPointers(component, at, (name) => name === NODE_PROPS.sourceKind || name === NODE_PROPS.sizeRange || name === NODE_PROPS.topDomain);
    if (profile.length && node.profileEvidence) out.push(cite(`profile:${node.ref}`, profile, node.profileEvidence, `nodes[${i}].profileEvidence.observedAt`));
  });
  const meta = { properties: bom.metadata.properties } as CdxComponent;
  doc.organizations.forEach((org, i) => {
    if (!org.evidence) return;
    const p = `${ORGANIZATION_PREFIX}${org.slug}:`;
    const claims = propertyPointers(meta, '/metadata', (name) => name === `${p}country` || name === `${p}parent`);
    const pointers = claims.length ? claims : propertyPointers(meta, '/metadata', (name) => name === `${p}name`);
    out.push(cite(`organization:${org.slug}`, pointers, org.evidence, `organizations[${i}].evidence.observedAt`));
  });

  for (const name of [...collectors].sort()) {
    bom.metadata.tools.components.push({
      type: 'application',
      'bom-ref': `${COLLECTOR_REF}${name}`,
      name,
      description: 'Collector of evidence recorded in Pedigree.',
    });
  }
  return out;
}
