import { AuxiliaryRole, EdgeRef, TeacherUse } from '@pedigree/core';
import { ExposureNode } from './ancestry-graph';

/** An edge as the sentence shows it: its relation, and what the edge says about how a teacher or auxiliary model was used. */
export type ExplainedEdge = EdgeRef & Partial<TeacherUse> & { auxiliaryRole?: AuxiliaryRole | null };

/**
 * The sentence an auditor reads: "ours → FINETUNE → DeepSeek-R1-Distill-Llama-8B → DISTILLATION →
 * DeepSeek-R1 (DeepSeek, CN)". The last node carries its publisher and country. A teaching edge
 * shows its snapshot and period ("GENERATED_BY [snapshot text-davinci-003]"), since the name alone
 * does not say which weights taught; an auxiliary edge shows its role ("AUXILIARY [REWARD_MODEL]").
 */
export function explain(rootId: string, path: readonly ExplainedEdge[], nodes: ReadonlyMap<string, ExposureNode>): string {
  const name = (id: string) => nodes.get(id)?.name ?? `#${id}`;
  const parts = [name(rootId)];
  for (const e of path) parts.push(edgeLabel(e), name(e.sourceId));
  const last = nodes.get(path.length ? path[path.length - 1].sourceId : rootId);
  // The publisher, as people name it ("DeepSeek"), rather than its ultimate parent.
  const vendor = last?.publisher?.name ?? last?.vendor?.name;
  const tail = vendor || last?.country ? ` (${[vendor, last?.country ?? 'country unknown'].filter(Boolean).join(', ')})` : '';
  return parts.join(' → ') + tail;
}

export function edgeLabel(e: ExplainedEdge): string {
  const notes = [e.auxiliaryRole, e.teacherSnapshot && `snapshot ${e.teacherSnapshot}`, usedPeriod(e)].filter(Boolean);
  return notes.length ? `${e.relation} [${notes.join('; ')}]` : e.relation;
}

/** "used 2023-03-01 to 2023-03-13", "used from …", "used until …", or null when the edge states no period. */
export function usedPeriod(e: Partial<TeacherUse>): string | null {
  if (e.usedFrom && e.usedTo) return `used ${e.usedFrom} to ${e.usedTo}`;
  if (e.usedFrom) return `used from ${e.usedFrom}`;
  if (e.usedTo) return `used until ${e.usedTo}`;
  return null;
}
