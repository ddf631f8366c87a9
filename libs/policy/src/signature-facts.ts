import { NodeKind, Relation } from '@pedigree/core';
import { AncestryGraph } from '@pedigree/exposure/rules';

/** A checkpoint's latest OMS signature record, as conditions see it (docs/signatures.md). */
export interface SignatureFacts {
  /** UNTRUSTED: verified once, but the signer was removed since, or the model changed publisher. */
  status: 'VERIFIED' | 'INVALID' | 'UNTRUSTED';
  method: string;
  /** Key method: hex SHA-256 of the public key PEM; certificate method: of the leaf certificate DER. */
  fingerprint: string;
  subject: string | null;
  issuer: string | null;
}

export type SignatureStatusFact = 'VERIFIED' | 'INVALID' | 'UNTRUSTED' | 'UNSIGNED';

// A signature whose trust was withdrawn is weaker than none: the key may be the reason it was.
const RANK: Record<SignatureStatusFact, number> = { INVALID: 0, UNTRUSTED: 1, UNSIGNED: 2, VERIFIED: 3 };

/**
 * `signatureStatus` of every node of the graph. Only checkpoints are signed (an OMS signature covers
 * files): a checkpoint shows its latest record, or UNSIGNED. A model reached only through its
 * checkpoints (CHECKPOINT_OF) stands for those files and shows the weakest of their statuses, so a
 * signed parent checkpoint does not leave its model as an unsigned weights ancestor. A model reached
 * by a model-level edge, a dataset, or a subject model names no verified file: UNSIGNED.
 */
export function signatureStatuses(graph: AncestryGraph, signatures: ReadonlyMap<string, SignatureFacts>): Map<string, SignatureStatusFact> {
  const own = (id: string): SignatureStatusFact => signatures.get(id)?.status ?? 'UNSIGNED';
  const into = new Map<string, { derivedId: string; relation: Relation }[]>();
  for (const e of graph.edges) (into.get(e.sourceId) ?? into.set(e.sourceId, []).get(e.sourceId)!).push(e);
  const out = new Map<string, SignatureStatusFact>();
  for (const [id, n] of graph.nodes) {
    const edges = into.get(id) ?? [];
    if (n.kind === NodeKind.CHECKPOINT) out.set(id, own(id));
    else if (n.kind === NodeKind.MODEL && edges.length && edges.every((e) => e.relation === Relation.CHECKPOINT_OF))
      out.set(
        id,
        edges.map((e) => own(e.derivedId)).reduce((a, b) => (RANK[b] < RANK[a] ? b : a)),
      );
    else out.set(id, 'UNSIGNED');
  }
  return out;
}
