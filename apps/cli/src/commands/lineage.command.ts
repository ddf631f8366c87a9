import { CliOutput } from '../cli-output';
import { DiagramNode, renderDot, renderMermaid } from '../lineage-diagram';
import { renderAncestryTree } from '../lineage-tree';
import { allLineagePages } from '../lineage-pages';
import { CliError, RegistryClient } from '../registry-client';
import { reportFormat } from '../report-format';
import { notFoundAs } from './report-options';

const QUERY = `query($of: NodeRefInput!, $depth: Int!, $after: String) {
  lineage(of: $of, direction: ANCESTORS, maxDepth: $depth, first: 2000, after: $after) {
    rootId depthLimited pageInfo { hasNextPage endCursor }
    nodes { id depth node { __typename name
      ... on Model { country license publisher { name } }
      ... on Dataset { country license publisher { name } }
      ... on Checkpoint { format } } }
    edges { derivedId sourceId relation mergeWeight evidence { origin confidence } }
  }
}`;

type Node = {
  id: string;
  depth: number;
  node: { __typename: string; name: string; country?: string | null; license?: string | null; publisher?: { name: string }; format?: string };
};
type Edge = { derivedId: string; sourceId: string; relation: string; mergeWeight: number | null; evidence: { origin: string; confidence: number } };

export const LINEAGE_FORMATS = ['tree', 'json', 'mermaid', 'dot'] as const;

export interface LineageOptions {
  depth: string;
  checkpoint?: boolean;
  format?: string;
}

/** A diagram label: the name, then country and license, which is what a reviewer looks for first. */
function diagramNode({ id, node: n }: Node): DiagramNode {
  const kind = n.__typename === 'Dataset' ? 'DATASET' : n.__typename === 'Checkpoint' ? 'CHECKPOINT' : 'MODEL';
  const name = kind === 'CHECKPOINT' && n.name.length > 20 ? `${n.name.slice(0, 15)}…` : n.name;
  const facts = kind === 'CHECKPOINT' ? [n.format] : [n.country ?? 'country unknown', n.license];
  const shown = facts.filter(Boolean).join(', ');
  return { id, kind, label: `${kind === 'DATASET' ? 'dataset ' : ''}${name}${shown ? ` (${shown})` : ''}` };
}

export async function lineageCommand(client: RegistryClient, output: CliOutput, json: boolean, name: string, opts: LineageOptions): Promise<void> {
  const format = reportFormat({ json, format: opts.format }, LINEAGE_FORMATS);
  const depth = Number(opts.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 100) throw new CliError(`--depth must be an integer from 1 to 100, got "${opts.depth}"`, 'USAGE');
  const of = opts.checkpoint ? { checkpoint: name } : { model: name };
  const lineage = await notFoundAs(allLineagePages<Node, Edge>(client, QUERY, { of, depth }), opts.checkpoint ? '<checkpoint>' : '<model>');
  const truncated = lineage.depthLimited ? `truncated at depth ${opts.depth}; use --depth to see more` : null;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(lineage, null, 2)}\n`);
  } else if (format === 'mermaid' || format === 'dot') {
    const render = format === 'mermaid' ? renderMermaid : renderDot;
    const lines = render(lineage.rootId!, lineage.nodes.map(diagramNode), lineage.edges);
    // A comment, not a node: the diagram must still say that it is incomplete.
    if (truncated) lines.splice(1, 0, format === 'mermaid' ? `  %% ${truncated}` : `  // ${truncated}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    const nodes = lineage.nodes.map(({ id, node: n }) => {
      const facts = [n.publisher?.name, n.country ?? (n.__typename === 'Checkpoint' ? null : 'country unknown')].filter(Boolean).join(', ');
      const kind = n.__typename === 'Model' ? '' : `${n.__typename.toLowerCase()} `;
      return { id, label: `${kind}${n.name}${facts ? `  [${facts}]` : ''}${n.license ? `  ${n.license}` : ''}` };
    });
    const lines = renderAncestryTree(lineage.rootId!, nodes, lineage.edges);
    if (truncated) lines.push(`… ${truncated}`);
    output.line(lines.join('\n'));
  }
}
