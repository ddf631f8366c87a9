import { createHash } from 'node:crypto';
import { canonicalize } from '@pedigree/core';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers; everything an auditor relies on, plus the previous hash. */
export interface ChainableEvent {
  id: string;
  seq: number;
  occurredAt: Date;
  actorTokenId: string | null;
  actor: string;
  operation: string;
  inputDigest: string;
  touchedIds: string[];
}

export function eventHash(event: ChainableEvent, prevHash: string): string {
  const body = JSON.stringify(
    canonicalize({
      v: 1, id: event.id, seq: event.seq, occurredAt: event.occurredAt.toISOString(), actorTokenId: event.actorTokenId, actor: event.actor,
      operation: event.operation, inputDigest: event.inputDigest, touchedIds: event.touchedIds, prevHash,
    }),
  );
  return createHash('sha256').update(body).digest('hex');
}

/** Digest of a mutation's input: records what was asked without storing the payload itself. */
export function inputDigest(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonicalize(input ?? null))).digest('hex');
}

/** The bytes an Ed25519 tree-head signature covers; outsiders rebuild this string to verify. */
export function treeHeadMessage(size: number, headHash: string, signedAt: Date): string {
  return `pedigree-audit-tree-head:v1\n${size}\n${headHash}\n${signedAt.toISOString()}`;
}

export enum BreakReason {
  HASH_MISMATCH = 'HASH_MISMATCH',
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  MISSING_EVENT = 'MISSING_EVENT',
}

export interface StoredEvent extends ChainableEvent {
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  seq: number;
  eventId: string | null;
  reason: BreakReason;
  detail: string;
}

/**
 * Checks a run of chained events in seq order, continuing from `expectedSeq` and `prevHash`.
 * Returns the first broken link, or the state to continue from.
 */
export function verifyRun(events: readonly StoredEvent[], expectedSeq: number, prevHash: string): { broken: BrokenLink | null; nextSeq: number; prevHash: string } {
  let seq = expectedSeq;
  let prev = prevHash;
  for (const e of events) {
    if (e.seq !== seq) {
      return {
        broken: { seq, eventId: e.id, reason: BreakReason.MISSING_EVENT, detail: `event at position ${seq} is missing (deleted); the chain resumes at position ${e.seq} with event ${e.id}` },
        nextSeq: seq, prevHash: prev,
      };
    }
    if (e.prevHash !== prev) {
      return { broken: { seq, eventId: e.id, reason: BreakReason.PREVIOUS_HASH_MISMATCH, detail: `event ${e.id} does not link to the event before it` }, nextSeq: seq, prevHash: prev };
    }
    const recomputed = eventHash(e, prev);
    if (recomputed !== e.hash) {
      return { broken: { seq, eventId: e.id, reason: BreakReason.HASH_MISMATCH, detail: `event ${e.id} was modified after it was chained` }, nextSeq: seq, prevHash: prev };
    }
    prev = e.hash;
    seq++;
  }
  return { broken: null, nextSeq: seq, prevHash: prev };
}
