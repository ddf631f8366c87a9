// One page of a lineage walk with what the explorer colours and labels by. Both directions use
// it; the explorer merges an ancestor walk and a descendant walk around the same root.
export const LINEAGE = `query LineageExplorer($of: NodeRefInput!, $direction: Direction!, $first: Int!, $after: String) {
  lineage(of: $of, direction: $direction, first: $first, after: $after) {
    rootId nodeCount truncated depthLimited
    pageInfo { hasNextPage endCursor }
    nodes {
      id depth
      node {
        id name kind
        ... on Model { country license access publisher { name vendor { name } } }
        ... on Dataset { country license publisher { name vendor { name } } }
        ... on Checkpoint { model { country license access publisher { name vendor { name } } } }
      }
    }
    edges {
      id relation sourceId derivedId mergeWeight recordedBy recordedAt auxiliaryRole teacherSnapshot
      evidence { origin justification documentRef confidence observedAt collector }
    }
  }
}`;

export interface LineageNodeFacts {
  id: string;
  name: string;
  kind: 'MODEL' | 'DATASET' | 'CHECKPOINT';
  country?: string | null;
  license?: string | null;
  access?: string | null;
  publisher?: { name: string; vendor: { name: string } };
  model?: { country: string | null; license: string | null; access: string | null; publisher: { name: string; vendor: { name: string } } };
}

export interface LineageEdgeFacts {
  id: string;
  relation: string;
  sourceId: string;
  derivedId: string;
  mergeWeight: number | null;
  recordedBy: string;
  recordedAt: string;
  auxiliaryRole: string | null;
  teacherSnapshot: string | null;
  evidence: { origin: string; justification: string; documentRef: string | null; confidence: number; observedAt: string; collector: string | null };
}

export interface LineagePage {
  lineage: {
    rootId: string;
    nodeCount: number;
    truncated: boolean;
    depthLimited: boolean;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; depth: number; node: LineageNodeFacts }[];
    edges: LineageEdgeFacts[];
  };
}
