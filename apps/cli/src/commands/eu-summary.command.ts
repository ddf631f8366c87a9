import { writeFile } from 'node:fs/promises';
import { WEIGHT_RELATIONS } from '@pedigree/core';
import { buildEuTrainingSummary, EuDataset, EuDatasetKind, EuGenerator, EuOrganization, EuSummaryInput, euSummaryMarkdown } from '@pedigree/interop';
import { CliOutput } from '../cli-output';
import { allLineagePages } from '../lineage-pages';
import { CliError, RegistryClient } from '../registry-client';

const ORG = 'slug name country';
const EVIDENCE = 'origin documentRef confidence';
// Depth 2: the model's own sources, and the generators of the datasets it was trained on.
const QUERY = `query($of: NodeRefInput!, $after: String) {
  lineage(of: $of, direction: ANCESTORS, maxDepth: 2, first: 500, after: $after) {
    rootId depthLimited pageInfo { hasNextPage endCursor }
    nodes { id node { __typename name
      ... on Model { modality releaseDate publisher { ${ORG} } }
      ... on Dataset { license description sourceKind sizeRange topDomains profileEvidence { ${EVIDENCE} } publisher { ${ORG} } } } }
    edges { derivedId sourceId relation teacherSnapshot evidence { ${EVIDENCE} } }
  }
}`;

interface Node {
  id: string;
  node: {
    __typename: string;
    name: string;
    modality?: string | null;
    releaseDate?: string | null;
    license?: string | null;
    description?: string | null;
    publisher?: EuOrganization | null;
    sourceKind?: EuDatasetKind | null;
    sizeRange?: string | null;
    topDomains?: string[];
    profileEvidence?: Edge['evidence'] | null;
  };
}
interface Edge {
  derivedId: string;
  sourceId: string;
  relation: string;
  teacherSnapshot: string | null;
  evidence: { origin: string; documentRef: string | null; confidence: number };
}

export const EU_SUMMARY_FORMATS = ['markdown', 'json'] as const;

export interface EuSummaryOptions {
  format?: string;
  output?: string;
}

/** Everything the summary can take from the registry, read through GraphQL like every other command. */
export async function fetchEuSummaryInput(client: RegistryClient, modelName: string): Promise<EuSummaryInput> {
  const walk = await allLineagePages<Node, Edge>(client, QUERY, { of: { model: modelName } }).catch((err) => {
    if (err instanceof CliError && err.code === 'NOT_FOUND') throw new CliError(`No model named "${modelName}" in the registry at ${client.url}.`, 'NOT_FOUND');
    throw err;
  });
  const byId = new Map(walk.nodes.map((n) => [n.id, n.node]));
  const subject = byId.get(walk.rootId!);
  if (!subject || subject.__typename !== 'Model') throw new CliError(`"${modelName}" is not a model.`, 'INVALID_INPUT');
  const direct = walk.edges.filter((e) => e.derivedId === walk.rootId);
  const generator = (e: Edge): EuGenerator => ({
    model: byId.get(e.sourceId)!.name,
    publisher: byId.get(e.sourceId)!.publisher ?? null,
    teacherSnapshot: e.teacherSnapshot ?? null,
    evidence: e.evidence,
  });
  const datasets = direct
    .filter((e) => e.relation === 'TRAINED_ON')
    .map((e): EuDataset => {
      const d = byId.get(e.sourceId)!;
      return {
        name: d.name,
        publisher: d.publisher ?? null,
        license: d.license ?? null,
        description: d.description ?? null,
        kind: d.sourceKind ?? null,
        sizeRange: d.sizeRange ?? null,
        topDomains: d.topDomains ?? [],
        profileEvidence: d.profileEvidence ?? null,
        generatedBy: walk.edges.filter((g) => g.derivedId === e.sourceId && g.relation === 'GENERATED_BY').map(generator),
        evidence: e.evidence,
      };
    });
  return {
    model: { name: subject.name, publisher: subject.publisher ?? null, modality: subject.modality ?? null, releaseDate: subject.releaseDate ?? null },
    dependencies: direct
      .filter((e) => (WEIGHT_RELATIONS as readonly string[]).includes(e.relation))
      .map((e) => ({ name: byId.get(e.sourceId)!.name, relation: e.relation, publisher: byId.get(e.sourceId)!.publisher ?? null, evidence: e.evidence })),
    teachers: direct.filter((e) => e.relation === 'DISTILLATION').map(generator),
    datasets,
  };
}

/** `pedigree export eu-training-summary <model>`: the EU AI Act training-content summary, pre-filled. */
export async function euSummaryCommand(client: RegistryClient, output: CliOutput, model: string, opts: EuSummaryOptions): Promise<void> {
  const format = opts.format ?? 'markdown';
  if (!(EU_SUMMARY_FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format "${format}" is not supported. Accepted: ${EU_SUMMARY_FORMATS.join(', ')}.`, 'USAGE');
  const summary = buildEuTrainingSummary(await fetchEuSummaryInput(client, model));
  const text = format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : euSummaryMarkdown(summary);
  if (!opts.output || opts.output === '-') {
    process.stdout.write(text);
    return;
  }
  await writeFile(opts.output, text);
  output.result(`wrote the EU training-content summary to ${opts.output}`, { written: opts.output, format });
}
