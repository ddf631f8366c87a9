export interface DiagramNode {
  id: string;
  kind: 'MODEL' | 'DATASET' | 'CHECKPOINT';
  label: string;
}

export interface DiagramEdge {
  derivedId: string;
  sourceId: string;
  relation: string;
  mergeWeight?: number | null;
}

export function edgeLabel(e: DiagramEdge): string {
  return e.mergeWeight === null || e.mergeWeight === undefined ? e.relation : `${e.relation} ${e.mergeWeight}`;
}

/** Root first, then by label, so a diagram is the same on every run and diffs stay small. */
function ordered(rootId: string, nodes: readonly DiagramNode[]): DiagramNode[] {
  return [...nodes].sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : a.label.localeCompare(b.label) || a.id.localeCompare(b.id)));
}

function orderedEdges(edges: readonly DiagramEdge[], rank: Map<string, number>): DiagramEdge[] {
  const r = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...edges].sort((a, b) => r(a.derivedId) - r(b.derivedId) || r(a.sourceId) - r(b.sourceId) || a.relation.localeCompare(b.relation));
}

/**
 * Mermaid text inside a quoted label: `"` ends the label, so it and the characters Mermaid
 * reads as markup become entity codes (`#quot;`, `#35;`), which GitHub renders as the character.
 */
export function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\r?\n/g, ' ');
}

const MERMAID_SHAPE: Record<DiagramNode['kind'], [string, string]> = { MODEL: ['[', ']'], DATASET: ['[(', ')]'], CHECKPOINT: ['{{', '}}'] };

/**
 * A `flowchart` GitHub renders: ids are generated (`n0`, `n1`, …) because registry names hold
 * `/`, `.` and `-`, which Mermaid ids cannot; arrows point from a model to what it comes from.
 */
export function renderMermaid(rootId: string, nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string[] {
  const list = ordered(rootId, nodes);
  const ids = new Map(list.map((n, i) => [n.id, `n${i}`]));
  const idOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `n${ids.size}`);
    return ids.get(id)!;
  };
  const lines = ['flowchart TD'];
  for (const n of list) {
    const [open, close] = MERMAID_SHAPE[n.kind];
    lines.push(`  ${idOf(n.id)}${open}"${mermaidText(n.label)}"${close}`);
  }
  const rank = new Map(list.map((n, i) => [n.id, i]));
  for (const e of orderedEdges(edges, rank)) lines.push(`  ${idOf(e.derivedId)} -->|"${mermaidText(edgeLabel(e))}"| ${idOf(e.sourceId)}`);
  return lines;
}

/** A DOT quoted string: backslash and quote escaped, line breaks as `\n`. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const DOT_SHAPE: Record<DiagramNode['kind'], string> = { MODEL: 'box', DATASET: 'cylinder', CHECKPOINT: 'hexagon' };

/** Graphviz DOT with every id quoted (registry ids and names are not DOT identifiers). */
export function renderDot(rootId: string, nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string[] {
  const list = ordered(rootId, nodes);
  const lines = ['digraph lineage {', '  rankdir=TB;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const n of list) lines.push(`  ${dotString(n.id)} [label=${dotString(n.label)}, shape=${DOT_SHAPE[n.kind]}${n.id === rootId ? ', penwidth=2' : ''}];`);
  const rank = new Map(list.map((n, i) => [n.id, i]));
  for (const e of orderedEdges(edges, rank)) lines.push(`  ${dotString(e.derivedId)} -> ${dotString(e.sourceId)} [label=${dotString(edgeLabel(e))}];`);
  lines.push('}');
  return lines;
}
