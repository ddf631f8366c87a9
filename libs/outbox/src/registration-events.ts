import { EventDraft } from './outbox-event';

/** A node as events name it: kind, id and natural key (model name, checkpoint digest, dataset name). */
export interface EventNode {
  id: string;
  kind: string;
  key: string;
}

/** An edge a registration or assertion wrote, as events list it. */
export interface EventEdge {
  edgeId: string;
  relation: string;
  sourceId: string;
}

const subjectOf = (n: EventNode) => ({ type: n.kind, id: n.id, key: n.key });

/** Pairs the edge ids a write returned with the drafts they came from (same order). */
export function eventEdges(edgeIds: readonly string[], drafts: readonly { relation: string; sourceId: string }[]): EventEdge[] {
  return edgeIds.map((edgeId, i) => ({ edgeId, relation: drafts[i].relation, sourceId: drafts[i].sourceId }));
}

export function nodeRegistered(
  type: 'checkpoint.registered' | 'model.registered',
  node: EventNode,
  details: Record<string, unknown>,
  lineage: readonly EventEdge[],
): EventDraft {
  return { type, subject: subjectOf(node), payload: { ...details, lineage } };
}

export function lineageChanged(
  type: 'lineage.asserted' | 'lineage.retracted',
  edge: EventEdge & { derived: EventNode; source: EventNode },
  evidence: unknown,
): EventDraft {
  return {
    type,
    subject: { type: 'EDGE', id: edge.edgeId, derivedId: edge.derived.id, sourceId: edge.source.id },
    payload: { edgeId: edge.edgeId, relation: edge.relation, derived: subjectOf(edge.derived), source: subjectOf(edge.source), evidence },
  };
}
