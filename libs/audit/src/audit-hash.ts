import { createHash } from 'node:crypto';
import { canonicalize, DomainError, ErrorCode } from '@pedigree/core';
import { jcs } from './jcs';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Hash formulas, each stated in docs/audit-trail.md. 1 is kept only so rows chained before
 * version 2 still verify: it trimmed strings and rounded the time to milliseconds, so it missed
 * whitespace and sub-millisecond tampering.
 */
export const HASH_VERSIONS = [1, 2] as const;
export type HashVersion = (typeof HASH_VERSIONS)[number];
/** What the chainer writes now. */
export const CURRENT_HASH_VERSION: HashVersion = 2;

export const isHashVersion = (v: unknown): v is HashVersion => HASH_VERSIONS.includes(v as HashVersion);

/** An event's columns as stored; bigint columns as their decimal text. */
export interface ChainableEvent {
  id: string;
  seq: number;
  occurredAt: Date;
  /** occurred_at rendered by PostgreSQL in UTC with all six fractional digits; a Date keeps three. */
  occurredAtUtc: string;
  actorTokenId: string | null;
  actor: string;
  operation: string;
  inputDigest: string;
  touchedIds: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function eventHashV1(e: ChainableEvent, prevHash: string): string {
  return sha256(
    JSON.stringify(
      canonicalize({
        v: 1,
        id: e.id,
        seq: e.seq,
        occurredAt: e.occurredAt.toISOString(),
        actorTokenId: e.actorTokenId,
        actor: e.actor,
        operation: e.operation,
        inputDigest: e.inputDigest,
        touchedIds: e.touchedIds,
        prevHash,
      }),
    ),
  );
}

/** Every column an auditor relies on, named as in the table, exactly as stored. */
function eventHashV2(e: ChainableEvent, prevHash: string): string {
  return sha256(
    jcs({
      hash_version: 2,
      id: e.id,
      seq: String(e.seq),
      occurred_at: e.occurredAtUtc,
      actor_token_id: e.actorTokenId,
      actor: e.actor,
      operation: e.operation,
      input_digest: e.inputDigest,
      touched_ids: e.touchedIds,
      prev_hash: prevHash,
    }),
  );
}

export function eventHash(event: ChainableEvent, prevHash: string, version: HashVersion): string {
  switch (version) {
    case 1:
      return eventHashV1(event, prevHash);
    case 2:
      return eventHashV2(event, prevHash);
    default: {
      const unknown: never = version;
      throw new DomainError(ErrorCode.INTERNAL, `no hash formula has version ${String(unknown)}`);
    }
  }
}

/** Digest of a mutation's input: records what was asked without storing the payload itself. */
export function inputDigest(input: unknown): string {
  return sha256(JSON.stringify(canonicalize(input ?? null)));
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
  /** As stored; anything but a known version is itself a sign of tampering. */
  hashVersion: number | null;
}

export interface BrokenLink {
  seq: number;
  eventId: string | null;
  reason: BreakReason;
  detail: string;
}

export interface RunResult {
  broken: BrokenLink | null;
  nextSeq: number;
  prevHash: string;
  /** Hash versions of the events that verified. */
  versions: Set<HashVersion>;
}

/**
 * Checks a run of chained events in seq order, continuing from `expectedSeq` and `prevHash`.
 * Returns the first broken link, or the state to continue from.
 */
export function verifyRun(events: readonly StoredEvent[], expectedSeq: number, prevHash: string): RunResult {
  let seq = expectedSeq;
  let prev = prevHash;
  const versions = new Set<HashVersion>();
  const stop = (eventId: string, reason: BreakReason, detail: string): RunResult => ({
    broken: { seq, eventId, reason, detail },
    nextSeq: seq,
    prevHash: prev,
    versions,
  });
  for (const e of events) {
    if (e.seq !== seq) {
      return stop(e.id, BreakReason.MISSING_EVENT, `event at position ${seq} is missing (deleted); the chain resumes at position ${e.seq} with event ${e.id}`);
    }
    // The row is checked against itself first, its stored prev_hash included, so a change to any
    // of its columns is named as this row's; only a row that is intact but links elsewhere means
    // an earlier event was rewritten.
    if (!isHashVersion(e.hashVersion)) return stop(e.id, BreakReason.HASH_MISMATCH, `event ${e.id} names hash version ${e.hashVersion}, which no formula has`);
    if (eventHash(e, e.prevHash, e.hashVersion) !== e.hash) return stop(e.id, BreakReason.HASH_MISMATCH, `event ${e.id} was modified after it was chained`);
    if (e.prevHash !== prev) return stop(e.id, BreakReason.PREVIOUS_HASH_MISMATCH, `event ${e.id} does not link to the event before it`);
    versions.add(e.hashVersion);
    prev = e.hash;
    seq++;
  }
  return { broken: null, nextSeq: seq, prevHash: prev, versions };
}
