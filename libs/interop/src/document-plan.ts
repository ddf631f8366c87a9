import { invalidInput, isHttpUrl } from '@pedigree/core';
import { ImportFinding, ImportOp, ImportPlan } from './import-plan';
import { DocEdge, DocEvidence, DocNode, DocOrganization, edgeFacts, LineageDocument } from './lineage-document';

/** Named as registrar and evidence collector on everything an import writes. */
export const IMPORT_COLLECTOR = 'pedigree import';

const CHECKPOINT_FORMATS = new Set(['COREML', 'FLAX', 'GGUF', 'MLX', 'ONNX', 'OPENVINO', 'OTHER', 'PYTORCH', 'SAFETENSORS', 'TENSORFLOW', 'TENSORRT']);

/**
 * Turns a lineage document (from a CycloneDX BOM or another registry's export) into the mutations
 * that recreate it, in dependency order: organizations (parents first), custom licenses, models and
 * datasets without lineage, checkpoints, then one assertLineage per edge. Catalog records are
 * `onlyIfAbsent`, so a partly filled registry keeps its richer records; edges always go through
 * assertLineage, so the registry's cycle check and evidence rules apply to each.
 */
export function planFromLineageDocument(doc: LineageDocument, source: string): ImportPlan {
  const findings: ImportFinding[] = [];
  const nodes = new Map(doc.nodes.map((n) => [n.ref, n]));
  const imported = importEvidence(source);
  const orgs = parentsFirst(doc.organizations);
  const organizations: ImportOp[] = orgs.map((o) => ({
    mutation: 'registerOrganization',
    input: {
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      ...maybe('country', o.country),
      ...maybe('parent', o.parent),
      evidence: o.evidence ? evidenceInput(o.evidence, o.slug, findings) : imported,
    },
    label: `organization "${o.slug}"`,
    onlyIfAbsent: { query: 'organization', name: o.slug },
  }));
  for (const o of orgs) {
    if (o.parent && !doc.organizations.some((p) => p.slug === o.parent)) {
      findings.push({ kind: 'parent-not-in-document', subject: o.slug, detail: `parent "${o.parent}" must already be registered` });
    }
  }

  const licenses: ImportOp[] = doc.customLicenses.map((l) => ({
    mutation: 'registerLicense',
    input: {
      key: l.key,
      name: l.name,
      ...maybe('url', l.url),
      commercialUse: l.commercialUse,
      nonCommercial: l.nonCommercial,
      attributionRequired: l.attributionRequired,
      ...maybe('userThreshold', l.userThreshold),
      ...(l.useRestrictions.length ? { useRestrictions: l.useRestrictions } : {}),
      evidence: imported,
    },
    label: `license "${l.key}"`,
  }));

  const catalog = doc.nodes.flatMap((n): ImportOp[] => {
    if (n.kind === 'CHECKPOINT') return [];
    const override = countryOverride(n, doc.organizations, source, findings);
    if (n.kind === 'DATASET') {
      return [
        {
          mutation: 'registerDataset',
          input: {
            name: n.name,
            ...maybe('publisher', n.publisher),
            ...maybe('license', n.license),
            ...maybe('description', n.description),
            ...maybe('sourceKind', n.sourceKind ?? null),
            ...maybe('sizeRange', n.sizeRange ?? null),
            ...(n.topDomains?.length ? { topDomains: n.topDomains } : {}),
            ...(n.profileEvidence ? { profileEvidence: evidenceInput(n.profileEvidence, n.name, findings) } : {}),
            ...override,
            evidence: imported,
          },
          label: `dataset "${n.name}"`,
          onlyIfAbsent: { query: 'dataset', name: n.name },
        },
      ];
    }
    if (!n.access) findings.push({ kind: 'access-assumed', subject: n.name, detail: 'access unknown in the source; registered as OPEN_WEIGHTS' });
    if (n.description)
      findings.push({ kind: 'not-representable', subject: n.name, detail: 'models have no description field; the description was not imported' });
    return [
      {
        mutation: 'registerModel',
        input: {
          name: n.name,
          access: n.access ?? 'OPEN_WEIGHTS',
          ...maybe('publisher', n.publisher),
          ...maybe('license', n.license),
          ...(n.license && n.licenseEvidence ? { licenseEvidence: evidenceInput(n.licenseEvidence, n.name, findings) } : {}),
          ...maybe('modality', n.modality),
          ...maybe('parameterCount', n.parameterCount),
          ...maybe('releaseDate', n.releaseDate),
          ...override,
          evidence: imported,
        },
        label: `model "${n.name}"`,
        onlyIfAbsent: { query: 'model', name: n.name },
      },
    ];
  });

  const registered = new Set<string>();
  const checkpoints = doc.nodes.flatMap((n) =>
    n.checkpoints.map((c): ImportOp => {
      registered.add(c.digest);
      const format = CHECKPOINT_FORMATS.has(c.format) ? c.format : 'OTHER';
      if (format !== c.format)
        findings.push({ kind: 'format-normalized', subject: c.digest, detail: `format "${c.format}" is not known to the registry; registered as OTHER` });
      return {
        mutation: 'registerCheckpoint',
        input: { digest: c.digest, format, ...maybe('sizeBytes', c.sizeBytes), model: { model: n.name }, registeredBy: IMPORT_COLLECTOR, evidence: imported },
        label: `checkpoint ${c.digest.slice(0, 19)}… of "${n.name}"`,
        // A checkpoint already registered (by its pipeline, with its own evidence) stays as it is.
        onlyIfAbsent: { query: 'checkpoint', name: c.digest },
      };
    }),
  );
  for (const n of doc.nodes) {
    if (n.kind === 'CHECKPOINT' && !registered.has(n.name)) {
      findings.push({
        kind: 'checkpoint-without-model',
        subject: n.name,
        detail: 'no model in the document lists this checkpoint; its edges need it to be registered already',
      });
    }
  }

  const edges = doc.edges.map((e, i): ImportOp => {
    const derived = nodeAt(nodes, e.derived, `edges[${i}].derived`);
    const src = nodeAt(nodes, e.source, `edges[${i}].source`);
    return {
      mutation: 'assertLineage',
      input: {
        derived: nodeRefInput(derived),
        source: nodeRefInput(src),
        relation: e.relation,
        ...maybe('mergeWeight', e.mergeWeight),
        ...edgeFacts(e),
        evidence: edgeEvidence(e, findings),
      },
      label: `edge ${derived.name} -[${e.relation}]-> ${src.name}`,
      edge: { derived: derived.name, source: src.name, relation: e.relation },
    };
  });

  return {
    source,
    ops: [...organizations, ...licenses, ...catalog, ...checkpoints, ...edges],
    findings,
    counts: {
      organizations: organizations.length,
      licenses: licenses.length,
      models: catalog.filter((o) => o.mutation === 'registerModel').length,
      datasets: catalog.filter((o) => o.mutation === 'registerDataset').length,
      checkpoints: checkpoints.length,
      edges: edges.length,
    },
  };
}

/** Organizations ordered so that every parent is registered before its children. */
function parentsFirst(orgs: DocOrganization[]): DocOrganization[] {
  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  const out: DocOrganization[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (o: DocOrganization, i: number) => {
    if (state.get(o.slug) === 'done') return;
    if (state.get(o.slug) === 'visiting')
      throw invalidInput(`organizations[${i}].parent`, `"${o.slug}" is its own ancestor`, 'an ownership tree without loops');
    state.set(o.slug, 'visiting');
    const parent = o.parent ? bySlug.get(o.parent) : undefined;
    if (parent) visit(parent, orgs.indexOf(parent));
    state.set(o.slug, 'done');
    out.push(o);
  };
  orgs.forEach(visit);
  return out;
}

/**
 * The registry derives a country from the publisher's ultimate parent; only a country that differs
 * from that (or one with no publisher to derive it from) needs an explicit override.
 */
function countryOverride(n: DocNode, orgs: DocOrganization[], source: string, findings: ImportFinding[]): Record<string, unknown> {
  if (!n.country) return {};
  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  let org = n.publisher ? bySlug.get(n.publisher) : undefined;
  if (n.publisher && !org) return {};
  for (let hops = 0; org?.parent && bySlug.has(org.parent) && hops < orgs.length; hops++) org = bySlug.get(org.parent);
  if (org && org.country === n.country) return {};
  return {
    countryOverride: {
      country: n.country,
      evidence: n.countryEvidence
        ? evidenceInput(n.countryEvidence, n.name, findings)
        : { ...importEvidence(source), justification: `Country of origin ${n.country} as recorded in ${source}.` },
    },
  };
}

function importEvidence(source: string): Record<string, unknown> {
  return {
    origin: 'THIRD_PARTY_REPORT',
    justification: `Imported from lineage document ${source}.`,
    documentRef: httpUrl(source),
    collector: IMPORT_COLLECTOR,
  };
}

function edgeEvidence(e: DocEdge, findings: ImportFinding[]): Record<string, unknown> {
  return evidenceInput(e.evidence, `${e.derived} -> ${e.source}`, findings);
}

/**
 * A claim's evidence as the document states it, time included, so an export of the imported
 * registry cites the same. The registry accepts only http(s) URLs as documentRef; anything else is
 * kept in the justification.
 */
function evidenceInput(ev: DocEvidence, subject: string, findings: ImportFinding[]): Record<string, unknown> {
  const url = ev.documentRef === null ? null : httpUrl(ev.documentRef);
  let justification = ev.justification;
  if (ev.documentRef !== null && url === null) {
    justification = `${justification} (document: ${ev.documentRef})`;
    findings.push({
      kind: 'document-ref-moved',
      subject,
      detail: `"${ev.documentRef}" is not an http(s) URL; kept in the justification`,
    });
  }
  return {
    origin: ev.origin,
    justification,
    documentRef: url,
    confidence: ev.confidence,
    ...maybe('collector', ev.collector),
    ...maybe('observedAt', ev.observedAt ?? null),
  };
}

function nodeRefInput(n: DocNode): Record<string, string> {
  return n.kind === 'MODEL' ? { model: n.name } : n.kind === 'DATASET' ? { dataset: n.name } : { checkpoint: n.name };
}

function nodeAt(nodes: Map<string, DocNode>, ref: string, field: string): DocNode {
  const n = nodes.get(ref);
  if (!n) throw invalidInput(field, `"${ref}" is not one of the document's nodes`);
  return n;
}

function httpUrl(value: string): string | null {
  return isHttpUrl(value) ? value : null;
}

function maybe<K extends string, V>(key: K, value: V | null): Record<K, V> | Record<string, never> {
  return value === null ? {} : ({ [key]: value } as Record<K, V>);
}
