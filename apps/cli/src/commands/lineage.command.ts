import { CliOutput } from '../cli-output';
import { renderAncestryTree } from '../lineage-tree';
import { allLineagePages } from '../lineage-pages';
import { CliError, RegistryClient } from '../registry-client';

const QUERY = `query($of: NodeRefInput!, $depth: Int!, $after: String) {
  lineage(of: $of, direction: ANCESTORS, maxDepth: $depth, first: 2000, after: $after) {
    rootId depthLimited pageInfo { hasNextPage endCursor }
    nodes { id depth node { __typename name
      ... on Model { country license publisher { name } }
      ... on Dataset { country license publisher { name } }
      ... on Checkpoint { format } } }
    edges { derivedId sourceId relation evidence { origin confidence } }
  }
}`;

type Node = { id: string; depth: number; node: { __typename: string; name: string; country?: string | null; license?: string | null; publisher?: { name: string }; format?: string } };
type Edge = { derivedId: string; sourceId: string; relation: string; evidence: { origin: string; confidence: number } };

export async function lineageCommand(client: RegistryClient, output: CliOutput, name: string, opts: { depth: string; checkpoint?: boolean }): Promise<void> {
  const depth = Number(opts.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 100) throw new CliError(`--depth must be an integer from 1 to 100, got "${opts.depth}"`, 'USAGE');
  const of = opts.checkpoint ? { checkpoint: name } : { model: name };
  const lineage = await allLineagePages<Node, Edge>(client, QUERY, { of, depth });
  const nodes = lineage.nodes.map(({ id, node: n }) => {
    const facts = [n.publisher?.name, n.country ?? (n.__typename === 'Checkpoint' ? null : 'country unknown')].filter(Boolean).join(', ');
    const kind = n.__typename === 'Model' ? '' : `${n.__typename.toLowerCase()} `;
    return { id, label: `${kind}${n.name}${facts ? `  [${facts}]` : ''}${n.license ? `  ${n.license}` : ''}` };
  });
  const lines = renderAncestryTree(lineage.rootId!, nodes, lineage.edges);
  if (lineage.depthLimited) lines.push(`… truncated at depth ${opts.depth}; use --depth to see more`);
  output.result(lines, lineage);
}
