import { createHash } from 'node:crypto';
import { canonicalize, invalidInput } from '@pedigree/core';
import { DocEdge, DocNode, EDGE_FACTS, LineageDocument } from '../lineage-document';
import { NODE_PROPS } from '../cyclonedx/cyclonedx-bom';
import { CREATION_INFO_ID, definedOnly, element, properties, relationship, releaseTime, SPDX_CONTEXT, SPDX_VERSION, SpdxObject } from './spdx-elements';
import { licenseElements, licenseRelationships } from './spdx-licenses';

export interface SpdxOptions {
  /** IRI prefix of every spdxId. Defaults to a URN derived from the document's content. */
  namespace?: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. Defaults to the Unix epoch so that the same document yields the same bytes. */
  created?: string;
  /** Version of the Pedigree build, named in the creating Tool. */
  toolVersion?: string;
  /**
   * Where a package can be downloaded. The AI profile expects one, but the registry does not record
   * it, so a caller that knows (e.g. a Hugging Face URL per model) supplies it; otherwise it is omitted.
   */
  downloadLocation?: (node: DocNode) => string | null;
}

export const DEFAULT_CREATED = '1970-01-01T00:00:00Z';

const WEIGHTED = new Set(['FINETUNE', 'ADAPTER', 'MERGE', 'QUANTIZATION', 'DISTILLATION', 'CONTINUED_PRETRAINING', 'PRUNING', 'DERIVED_FROM']);
const TRAINING_WORDS: Record<string, string> = {
  FINETUNE: 'Fine-tuned from',
  ADAPTER: 'Adapter on',
  MERGE: 'Merged from',
  QUANTIZATION: 'Quantized from',
  DISTILLATION: 'Distilled from',
  CONTINUED_PRETRAINING: 'Continued pretraining of',
  PRUNING: 'Pruned from',
  TRAINED_ON: 'Trained on',
  AUXILIARY: 'Shaped by the auxiliary model',
};
const DATASET_TYPES = new Set([
  'audio',
  'categorical',
  'graph',
  'image',
  'numeric',
  'sensor',
  'structured',
  'syntactic',
  'text',
  'timeseries',
  'timestamp',
  'video',
]);

/**
 * Writes a lineage document as SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: one
 * `ai_AIPackage` per model, one `dataset_DatasetPackage` per dataset, one `software_File` per
 * checkpoint, and one Relationship per edge:
 *   weight relations, DISTILLATION and DERIVED_FROM: derived `descendantOf` source;
 *   TRAINED_ON: model `trainedOn` dataset; GENERATED_BY: model `generates` dataset;
 *   AUXILIARY: derived `usesTool` auxiliary, as a LifecycleScopedRelationship with scope `build`: a reward
 *   model, judge or filter is a tool used while the model was built, not an ancestor (`descendantOf`
 *   would claim inherited weights) and not data (`trainedOn`).
 * The Pedigree relation, merge weight, teacher snapshot and period, auxiliary role and evidence ride on
 * each Relationship as `pedigree:*` properties.
 */
export function toSpdx(doc: LineageDocument, opts: SpdxOptions = {}): SpdxObject {
  const nodes = new Map(doc.nodes.map((n) => [n.ref, n]));
  const subject = nodes.get(doc.subject);
  if (!subject) throw invalidInput('subject', `"${doc.subject}" is not one of the document's nodes`, 'the ref of a node in `nodes`');
  const ns = opts.namespace ?? defaultNamespace(doc);
  const idOf = (ref: string) => `${ns}${encodeURI(ref.replace(':', '/'))}`;
  const orgId = (slug: string) => `${ns}organization/${encodeURIComponent(slug)}`;
  let relationships = 0;
  const relId = () => `${ns}relationship/${++relationships}`;

  const agentId = `${ns}agent/pedigree`;
  const toolId = `${ns}tool/pedigree`;
  const creationInfo = {
    type: 'CreationInfo',
    '@id': CREATION_INFO_ID,
    specVersion: SPDX_VERSION,
    created: opts.created ?? DEFAULT_CREATED,
    createdBy: [agentId],
    createdUsing: [toolId],
  };
  const agents = [
    element('SoftwareAgent', agentId, { name: 'Pedigree model provenance registry' }),
    element('Tool', toolId, { name: opts.toolVersion ? `pedigree ${opts.toolVersion}` : 'pedigree' }),
  ];

  const slugs = [...new Set([...doc.organizations.map((o) => o.slug), ...doc.nodes.flatMap((n) => (n.publisher ? [n.publisher] : []))])];
  const orgs = new Map(doc.organizations.map((o) => [o.slug, o]));
  const organizations = slugs.map((slug) => {
    const o = orgs.get(slug);
    const parent = o?.parent ?? null;
    return element('Organization', orgId(slug), {
      name: o?.name ?? slug,
      ...properties([
        ['pedigree:organization:slug', slug],
        ['pedigree:organization:kind', o?.kind ?? null],
        ['pedigree:organization:country', o?.country ?? null],
        ['pedigree:organization:parent', parent],
      ]),
    });
  });

  const incoming = (ref: string) => doc.edges.filter((e) => e.derived === ref);
  const packages = doc.nodes
    .filter((n) => n.kind !== 'CHECKPOINT')
    .map((n) => packageElement(n, idOf(n.ref), n.publisher ? orgId(n.publisher) : null, incoming(n.ref), nodes, opts));
  const digests = new Map<string, DocNode['checkpoints'][number] | null>();
  for (const n of doc.nodes) {
    if (n.kind === 'CHECKPOINT') digests.set(n.name, digests.get(n.name) ?? null);
    for (const c of n.checkpoints) digests.set(c.digest, c);
  }
  const files = [...digests].map(([digest, c]) => checkpointFile(idOf(`checkpoint:${digest}`), digest, c));

  const licenses = licenseElements(doc, ns);
  const rels = [
    ...licenseRelationships(doc, ns, idOf, relId),
    ...doc.nodes
      .filter((n) => n.checkpoints.length)
      .map((n) =>
        relationship(
          relId(),
          idOf(n.ref),
          'hasDistributionArtifact',
          n.checkpoints.map((c) => idOf(`checkpoint:${c.digest}`)),
        ),
      ),
    ...doc.edges.map((e) => edgeRelationship(e, relId(), idOf)),
  ];

  const content = [...agents, ...organizations, ...packages, ...files, ...licenses.elements, ...rels];
  const bomId = `${ns}bom`;
  const profiles = ['core', 'software', 'ai', 'dataset', 'simpleLicensing', 'extension'];
  const bom = element('Bom', bomId, {
    name: `AI BOM: lineage of ${subject.name}`,
    profileConformance: profiles,
    rootElement: [idOf(subject.ref)],
    element: content.map((e) => e.spdxId),
  });
  const document = element('SpdxDocument', `${ns}document`, {
    name: `Pedigree lineage of ${subject.name}`,
    dataLicense: licenses.dataLicense,
    profileConformance: profiles,
    rootElement: [bomId],
    element: [bomId, ...content.map((e) => e.spdxId)],
  });
  return { '@context': SPDX_CONTEXT, '@graph': [creationInfo, document, bom, ...content] };
}

function packageElement(node: DocNode, spdxId: string, supplier: string | null, edges: DocEdge[], nodes: Map<string, DocNode>, opts: SpdxOptions): SpdxObject {
  const common = definedOnly({
    name: node.name,
    description: node.description ?? undefined,
    suppliedBy: supplier ?? undefined,
    ...releaseTime(node.releaseDate),
    software_downloadLocation: opts.downloadLocation?.(node) ?? undefined,
  });
  const facts = properties([
    [NODE_PROPS.publisher, node.publisher],
    [NODE_PROPS.access, node.access],
    [NODE_PROPS.modality, node.modality],
    [NODE_PROPS.parameterCount, node.parameterCount],
    [NODE_PROPS.releaseDate, node.releaseDate],
    [NODE_PROPS.country, node.country],
  ]);
  if (node.kind === 'DATASET') {
    const type = node.modality?.toLowerCase() ?? '';
    return element('dataset_DatasetPackage', spdxId, {
      ...common,
      ...(supplier ? { originatedBy: [supplier] } : {}),
      software_primaryPurpose: 'data',
      dataset_datasetType: [DATASET_TYPES.has(type) ? type : 'noAssertion'],
      ...facts,
    });
  }
  const training = edges
    .filter((e) => TRAINING_WORDS[e.relation])
    .map((e) => `${TRAINING_WORDS[e.relation]} ${nodes.get(e.source)?.name ?? e.source}${trainingNotes(e)}.`);
  return element('ai_AIPackage', spdxId, {
    ...common,
    software_primaryPurpose: 'model',
    ...(training.length ? { ai_informationAboutTraining: training.join(' ') } : {}),
    ...facts,
  });
}

/** " (weight 0.3)", " (snapshot gpt-4-0613, used 2023-06-13 to 2023-09-01)", " (REWARD_MODEL)", or nothing. */
function trainingNotes(e: DocEdge): string {
  const period = e.usedFrom || e.usedTo ? `used ${e.usedFrom ?? '…'} to ${e.usedTo ?? '…'}` : null;
  const notes = [e.mergeWeight !== null ? `weight ${e.mergeWeight}` : null, e.auxiliaryRole, e.teacherSnapshot && `snapshot ${e.teacherSnapshot}`, period];
  const stated = notes.filter(Boolean);
  return stated.length ? ` (${stated.join(', ')})` : '';
}

function checkpointFile(spdxId: string, digest: string, checkpoint: DocNode['checkpoints'][number] | null): SpdxObject {
  return element('software_File', spdxId, {
    name: digest,
    verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: digest.replace(/^sha256:/, '') }],
    software_primaryPurpose: 'model',
    software_fileKind: 'file',
    ...properties([
      ['pedigree:checkpoint:format', checkpoint?.format ?? null],
      ['pedigree:checkpoint:sizeBytes', checkpoint?.sizeBytes ?? null],
      // SPDX 3.0.1 has no element for a model-signing verification; the File is what was signed.
      ['pedigree:checkpoint:signature:status', checkpoint?.signature?.status ?? null],
      ['pedigree:checkpoint:signature:signer', checkpoint?.signature?.signer ?? null],
    ]),
  });
}

function edgeRelationship(edge: DocEdge, spdxId: string, idOf: (ref: string) => string): SpdxObject {
  const [from, type, to] =
    edge.relation === 'TRAINED_ON'
      ? [edge.derived, 'trainedOn', edge.source]
      : edge.relation === 'GENERATED_BY'
        ? [edge.source, 'generates', edge.derived]
        : edge.relation === 'AUXILIARY'
          ? [edge.derived, 'usesTool', edge.source]
          : WEIGHTED.has(edge.relation)
            ? [edge.derived, 'descendantOf', edge.source]
            : [edge.derived, 'other', edge.source];
  const ev = edge.evidence;
  const rel = relationship(spdxId, idOf(from), type, [idOf(to)], {
    comment: `${edge.relation}: ${ev.justification}`,
    ...properties([
      ['pedigree:relation', edge.relation],
      ['pedigree:mergeWeight', edge.mergeWeight],
      ...EDGE_FACTS.map((k): [string, string | null] => [`pedigree:${k}`, edge[k] ?? null]),
      ['pedigree:evidence:origin', ev.origin],
      ['pedigree:evidence:justification', ev.justification],
      ['pedigree:evidence:documentRef', ev.documentRef],
      ['pedigree:evidence:confidence', ev.confidence],
      ['pedigree:evidence:collector', ev.collector],
    ]),
  });
  return edge.relation === 'AUXILIARY' ? { ...rel, type: 'LifecycleScopedRelationship', scope: 'build' } : rel;
}

function defaultNamespace(doc: LineageDocument): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(canonicalize(doc)))
    .digest('hex')
    .slice(0, 32);
  return `urn:pedigree:spdx:${hash}/`;
}
