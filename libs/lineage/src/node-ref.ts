import { invalidInput, notFound, NodeKind } from '@pedigree/core';
import { NodeIdentity } from './lineage-graph';
import { LineageNodeRepository } from './lineage-node.repository';

export interface NodeRef {
  id?: string | null;
  model?: string | null;
  dataset?: string | null;
  checkpoint?: string | null;
}

const ACCEPTED = 'exactly one of id, model, dataset, checkpoint';

export async function resolveNodeRef(nodes: LineageNodeRepository, ref: NodeRef | null | undefined, field: string): Promise<NodeIdentity> {
  const given = Object.entries(ref ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (given.length !== 1) throw invalidInput(field, `got ${given.length} references`, ACCEPTED);
  const [which, value] = given[0] as [keyof NodeRef, string];
  if (which === 'id') {
    if (!/^\d{1,18}$/.test(value)) throw invalidInput(`${field}.id`, `"${value}" is not a registry id`, 'a numeric id');
    const [found] = await nodes.findByIds([value]);
    if (!found) throw notFound('Node', value, `${field}.id`);
    return found;
  }
  const kind = { model: NodeKind.MODEL, dataset: NodeKind.DATASET, checkpoint: NodeKind.CHECKPOINT }[which];
  const found = await nodes.findByKey(kind, value.trim());
  if (!found) throw notFound(kind.charAt(0) + kind.slice(1).toLowerCase(), value, `${field}.${which}`);
  return found;
}
