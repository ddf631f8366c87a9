import { assertRegistryId, DomainError, invalidInput, notFound, NodeKind } from '@pedigree/core';
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

/**
 * Refuses an asOf before any of the nodes was registered (INVALID_INPUT on `asOf`): a past answer
 * cannot speak of a node registered later, and an empty one would read as "no lineage".
 */
export async function assertRegisteredBy(nodes: LineageNodeRepository, ids: readonly string[], asOf: Date): Promise<void> {
  if ((await nodes.registeredAfter(ids, asOf)).length) {
    throw invalidInput('asOf', `${asOf.toISOString()} is before the node was registered`, 'a moment at or after its registration');
  }
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
  const out: NodeIdentity[] = [];
  for (const r of await resolveParsed(nodes, parsed)) {
    if (r instanceof DomainError) throw r;
    out.push(r);
  }
  return out;
}

/**
 * The same resolution for a batch that reports every bad reference rather than the first: each
 * answer is the node or the error resolving it alone would have thrown. Still one statement (plus
 * one similarity lookup per distinct missing name, on the error path only).
 */
export async function resolveNodeRefsEach(
  nodes: LineageNodeRepository,
  refs: readonly { ref: NodeRef | null | undefined; field: string }[],
): Promise<(NodeIdentity | DomainError)[]> {
  const parsed = refs.map((r) => {
    try {
      return parse(r.ref, r.field);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  });
  const answers = await resolveParsed(
    nodes,
    parsed.filter((p): p is ParsedRef => !(p instanceof DomainError)),
  );
  let next = 0;
  return parsed.map((p) => (p instanceof DomainError ? p : answers[next++]));
}

async function resolveParsed(nodes: LineageNodeRepository, parsed: readonly ParsedRef[]): Promise<(NodeIdentity | DomainError)[]> {
  if (!parsed.length) return [];
  // A batch names the same few models and datasets over and over: send each reference once.
  const keys = new Map(parsed.filter((p) => p.kind).map((p) => [`${p.kind}:${p.value.toLowerCase()}`, { kind: p.kind!, key: p.value }]));
  const found = await nodes.findByIdsOrKeys([...new Set(parsed.filter((p) => !p.kind).map((p) => p.value))], [...keys.values()]);
  const byId = new Map(found.map((n) => [n.id, n]));
  const byKey = new Map(found.map((n) => [`${n.kind}:${n.key.toLowerCase()}`, n]));
  const similar = new Map<string, Promise<string[]>>();
  const out: (NodeIdentity | DomainError)[] = [];
  for (const p of parsed) {
    const node = p.kind ? byKey.get(`${p.kind}:${p.value.toLowerCase()}`) : byId.get(p.value);
    if (node) {
      out.push(node);
      continue;
    }
    if (!p.kind) {
      out.push(notFound('Node', p.value, `${p.field}.id`));
      continue;
    }
    // A typo must not pass as a new name: say what the registry holds under similar names.
    const key = `${p.kind}:${p.value.toLowerCase()}`;
    if (!similar.has(key)) similar.set(key, nodes.similarKeys(p.kind, p.value, 3));
    const close = await similar.get(key)!;
    out.push(notFound(p.kind.charAt(0) + p.kind.slice(1).toLowerCase(), p.value, `${p.field}.${p.which}`, close));
  }
  return out;
}
