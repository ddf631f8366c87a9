import { DocCheckpoint, DocCustomLicense, DocEdge, DocEvidence, DocNode, DocOrganization, edgeFacts, LineageDocument, nodeRef } from '@pedigree/interop';
import { allLineagePages, LineagePage } from './lineage-pages';
import { CliError, RegistryClient } from './registry-client';
import { licenseRefsIn } from '@pedigree/licensing';
import { RegisteredSignature, signerLabel } from './signed-model';

const EVIDENCE = 'origin justification documentRef confidence collector observedAt';
const ORG = `slug name country kind parent { slug } evidence { ${EVIDENCE} }`;
const SIGNATURE = 'signature { status signer { method fingerprint subject issuer } }';
const NODE = `__typename id name
  ... on Model { access modality parameterCount releaseDate license country publisher { ${ORG} } checkpoints { digest format sizeBytes ${SIGNATURE} }
    licenseEvidence { ${EVIDENCE} } countryEvidence { ${EVIDENCE} } }
  ... on Dataset { license description country sourceKind sizeRange topDomains profileEvidence { ${EVIDENCE} } publisher { ${ORG} } }
  ... on Checkpoint { digest format sizeBytes model { name } }`;
// 200 a page keeps the evidence-rich page, signatures included, well under the default cost limit
// (PEDIGREE_MAX_COST 50,000: about 36,000).
const LINEAGE = `query($of: NodeRefInput!, $after: String) {
  lineage(of: $of, direction: ANCESTORS, maxDepth: 100, first: 200, after: $after) {
    depthLimited pageInfo { hasNextPage endCursor }
    nodes { id node { ${NODE} } }
    edges { derivedId sourceId relation mergeWeight teacherSnapshot usedFrom usedTo auxiliaryRole evidence { ${EVIDENCE} } }
  }
}`;

type Org = Omit<DocOrganization, 'parent'> & { parent: { slug: string } | null };
interface GqlNode {
  __typename: 'Model' | 'Dataset' | 'Checkpoint';
  id: string;
  name: string;
  access?: DocNode['access'];
  modality?: string | null;
  parameterCount?: number | null;
  releaseDate?: string | null;
  license?: string | null;
  description?: string | null;
  country?: string | null;
  publisher?: Org;
  checkpoints?: { digest: string; format: string; sizeBytes: number | null; signature: Omit<RegisteredSignature, 'verifiedAt'> }[];
  licenseEvidence?: DocEvidence | null;
  countryEvidence?: DocEvidence | null;
  sourceKind?: string | null;
  sizeRange?: string | null;
  topDomains?: string[];
  profileEvidence?: DocEvidence | null;
  digest?: string;
  model?: { name: string };
}
interface GqlEdge extends Omit<DocEdge, 'derived' | 'source'> {
  derivedId: string;
  sourceId: string;
}
type GqlLineage = LineagePage<{ id: string; node: GqlNode }, GqlEdge>;

/**
 * Everything an export needs about one model, at model granularity: the ancestry of the model
 * and of each of its checkpoints, with checkpoint-level claims folded onto the model (a BOM
 * describes the model; its checkpoints become hashes).
 */
export async function fetchLineageDocument(client: RegistryClient, modelName: string): Promise<LineageDocument> {
  const walk = (of: Record<string, string>) => allLineagePages<{ id: string; node: GqlNode }, GqlEdge>(client, LINEAGE, { of });
  const first = await walk({ model: modelName }).catch((err) => {
    if (err instanceof CliError && err.code === 'NOT_FOUND') throw new CliError(`No model named "${modelName}" in the registry at ${client.url}.`, 'NOT_FOUND');
    throw err;
  });
  const subject = first.nodes.find((n) => n.node.__typename === 'Model' && n.node.name.toLowerCase() === modelName.toLowerCase())?.node;
  if (!subject) throw new CliError(`"${modelName}" is not a model.`, 'INVALID_INPUT');
  const walks: GqlLineage[] = [first];
  for (const c of subject.checkpoints ?? []) walks.push(await walk({ checkpoint: c.digest }));
  if (walks.some((w) => w.depthLimited))
    throw new CliError(`The ancestry of "${modelName}" is deeper than 100 edges; it cannot be exported whole.`, 'TOO_DEEP');

  // Checkpoints of models fold onto their model; other checkpoint nodes stay (a lineage source may be one).
  const gqlNodes = new Map<string, GqlNode>();
  for (const w of walks) for (const n of w.nodes) gqlNodes.set(n.id, n.node);
  const modelsByName = new Map([...gqlNodes.values()].filter((m) => m.__typename === 'Model').map((m) => [m.name, m]));
  const refOf = new Map<string, string>();
  for (const [id, n] of gqlNodes) {
    const foldTo = n.__typename === 'Checkpoint' && n.model ? modelsByName.get(n.model.name) : undefined;
    refOf.set(
      id,
      foldTo
        ? nodeRef('MODEL', foldTo.name)
        : nodeRef(
            n.__typename === 'Checkpoint' ? 'CHECKPOINT' : n.__typename === 'Model' ? 'MODEL' : 'DATASET',
            n.__typename === 'Checkpoint' ? n.digest! : n.name,
          ),
    );
  }
  const edges = new Map<string, DocEdge>();
  for (const w of walks) {
    for (const e of w.edges) {
      if (e.relation === 'CHECKPOINT_OF') continue;
      const edge: DocEdge = {
        derived: refOf.get(e.derivedId)!,
        source: refOf.get(e.sourceId)!,
        relation: e.relation,
        mergeWeight: e.mergeWeight ?? null,
        evidence: e.evidence,
        // Only what the edge states: a document of an edge without them stays as it was.
        ...edgeFacts({ ...e, derived: '', source: '' }),
      };
      if (edge.derived === edge.source) continue;
      edges.set(JSON.stringify([edge.derived, edge.source, edge.relation, edge.mergeWeight, edge.evidence, edgeFacts(edge)]), edge);
    }
  }
  const nodes = new Map<string, DocNode>();
  const orgs = new Map<string, DocOrganization>();
  for (const [id, n] of gqlNodes) {
    const ref = refOf.get(id)!;
    if (nodes.has(ref) || (n.__typename === 'Checkpoint' && ref.startsWith('model:'))) continue;
    if (n.publisher) orgs.set(n.publisher.slug, toOrganization(n.publisher));
    nodes.set(ref, {
      ref,
      kind: n.__typename === 'Model' ? 'MODEL' : n.__typename === 'Dataset' ? 'DATASET' : 'CHECKPOINT',
      name: n.__typename === 'Checkpoint' ? n.digest! : n.name,
      publisher: n.publisher?.slug ?? null,
      license: n.license ?? null,
      access: n.access ?? null,
      modality: n.modality ?? null,
      parameterCount: n.parameterCount ?? null,
      releaseDate: n.releaseDate ?? null,
      description: n.description ?? null,
      country: n.country ?? null,
      checkpoints: (n.checkpoints ?? []).map((c) => docCheckpoint(c)).sort((a, b) => a.digest.localeCompare(b.digest)),
      // Only what the registry states: a claim without evidence stays without, and a license's evidence goes with a license.
      ...(n.license && n.licenseEvidence ? { licenseEvidence: n.licenseEvidence } : {}),
      ...(n.country && n.countryEvidence ? { countryEvidence: n.countryEvidence } : {}),
      ...(n.sourceKind ? { sourceKind: n.sourceKind } : {}),
      ...(n.sizeRange ? { sizeRange: n.sizeRange } : {}),
      ...(n.topDomains?.length ? { topDomains: n.topDomains } : {}),
      ...(n.profileEvidence ? { profileEvidence: n.profileEvidence } : {}),
    });
  }
  await addParentOrganizations(client, orgs);
  const subjectRef = nodeRef('MODEL', subject.name);
  const sortedNodes = [...nodes.values()].sort((a, b) => (a.ref === subjectRef ? -1 : b.ref === subjectRef ? 1 : a.ref.localeCompare(b.ref)));
  return {
    subject: subjectRef,
    nodes: sortedNodes,
    edges: [...edges.values()].sort((a, b) => a.derived.localeCompare(b.derived) || a.source.localeCompare(b.source) || a.relation.localeCompare(b.relation)),
    organizations: [...orgs.values()].sort((a, b) => a.slug.localeCompare(b.slug)),
    customLicenses: await customLicensesUsed(client, sortedNodes),
  };
}

/** Owners up the chain, so an importer can recreate the ownership that decides country of origin. */
async function addParentOrganizations(client: RegistryClient, orgs: Map<string, DocOrganization>): Promise<void> {
  let missing = [...orgs.values()].map((o) => o.parent).filter((p): p is string => !!p && !orgs.has(p));
  while (missing.length) {
    for (const slug of new Set(missing)) {
      const { organization } = await client.request<{ organization: Org | null }>(`query($s: String!) { organization(slug: $s) { ${ORG} } }`, { s: slug });
      if (organization) orgs.set(organization.slug, toOrganization(organization));
    }
    missing = [...orgs.values()].map((o) => o.parent).filter((p): p is string => !!p && !orgs.has(p));
  }
}

/** An unsigned checkpoint carries no signature claim, so BOMs of unsigned catalogs are as before. */
function docCheckpoint(c: NonNullable<GqlNode['checkpoints']>[number]): DocCheckpoint {
  const signed = c.signature.status !== 'UNSIGNED';
  return {
    digest: c.digest,
    format: c.format,
    sizeBytes: c.sizeBytes ?? null,
    ...(signed ? { signature: { status: c.signature.status, signer: c.signature.signer ? signerLabel(c.signature.signer) : null } } : {}),
  };
}

function toOrganization(o: Org): DocOrganization {
  return { ...o, parent: o.parent?.slug ?? null };
}

async function customLicensesUsed(client: RegistryClient, nodes: DocNode[]): Promise<DocCustomLicense[]> {
  const used = new Set(nodes.flatMap((n) => licenseRefsIn(n.license)));
  if (!used.size) return [];
  const { customLicenses } = await client.request<{ customLicenses: DocCustomLicense[] }>(
    `{ customLicenses { key name url commercialUse nonCommercial attributionRequired userThreshold useRestrictions } }`,
  );
  return customLicenses.filter((l) => used.has(l.key)).sort((a, b) => a.key.localeCompare(b.key));
}
