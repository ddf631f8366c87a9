import { invalidInput, isHttpUrl } from '@pedigree/core';
import { DocNode, DocNodeKind, DocOrganization, LineageDocument, nodeRef } from '../lineage-document';
import { DocEdge, EDGE_FACTS } from '../lineage-document';
import { arrayAt, countryAt, Json, licenseAt, objectAt, oneOf, optionalObjectAt, optionalStringAt, propertiesAt, stringAt } from './bom-shape';
import { AUXILIARY_ROLES, COMPONENT_TYPE, COPY_PROPS, RELATIONS } from './cyclonedx-bom';

/**
 * Reads an ML-BOM that Pedigree did not write. CycloneDX links components but does not say how one
 * was derived from another, so each link becomes an edge whose relation is inferred from the two
 * component types, with evidence that says so:
 *   model -> model: FINETUNE, model -> data: TRAINED_ON, data -> model: GENERATED_BY, data -> data: DERIVED_FROM.
 * Links come from `pedigree.ancestors` (at any depth), `dependencies` and `modelCard.modelParameters.datasets`.
 * Components that are neither models nor data (libraries, applications) are left out, with their links.
 * An entry of `pedigree.ancestors` may state what CycloneDX cannot, in its own properties:
 * `pedigree:relation` (e.g. DISTILLATION or AUXILIARY, used instead of the inferred relation),
 * `pedigree:teacherSnapshot`, `pedigree:usedFrom`, `pedigree:usedTo` and `pedigree:auxiliaryRole`.
 */
export const INFERRED_CONFIDENCE = 0.5;
/** A relation the BOM states (pedigree:relation on an ancestor entry) is the author's word, not our guess. */
export const STATED_CONFIDENCE = 0.8;
export const INFERRED_COLLECTOR = 'pedigree cyclonedx import';

const DEFAULT_ORG_KIND: DocOrganization['kind'] = 'COMPANY';

interface State {
  source: string;
  nodes: Map<string, DocNode>;
  organizations: Map<string, DocOrganization>;
  /** bom-ref to node ref; null for components that are not models or data. */
  byBomRef: Map<string, string | null>;
  edges: Map<string, DocEdge>;
  /**
   * Per derived/source pair: whether an edge states its relation, and the key of an inferred one. A
   * stated relation (AUXILIARY, DISTILLATION) must not gain an inferred FINETUNE twin from the plain
   * `dependencies` link of the same pair: that would make a reward model or teacher a weight ancestor.
   */
  pairs: Map<string, { stated: boolean; inferredKey: string | null }>;
  /** modelCard dataset refs, resolved once every bom-ref is known. */
  datasetRefs: { derived: string; ref: string; path: string }[];
}

export function readForeignBom(root: Json, source: string): LineageDocument {
  const s: State = { source, nodes: new Map(), organizations: new Map(), byBomRef: new Map(), edges: new Map(), pairs: new Map(), datasetRefs: [] };
  const metadata = objectAt(root.metadata, 'metadata');
  const subject = visit(s, objectAt(metadata.component, 'metadata.component'), 'metadata.component');
  if (!subject) {
    throw invalidInput('metadata.component.type', 'the BOM is not about a model or dataset', `${COMPONENT_TYPE.model} or ${COMPONENT_TYPE.data}`);
  }
  arrayAt(root.components, 'components').forEach((c, i) => visit(s, objectAt(c, `components[${i}]`), `components[${i}]`));
  // Services are never lineage nodes, but dependencies may name them.
  arrayAt(root.services, 'services').forEach((raw, i) => {
    const ref = optionalStringAt(objectAt(raw, `services[${i}]`)['bom-ref'], `services[${i}].bom-ref`);
    if (ref && !s.byBomRef.has(ref)) s.byBomRef.set(ref, null);
  });
  for (const d of s.datasetRefs) {
    const target = resolve(s, d.ref, d.path);
    if (target) link(s, d.derived, target, 'modelCard.modelParameters.datasets');
  }
  arrayAt(root.dependencies, 'dependencies').forEach((raw, i) => {
    const dep = objectAt(raw, `dependencies[${i}]`);
    const from = resolve(s, stringAt(dep.ref, `dependencies[${i}].ref`), `dependencies[${i}].ref`);
    arrayAt(dep.dependsOn, `dependencies[${i}].dependsOn`).forEach((r, j) => {
      const path = `dependencies[${i}].dependsOn[${j}]`;
      const to = resolve(s, stringAt(r, path), path);
      if (from && to) link(s, from, to, 'dependencies');
    });
  });
  const byRef = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rest = [...s.nodes.values()].filter((n) => n.ref !== subject).sort((a, b) => byRef(a.ref, b.ref));
  return {
    subject,
    nodes: [s.nodes.get(subject)!, ...rest],
    edges: [...s.edges.values()].sort((a, b) => byRef(a.derived, b.derived) || byRef(a.source, b.source) || byRef(a.relation, b.relation)),
    organizations: [...s.organizations.values()].sort((a, b) => byRef(a.slug, b.slug)),
    customLicenses: [],
  };
}

/** Records a component (and its ancestors, recursively); returns its node ref, or null when it is not a model or data. */
function visit(s: State, component: Json, path: string): string | null {
  const type = stringAt(component.type, `${path}.type`);
  const bomRef = optionalStringAt(component['bom-ref'], `${path}.bom-ref`);
  const kind: DocNodeKind | null = type === COMPONENT_TYPE.model ? 'MODEL' : type === COMPONENT_TYPE.data ? 'DATASET' : null;
  // Sub-components are visited only so that links to them resolve (models inside an application, say).
  arrayAt(component.components, `${path}.components`).forEach((c, i) => visit(s, objectAt(c, `${path}.components[${i}]`), `${path}.components[${i}]`));
  if (!kind) {
    if (bomRef) s.byBomRef.set(bomRef, null);
    return null;
  }
  const node = readNode(s, component, path, kind);
  if (bomRef) {
    const known = s.byBomRef.get(bomRef);
    if (known !== undefined && known !== node.ref) throw invalidInput(`${path}.bom-ref`, `"${bomRef}" already names "${known}"`, 'a bom-ref unique in the BOM');
    s.byBomRef.set(bomRef, node.ref);
  }
  merge(s, node);
  const model = optionalObjectAt(component.modelCard, `${path}.modelCard`);
  const params = model ? optionalObjectAt(model.modelParameters, `${path}.modelCard.modelParameters`) : null;
  arrayAt(params?.datasets, `${path}.modelCard.modelParameters.datasets`).forEach((raw, i) => {
    const at = `${path}.modelCard.modelParameters.datasets[${i}]`;
    const entry = objectAt(raw, at);
    if (entry.ref !== undefined) s.datasetRefs.push({ derived: node.ref, ref: stringAt(entry.ref, `${at}.ref`), path: `${at}.ref` });
    else if (typeof entry.name === 'string' && entry.name.trim()) link(s, node.ref, inlineDataset(s, entry.name.trim()), 'modelCard.modelParameters.datasets');
  });
  const pedigree = optionalObjectAt(component.pedigree, `${path}.pedigree`);
  arrayAt(pedigree?.ancestors, `${path}.pedigree.ancestors`).forEach((raw, i) => {
    const at = `${path}.pedigree.ancestors[${i}]`;
    const entry = objectAt(raw, at);
    const ancestor = visit(s, entry, at);
    if (ancestor) link(s, node.ref, ancestor, 'pedigree.ancestors', statedLink(entry, at));
  });
  return node.ref;
}

function readNode(s: State, c: Json, path: string, kind: DocNodeKind): DocNode {
  const group = optionalStringAt(c.group, `${path}.group`)?.trim();
  const base = stringAt(c.name, `${path}.name`).trim();
  const name = group ? `${group}/${base}` : base;
  const org = readSupplier(s, c, path);
  return {
    ref: nodeRef(kind, name),
    kind,
    name,
    publisher: org?.slug ?? null,
    license: licenseAt(c.licenses, `${path}.licenses`),
    access: null,
    modality: null,
    parameterCount: null,
    releaseDate: null,
    description: optionalStringAt(c.description, `${path}.description`),
    country: org?.country ?? null,
    checkpoints: kind === 'MODEL' ? readHashes(c, path) : [],
  };
}

/** The supplier (else the 1.6 manufacturer) becomes the publisher; CycloneDX has no kind of organization, so COMPANY is assumed. */
function readSupplier(s: State, c: Json, path: string): DocOrganization | null {
  const field = c.supplier !== undefined ? 'supplier' : 'manufacturer';
  const entity = optionalObjectAt(c[field], `${path}.${field}`);
  const name = entity ? optionalStringAt(entity.name, `${path}.${field}.name`)?.trim() : null;
  if (!entity || !name) return null;
  const address = optionalObjectAt(entity.address, `${path}.${field}.address`);
  const country = address ? countryAt(address.country, `${path}.${field}.address.country`) : null;
  const slug = slugify(name);
  if (!slug) throw invalidInput(`${path}.${field}.name`, `"${name}" has no letters or digits to make an organization slug from`);
  const known = s.organizations.get(slug);
  const org: DocOrganization = { slug, name: known?.name ?? name, country: known?.country ?? country, kind: DEFAULT_ORG_KIND, parent: null };
  s.organizations.set(slug, org);
  return org;
}

/** Only SHA-256 hashes become checkpoints: Pedigree identifies weights by their sha256 digest. */
function readHashes(c: Json, path: string): DocNode['checkpoints'] {
  return arrayAt(c.hashes, `${path}.hashes`).flatMap((raw, i) => {
    const at = `${path}.hashes[${i}]`;
    const hash = objectAt(raw, at);
    if (stringAt(hash.alg, `${at}.alg`) !== 'SHA-256') return [];
    const hex = stringAt(hash.content, `${at}.content`).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw invalidInput(`${at}.content`, 'is not a SHA-256 digest', '64 hex digits');
    return [{ digest: `sha256:${hex}`, format: 'OTHER', sizeBytes: null }];
  });
}

/** The same model may appear several times (flat list, ancestor copies): known facts are kept, gaps filled. */
function merge(s: State, node: DocNode): void {
  const known = s.nodes.get(node.ref);
  if (!known) {
    s.nodes.set(node.ref, node);
    return;
  }
  const digests = new Set(known.checkpoints.map((c) => c.digest));
  s.nodes.set(node.ref, {
    ...known,
    publisher: known.publisher ?? node.publisher,
    license: known.license ?? node.license,
    description: known.description ?? node.description,
    country: known.country ?? node.country,
    checkpoints: [...known.checkpoints, ...node.checkpoints.filter((c) => !digests.has(c.digest))],
  });
}

function inlineDataset(s: State, name: string): string {
  const node: DocNode = {
    ref: nodeRef('DATASET', name),
    kind: 'DATASET',
    name,
    publisher: null,
    license: null,
    access: null,
    modality: null,
    parameterCount: null,
    releaseDate: null,
    description: null,
    country: null,
    checkpoints: [],
  };
  merge(s, node);
  return node.ref;
}

function resolve(s: State, bomRef: string, path: string): string | null {
  const ref = s.byBomRef.get(bomRef);
  if (ref === undefined) throw invalidInput(path, `"${bomRef}" is not the bom-ref of any component in this BOM`);
  return ref;
}

export function inferRelation(derived: DocNodeKind, source: DocNodeKind): string {
  const derivedIsData = derived === 'DATASET';
  const sourceIsData = source === 'DATASET';
  if (derivedIsData) return sourceIsData ? 'DERIVED_FROM' : 'GENERATED_BY';
  return sourceIsData ? 'TRAINED_ON' : 'FINETUNE';
}

/** What an ancestor entry states about its link, in `pedigree:` properties; the registry checks it when the edge is asserted. */
interface StatedLink {
  relation: string | null;
  facts: Partial<Pick<DocEdge, (typeof EDGE_FACTS)[number]>>;
}

function statedLink(entry: Json, path: string): StatedLink {
  const props = propertiesAt(entry, path);
  const one = (name: string) => props.find((p) => p.name === name) ?? null;
  const relation = one(COPY_PROPS.relation);
  const facts: StatedLink['facts'] = {};
  for (const key of EDGE_FACTS) {
    const p = one(COPY_PROPS[key]);
    if (p?.value) facts[key] = key === 'auxiliaryRole' ? oneOf(p, AUXILIARY_ROLES) : p.value.trim();
  }
  return { relation: relation ? oneOf(relation, RELATIONS) : null, facts };
}

function link(s: State, derivedRef: string, sourceRef: string, where: string, stated: StatedLink = { relation: null, facts: {} }): void {
  if (derivedRef === sourceRef) return;
  const derived = s.nodes.get(derivedRef)!;
  const source = s.nodes.get(sourceRef)!;
  const relation = stated.relation ?? inferRelation(derived.kind, source.kind);
  const why = stated.relation
    ? `The ancestor entry states ${COPY_PROPS.relation} ${relation}.`
    : `CycloneDX does not type this relation, so ${relation} was inferred from the component types ` +
      `(${derived.kind.toLowerCase()} from ${source.kind.toLowerCase()}).`;
  const pairKey = `${derivedRef}\u0000${sourceRef}`;
  const key = `${pairKey}\u0000${relation}`;
  if (s.edges.has(key)) return;
  const pair = s.pairs.get(pairKey) ?? s.pairs.set(pairKey, { stated: false, inferredKey: null }).get(pairKey)!;
  if (!stated.relation) {
    // The pair is already linked: an inferred relation adds nothing a stated or earlier one does not say.
    if (pair.stated || pair.inferredKey) return;
    pair.inferredKey = key;
  } else {
    if (pair.inferredKey) s.edges.delete(pair.inferredKey);
    pair.inferredKey = null;
    pair.stated = true;
  }
  s.edges.set(key, {
    derived: derivedRef,
    source: sourceRef,
    relation,
    mergeWeight: null,
    ...stated.facts,
    evidence: {
      origin: 'THIRD_PARTY_REPORT',
      justification: `CycloneDX BOM ${s.source}: ${where} links "${derived.name}" to "${source.name}". ${why}`,
      documentRef: isHttpUrl(s.source) ? s.source : null,
      confidence: stated.relation ? STATED_CONFIDENCE : INFERRED_CONFIDENCE,
      collector: INFERRED_COLLECTOR,
    },
  });
}

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
