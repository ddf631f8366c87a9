import { invalidInput, notFound, NodeKind, assertRegistryId } from '@pedigree/core';
import { NodeIdentity } from './lineage-graph';
import { LineageNodeRepository } from './lineage-node.repository';

export interface NodeRef {
  id?: string | null;
  model?: string | null;
  dataset?: string | null;
  checkpoint?: string | null;
}

const ACCEPTED = 'exactly one of id, model, dataset, checkpoint';

type ParsedRef = { field: string; which: keyof NodeRef; value: string; kind: NodeKind | null };

function parse(ref: NodeRef | null | undefined, field: string): ParsedRef {
  const given = Object.entries(ref ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (given.length !== 1) throw invalidInput(field, `got ${given.length} references`, ACCEPTED);
  const [which, raw] = given[0] as [keyof NodeRef, string];
  if (which === 'id') {
    assertRegistryId(raw, `${field}.id`);
    return { field, which, value: raw, kind: null };
  }
  return { field, which, value: raw.trim(), kind: { model: NodeKind.MODEL, dataset: NodeKind.DATASET, checkpoint: NodeKind.CHECKPOINT }[which] };
}

export async function resolveNodeRef(nodes: LineageNodeRepository, ref: NodeRef | null | undefined, field: string): Promise<NodeIdentity> {
  return (await resolveNodeRefs(nodes, [{ ref, field }]))[0];
}

/**
 * Resolves several references in one statement (a registration names its model, parents,
 * datasets and teachers). Errors are the same as resolving them one by one, in input order.
 */
export async function resolveNodeRefs(
  nodes: LineageNodeRepository,
  refs: readonly { ref: NodeRef | null | undefined; field: string }[],
): Promise<NodeIdentity[]> {
  const parsed = refs.map((r) => parse(r.ref, r.field));
  if (!parsed.length) return [];
  const found = await nodes.findByIdsOrKeys(
    parsed.filter((p) => !p.kind).map((p) => p.value),
    parsed.filter((p) => p.kind).map((p) => ({ kind: p.kind!, key: p.value })),
  );
  const byId = new Map(found.map((n) => [n.id, n]));
  const byKey = new Map(found.map((n) => [`${n.kind}:${n.key.toLowerCase()}`, n]));
  const out: NodeIdentity[] = [];
  for (const p of parsed) {
    const node = p.kind ? byKey.get(`${p.kind}:${p.value.toLowerCase()}`) : byId.get(p.value);
    if (node) {
      out.push(node);
      continue;
    }
    if (!p.kind) throw notFound('Node', p.value, `${p.field}.id`);
    // A typo must not pass as a new name: say what the registry holds under similar names.
    const close = await nodes.similarKeys(p.kind, p.value, 3);
    throw notFound(p.kind.charAt(0) + p.kind.slice(1).toLowerCase(), p.value, `${p.field}.${p.which}`, close);
  }
  return out;
}
