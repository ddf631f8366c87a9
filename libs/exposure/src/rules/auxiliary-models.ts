import { EdgeRef, Relation } from '@pedigree/core';
import { pathTo } from './ancestry-graph';
import { RollupContext } from './rollup';

/** A reward model, judge or filter that shaped the subject or one of its ancestors (an AUXILIARY edge's source). */
export interface AuxiliaryModel {
  nodeId: string;
  /** Shaped the subject itself (or, for a checkpoint, its model), not an ancestor. */
  direct: boolean;
  depth: number;
  /** A shortest chain from the subject that ends with an AUXILIARY edge into this model. */
  path: EdgeRef[];
  /** Every AUXILIARY edge from this model into the ancestry, by id (each carries its role). */
  auxiliaryEdges: EdgeRef[];
}

export function auxiliaryModels(ctx: RollupContext, edges: readonly EdgeRef[]): AuxiliaryModel[] {
  const isSelf = (id: string) => ctx.states.get(id)?.has('SELF') ?? false;
  const found = new Map<string, AuxiliaryModel>();
  for (const e of edges) {
    if (e.relation !== Relation.AUXILIARY || !ctx.reach.depth.has(e.derivedId) || !ctx.states.has(e.derivedId)) continue;
    // The explanation must go through the AUXILIARY edge itself, not just any shortest route to the model.
    const path = [...pathTo(ctx.reach, e.derivedId), e];
    const entry = found.get(e.sourceId) ?? { nodeId: e.sourceId, direct: false, depth: path.length, path, auxiliaryEdges: [] };
    if (path.length < entry.depth) Object.assign(entry, { depth: path.length, path });
    entry.auxiliaryEdges.push(e);
    entry.direct ||= isSelf(e.derivedId);
    found.set(e.sourceId, entry);
  }
  for (const entry of found.values()) entry.auxiliaryEdges.sort((a, b) => Number(a.id) - Number(b.id));
  return [...found.values()].sort((a, b) => a.depth - b.depth || Number(a.nodeId) - Number(b.nodeId));
}
