/** What a mutation records; the chainer later completes the row with its position and hash. */
export interface AuditEventInput {
  actorTokenId: string | null;
  actor: string;
  operation: string;
  inputDigest: string;
  touchedIds: readonly string[];
}

/**
 * The hash covers the stored values byte for byte, so incidental whitespace and duplicates are
 * removed once, before the row exists, instead of being forgiven when the hash is checked.
 * Touched ids keep the order the mutation gave them (first occurrence wins).
 */
export function normalizeAuditInput(e: AuditEventInput): AuditEventInput {
  const ids = e.touchedIds.map((id) => String(id).trim()).filter((id) => id !== '');
  return {
    actorTokenId: e.actorTokenId === null ? null : String(e.actorTokenId).trim(),
    actor: e.actor.trim(),
    operation: e.operation.trim(),
    inputDigest: e.inputDigest.trim(),
    touchedIds: [...new Set(ids)],
  };
}
