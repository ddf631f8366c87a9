import { EdgeRef, NodeKind, Relation, WEIGHT_RELATIONS } from '@pedigree/core';

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
  country: string | null;
}

/** What exposure rules need to know about one node; loaded in one batch, never per node. */
export interface ExposureNode {
  id: string;
  kind: NodeKind;
  name: string;
  access: string | null;
  /** Country of origin: the record's override, else the country of its publisher's ultimate parent. */
  country: string | null;
  publisher: OrgRef | null;
  /** The publisher rolled up to its ultimate parent. */
  vendor: OrgRef | null;
  license: string | null;
}

/** The ancestry of one subject: every node and active edge reachable upwards from the root. */
export interface AncestryGraph {
  rootId: string;
  nodes: ReadonlyMap<string, ExposureNode>;
  edges: readonly EdgeRef[];
}

const WEIGHTED = new Set<Relation>([...WEIGHT_RELATIONS, Relation.CHECKPOINT_OF]);

/** Relations that carry weights; a checkpoint is its model's weights, so CHECKPOINT_OF counts. */
export const carriesWeights = (relation: Relation) => WEIGHTED.has(relation);

export function upEdges(edges: readonly EdgeRef[]): Map<string, EdgeRef[]> {
  const up = new Map<string, EdgeRef[]>();
  for (const e of edges) {
    const list = up.get(e.derivedId);
    if (list) list.push(e);
    else up.set(e.derivedId, [e]);
  }
  return up;
}

export interface Reach {
  depth: Map<string, number>;
  /** The edge through which BFS first reached each node: following it back gives a shortest path. */
  via: Map<string, EdgeRef>;
}

/** Breadth-first from the root over up-edges accepted by `follow`; terminates on any input. */
export function breadthFirst(rootId: string, up: Map<string, EdgeRef[]>, follow: (e: EdgeRef) => boolean = () => true): Reach {
  const depth = new Map([[rootId, 0]]);
  const via = new Map<string, EdgeRef>();
  let frontier = [rootId];
  for (let d = 1; frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of up.get(id) ?? []) {
        if (!follow(e) || depth.has(e.sourceId)) continue;
        depth.set(e.sourceId, d);
        via.set(e.sourceId, e);
        next.push(e.sourceId);
      }
    }
    frontier = next;
  }
  return { depth, via };
}

/** Edges from the root to `id`, root end first. */
export function pathTo(reach: Reach, id: string): EdgeRef[] {
  const path: EdgeRef[] = [];
  for (let e = reach.via.get(id); e; e = reach.via.get(e.derivedId)) path.push(e);
  return path.reverse();
}

/**
 * One subject's own ancestry out of a union loaded for many (and whichever edges the caller kept):
 * the nodes reached from the root and the up-edges of those nodes.
 */
export function subjectGraph(rootId: string, up: Map<string, EdgeRef[]>, nodes: ReadonlyMap<string, ExposureNode>): AncestryGraph {
  const reached = breadthFirst(rootId, up);
  const edges = [...reached.depth.keys()].flatMap((id) => up.get(id) ?? []);
  const own = new Map<string, ExposureNode>();
  for (const id of reached.depth.keys()) if (nodes.has(id)) own.set(id, nodes.get(id)!);
  return { rootId, nodes: own, edges };
}
