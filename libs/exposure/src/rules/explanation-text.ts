import { EdgeRef } from '@pedigree/core';
import { ExposureNode } from './ancestry-graph';

/**
 * The sentence an auditor reads: "ours → FINETUNE → DeepSeek-R1-Distill-Llama-8B → DISTILLATION →
 * DeepSeek-R1 (DeepSeek, CN)". The last node carries its publisher and country.
 */
export function explain(rootId: string, path: readonly EdgeRef[], nodes: ReadonlyMap<string, ExposureNode>): string {
  const name = (id: string) => nodes.get(id)?.name ?? `#${id}`;
  const parts = [name(rootId)];
  for (const e of path) parts.push(e.relation, name(e.sourceId));
  const last = nodes.get(path.length ? path[path.length - 1].sourceId : rootId);
  // The publisher, as people name it ("DeepSeek"), rather than its ultimate parent.
  const vendor = last?.publisher?.name ?? last?.vendor?.name;
  const tail = vendor || last?.country ? ` (${[vendor, last?.country ?? 'country unknown'].filter(Boolean).join(', ')})` : '';
  return parts.join(' → ') + tail;
}
