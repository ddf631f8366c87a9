import { DatasetKind, DatasetSizeRange, invalidInput } from '@pedigree/core';
import { DocCheckpoint, DocCustomLicense, DocEdge, DocNode, DocNodeKind, DocOrganization, EDGE_FACTS, LineageDocument, nodeRef } from '../lineage-document';
import {
  arrayAt,
  booleanFrom,
  countryAt,
  Json,
  licenseAt,
  numberFrom,
  objectAt,
  oneOf,
  optionalStringAt,
  PropertyAt,
  propertiesAt,
  stringAt,
} from './bom-shape';
import {
  AUXILIARY_ROLES,
  CHECKPOINT_PREFIX,
  COUNTRY_EVIDENCE_PREFIX,
  EDGE_PREFIX,
  FORMAT_PROPERTY,
  FORMAT_VERSION,
  LICENSE_EVIDENCE_PREFIX,
  LICENSE_PREFIX,
  NODE_PROPS,
  ORGANIZATION_PREFIX,
  PROFILE_EVIDENCE_PREFIX,
  RELATIONS,
} from './cyclonedx-bom';

import { hasEvidence, readEvidence } from './evidence-properties';
import { readForeignBom } from './foreign-bom-reader';

const KINDS: readonly DocNodeKind[] = ['MODEL', 'DATASET', 'CHECKPOINT'];
const ACCESS = ['OPEN_WEIGHTS', 'API_ONLY', 'CLOSED'] as const;
const DIGEST_FACT = /^(sha256:[0-9a-f]{64}):(.+)$/;
const ORG_KINDS = ['ACADEMIC', 'COMMUNITY', 'COMPANY', 'GOVERNMENT', 'INDIVIDUAL', 'NONPROFIT'] as const;

/**
 * Reads a CycloneDX BOM into a lineage document. A BOM Pedigree wrote (marked by `pedigree:format`
 * in `metadata.properties`) is read exactly from its properties; any other ML-BOM is read by
 * inference (see foreign-bom-reader.ts). `source` names the file or URL in inferred evidence.
 */
export function fromCycloneDx(bom: unknown, source: string): LineageDocument {
  const root = objectAt(bom, '(root)');
  if (root.bomFormat !== 'CycloneDX') throw invalidInput('bomFormat', `${JSON.stringify(root.bomFormat)} is not a CycloneDX BOM`, '"CycloneDX"');
  const spec = stringAt(root.specVersion, 'specVersion');
  if (!/^1\.\d+$/.test(spec)) throw invalidInput('specVersion', `"${spec}" is not a CycloneDX 1.x version`, '1.5, 1.6 or 1.7');
  const metadata = objectAt(root.metadata, 'metadata');
  const format = propertiesAt(metadata, 'metadata').find((p) => p.name === FORMAT_PROPERTY);
  if (!format) return readForeignBom(root, source);
  if (format.value !== FORMAT_VERSION) throw invalidInput(format.path, `"${format.value}" is not a vocabulary this reader knows`, FORMAT_VERSION);
  return readPedigreeBom(root, metadata);
}

interface Entry {
  component: Json;
  path: string;
  props: PropertyAt[];
  node: DocNode;
}

function readPedigreeBom(root: Json, metadata: Json): LineageDocument {
  const raw = [
    { value: metadata.component, path: 'metadata.component' },
    ...arrayAt(root.components, 'components').map((value, i) => ({ value, path: `components[${i}]` })),
  ];
  const entries = raw.map(({ value, path }) => readEntry(objectAt(value, path), path));
  const byBomRef = new Map<string, string>();
  for (const e of entries) {
    const at = `${e.path}.bom-ref`;
    const bomRef = stringAt(e.component['bom-ref'], at);
    if (byBomRef.has(bomRef)) throw invalidInput(at, `"${bomRef}" is used by more than one component`, 'a bom-ref unique in the BOM');
    byBomRef.set(bomRef, e.node.ref);
  }
  const nodeRefs = new Set(entries.map((e) => e.node.ref));
  if (nodeRefs.size !== entries.length) throw invalidInput('components', 'lists the same node twice', 'each node once');
  const edges = entries.flatMap((e) => readEdges(e, byBomRef)).sort((a, b) => a.n - b.n);
  edges.forEach((e, i) => {
    if (i > 0 && edges[i - 1].n === e.n) throw invalidInput(e.path, `edge number ${e.n} is used twice`, 'one property group per edge');
  });
  const meta = propertiesAt(metadata, 'metadata');
  return {
    subject: entries[0].node.ref,
    nodes: entries.map((e) => e.node),
    edges: edges.map((e) => e.edge),
    organizations: groups(meta, ORGANIZATION_PREFIX, 'first').map(([slug, props]) => readOrganization(slug, props)),
    customLicenses: groups(meta, LICENSE_PREFIX, 'last').map(([key, props]) => readLicense(key, props)),
  };
}

function readEntry(component: Json, path: string): Entry {
  const props = propertiesAt(component, path);
  const one = (name: string) => props.find((p) => p.name === name) ?? null;
  const kindProp = one(NODE_PROPS.kind);
  if (!kindProp) throw invalidInput(`${path}.properties`, `has no ${NODE_PROPS.kind} property`, KINDS.join(', '));
  const kind = oneOf(kindProp, KINDS);
  const name = stringAt(component.name, `${path}.name`);
  const text = (p: PropertyAt | null) => p?.value ?? null;
  const access = one(NODE_PROPS.access);
  const parameterCount = one(NODE_PROPS.parameterCount);
  const country = one(NODE_PROPS.country);
  const node: DocNode = {
    ref: nodeRef(kind, name),
    kind,
    name,
    publisher: text(one(NODE_PROPS.publisher)),
    license: licenseAt(component.licenses, `${path}.licenses`),
    access: access ? oneOf(access, ACCESS) : null,
    modality: text(one(NODE_PROPS.modality)),
    parameterCount: parameterCount ? numberFrom(parameterCount) : null,
    releaseDate: text(one(NODE_PROPS.releaseDate)),
    description: optionalStringAt(component.description, `${path}.description`),
    country: country ? countryAt(country.value, country.path) : null,
    checkpoints: kind === 'CHECKPOINT' ? [] : readCheckpoints(component, path, props),
    ...optionalEvidence('licenseEvidence', props, LICENSE_EVIDENCE_PREFIX, `${path}.properties`),
    ...optionalEvidence('countryEvidence', props, COUNTRY_EVIDENCE_PREFIX, `${path}.properties`),
    ...readProfile(props, `${path}.properties`),
  };
  return { component, path, props, node };
}

/** The EU summary's dataset facts, only as far as the BOM states them, so a document without them reads back without them. */
function readProfile(props: PropertyAt[], where: string): Pick<DocNode, 'sourceKind' | 'sizeRange' | 'topDomains' | 'profileEvidence'> {
  const kind = props.find((p) => p.name === NODE_PROPS.sourceKind);
  const size = props.find((p) => p.name === NODE_PROPS.sizeRange);
  const domains = props.filter((p) => p.name === NODE_PROPS.topDomain).map((p) => stringAt(p.value, p.path));
  return {
    ...(kind ? { sourceKind: oneOf(kind, Object.values(DatasetKind)) } : {}),
    ...(size ? { sizeRange: oneOf(size, Object.values(DatasetSizeRange)) } : {}),
    ...(domains.length ? { topDomains: domains } : {}),
    ...optionalEvidence('profileEvidence', props, PROFILE_EVIDENCE_PREFIX, where),
  };
}

function optionalEvidence<K extends string>(key: K, props: PropertyAt[], prefix: string, where: string) {
  return hasEvidence(props, prefix) ? ({ [key]: readEvidence(props, prefix, where) } as Record<K, ReturnType<typeof readEvidence>>) : {};
}

/** Digests come from `hashes` (SHA-256 only); format, size and signature from the properties keyed by digest. */
function readCheckpoints(component: Json, path: string, props: PropertyAt[]): DocCheckpoint[] {
  const facts = new Map<string, PropertyAt[]>();
  for (const p of props) {
    if (!p.name.startsWith(CHECKPOINT_PREFIX)) continue;
    const m = DIGEST_FACT.exec(p.name.slice(CHECKPOINT_PREFIX.length));
    if (!m) throw invalidInput(p.path.replace(/\.value$/, '.name'), `"${p.name}" is not ${CHECKPOINT_PREFIX}<digest>:<field>`);
    facts.set(m[1], [...(facts.get(m[1]) ?? []), { ...p, name: m[2] }]);
  }
  return arrayAt(component.hashes, `${path}.hashes`).flatMap((raw, i) => {
    const at = `${path}.hashes[${i}]`;
    const hash = objectAt(raw, at);
    if (stringAt(hash.alg, `${at}.alg`) !== 'SHA-256') return [];
    const hex = stringAt(hash.content, `${at}.content`).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw invalidInput(`${at}.content`, 'is not a SHA-256 digest', '64 hex digits');
    const digest = `sha256:${hex}`;
    const own = facts.get(digest) ?? [];
    const format = own.find((p) => p.name === 'format');
    const size = own.find((p) => p.name === 'sizeBytes');
    const status = own.find((p) => p.name === 'signature:status');
    if (status && !/^[A-Z][A-Z_]*$/.test(status.value ?? ''))
      throw invalidInput(status.path, `"${status.value}" is not a signature status`, 'an upper-case word such as VERIFIED');
    const signer = own.find((p) => p.name === 'signature:signer')?.value ?? null;
    return [
      {
        digest,
        format: format?.value ?? 'OTHER',
        sizeBytes: size ? numberFrom(size) : null,
        ...(status ? { signature: { status: status.value!, signer } } : {}),
      },
    ];
  });
}

interface NumberedEdge {
  n: number;
  path: string;
  edge: DocEdge;
}

function readEdges(entry: Entry, byBomRef: Map<string, string>): NumberedEdge[] {
  return groups(entry.props, EDGE_PREFIX, 'first').map(([n, props]) => {
    const get = (name: string, required = true) => {
      const p = props.find((x) => x.name === name) ?? null;
      if (!p && required) throw invalidInput(`${entry.path}.properties`, `edge ${n} has no ${EDGE_PREFIX}${n}:${name} property`);
      return p;
    };
    const sourceProp = get('source')!;
    const source = byBomRef.get(sourceProp.value ?? '');
    if (!source) throw invalidInput(sourceProp.path, `"${sourceProp.value}" is not the bom-ref of a component in this BOM`);
    if (!/^\d+$/.test(n)) throw invalidInput(sourceProp.path, `"${n}" is not an edge number`);
    const mergeWeight = get('mergeWeight', false);
    const evidence = readEvidence(props, 'evidence:', `${entry.path}.properties`, `${EDGE_PREFIX}${n}:evidence:`);
    const relation = oneOf(get('relation')!, RELATIONS);
    // Checked again by the registry (relation, dates, period) when the edge is asserted; read as written here.
    const facts = Object.fromEntries(
      EDGE_FACTS.flatMap((k) => {
        const p = get(k, false);
        if (!p?.value) return [];
        return [[k, k === 'auxiliaryRole' ? oneOf(p, AUXILIARY_ROLES) : p.value]];
      }),
    );
    return {
      n: Number(n),
      path: sourceProp.path,
      edge: { derived: entry.node.ref, source, relation, mergeWeight: mergeWeight ? numberFrom(mergeWeight) : null, evidence, ...facts },
    };
  });
}

function readOrganization(slug: string, props: PropertyAt[]): DocOrganization {
  const get = (name: string) => props.find((p) => p.name === name) ?? null;
  const name = get('name');
  const kind = get('kind');
  if (!name || !kind) throw invalidInput('metadata.properties', `organization "${slug}" needs both ${ORGANIZATION_PREFIX}${slug}:name and :kind`);
  const country = get('country');
  const evidence = hasEvidence(props, 'evidence:')
    ? { evidence: readEvidence(props, 'evidence:', 'metadata.properties', `${ORGANIZATION_PREFIX}${slug}:evidence:`) }
    : {};
  return {
    slug,
    name: stringAt(name.value, name.path),
    country: country ? countryAt(country.value, country.path) : null,
    kind: oneOf(kind, ORG_KINDS),
    parent: get('parent')?.value ?? null,
    ...evidence,
  };
}

function readLicense(key: string, props: PropertyAt[]): DocCustomLicense {
  const get = (name: string) => props.find((p) => p.name === name) ?? null;
  const need = (name: string) => {
    const p = get(name);
    if (!p) throw invalidInput('metadata.properties', `custom license "${key}" has no ${LICENSE_PREFIX}${key}:${name} property`);
    return p;
  };
  const threshold = get('userThreshold');
  return {
    key,
    name: stringAt(need('name').value, need('name').path),
    url: get('url')?.value ?? null,
    commercialUse: booleanFrom(need('commercialUse')),
    nonCommercial: booleanFrom(need('nonCommercial')),
    attributionRequired: booleanFrom(need('attributionRequired')),
    userThreshold: threshold ? numberFrom(threshold) : null,
    useRestrictions: props.filter((p) => p.name === 'useRestriction').map((p) => p.value ?? ''),
  };
}

/**
 * Groups `<prefix><key>:<field>` properties by key, in first-seen order, with `name` cut to the
 * field. Keys split at the first colon (edge numbers) or the last one (digests contain a colon).
 */
function groups(props: PropertyAt[], prefix: string, split: 'first' | 'last'): [string, PropertyAt[]][] {
  const out = new Map<string, PropertyAt[]>();
  for (const p of props) {
    if (!p.name.startsWith(prefix)) continue;
    const rest = p.name.slice(prefix.length);
    const at = split === 'first' ? rest.indexOf(':') : rest.lastIndexOf(':');
    if (at <= 0) throw invalidInput(p.path.replace(/\.value$/, '.name'), `"${p.name}" is not ${prefix}<key>:<field>`);
    const key = rest.slice(0, at);
    out.set(key, [...(out.get(key) ?? []), { ...p, name: rest.slice(at + 1) }]);
  }
  return [...out];
}
