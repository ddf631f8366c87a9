import { EdgeRef, NodeKind, Relation } from '@pedigree/core';
import { AncestryGraph, ExposureNode } from './ancestry-graph';

export interface NodeSpec {
  vendor?: string;
  country?: string | null;
  license?: string | null;
  kind?: NodeKind;
  access?: string;
}

/**
 * Builds an AncestryGraph from names for table-driven tests: nodes are their own ids, and an edge
 * is written `derived > source : RELATION`. Vendors double as organization slugs.
 */
export function buildGraph(root: string, nodes: Record<string, NodeSpec>, edges: string[]): AncestryGraph {
  const map = new Map<string, ExposureNode>();
  for (const [name, spec] of Object.entries(nodes)) {
    const vendor = spec.vendor ? { id: spec.vendor, slug: spec.vendor, name: spec.vendor, country: spec.country ?? null } : null;
    map.set(name, {
      id: name,
      name,
      kind: spec.kind ?? NodeKind.MODEL,
      access: spec.access ?? 'OPEN_WEIGHTS',
      country: spec.country ?? null,
      publisher: vendor,
      vendor,
      license: spec.license ?? null,
    });
  }
  const refs: EdgeRef[] = edges.map((text, i) => {
    const m = /^\s*(\S+)\s*>\s*(\S+)\s*:\s*(\w+)\s*$/.exec(text);
    if (!m) throw new Error(`bad edge "${text}"`);
    for (const n of [m[1], m[2]]) if (!map.has(n)) throw new Error(`edge "${text}" names unknown node ${n}`);
    return { id: String(i + 1), derivedId: m[1], sourceId: m[2], relation: m[3] as Relation };
  });
  return { rootId: root, nodes: map, edges: refs };
}

export const pathText = (path: EdgeRef[]) => path.map((e) => `${e.derivedId} -${e.relation}-> ${e.sourceId}`).join(' | ');
