import { EdgeRef, Relation } from '@pedigree/core';
import { pathTo } from './ancestry-graph';
import { RollupContext } from './rollup';

export enum DistillationChannel {
  /** A DISTILLATION edge: the subject or an ancestor was trained on the teacher's outputs directly. */
  TEACHER = 'TEACHER',
  /** Through a dataset the teacher generated (GENERATED_BY). */
  SYNTHETIC_DATA = 'SYNTHETIC_DATA',
}

export interface DistillationSource {
  nodeId: string;
  channels: DistillationChannel[];
  /** Taught the subject itself (not an ancestor of it). */
  direct: boolean;
  depth: number;
  /** Ends with the teaching edge (DISTILLATION or GENERATED_BY) whose snapshot and period the answer shows. */
  path: EdgeRef[];
  /** Every teaching edge from this teacher into the ancestry, by id: different students may have used different snapshots. */
  teachingEdges: EdgeRef[];
}

export function distillationSources(ctx: RollupContext, edges: readonly EdgeRef[]): DistillationSource[] {
  const isSelf = (id: string) => ctx.states.get(id)?.has('SELF') ?? false;
  const selfTrainedOn = new Set(edges.filter((e) => e.relation === Relation.TRAINED_ON && isSelf(e.derivedId)).map((e) => e.sourceId));
  const found = new Map<string, DistillationSource>();
  for (const e of edges) {
    if (!ctx.reach.depth.has(e.derivedId)) continue;
    const channel =
      e.relation === Relation.DISTILLATION ? DistillationChannel.TEACHER : e.relation === Relation.GENERATED_BY ? DistillationChannel.SYNTHETIC_DATA : null;
    if (!channel || !ctx.states.has(e.derivedId)) continue;
    const direct = channel === DistillationChannel.TEACHER ? isSelf(e.derivedId) : selfTrainedOn.has(e.derivedId);
    // The explanation must go through the teaching edge itself, not just any shortest route.
    const path = [...pathTo(ctx.reach, e.derivedId), e];
    const entry = found.get(e.sourceId) ?? { nodeId: e.sourceId, channels: [], direct: false, depth: path.length, path, teachingEdges: [] };
    entry.teachingEdges.push(e);
    if (path.length < entry.depth) Object.assign(entry, { depth: path.length, path });
    if (!entry.channels.includes(channel)) entry.channels.push(channel);
    entry.direct ||= direct;
    found.set(e.sourceId, entry);
  }
  for (const entry of found.values()) entry.teachingEdges.sort((a, b) => Number(a.id) - Number(b.id));
  return [...found.values()].sort((a, b) => a.depth - b.depth || Number(a.nodeId) - Number(b.nodeId));
}
