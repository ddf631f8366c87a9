import { Canonical, conflict, diffPaths, DomainError, ErrorCode } from '@pedigree/core';

export enum CheckpointBatchOutcome {
  CREATED = 'CREATED',
  ALREADY_PRESENT = 'ALREADY_PRESENT',
  CONFLICT = 'CONFLICT',
  REFUSED = 'REFUSED',
}

export interface CheckpointBatchItem {
  index: number;
  digest: string;
  outcome: CheckpointBatchOutcome;
  /** The registry id: of the checkpoint written (or already there); null when refused, and for CREATED in a batch that was not applied. */
  id: string | null;
  code: string | null;
  field: string | null;
  message: string | null;
  /** For CONFLICT: the differing fields, as input paths. */
  fields: string[];
  /** For a CONFLICT or duplicate within the batch: the index of the earlier item with the same digest. */
  sameDigestAs: number | null;
}

export interface CheckpointBatchReport {
  applied: boolean;
  items: CheckpointBatchItem[];
  created: number;
  alreadyPresent: number;
  conflicts: number;
  refused: number;
}

export function batchItem(index: number, digest: string): CheckpointBatchItem {
  return { index, digest, outcome: CheckpointBatchOutcome.CREATED, id: null, code: null, field: null, message: null, fields: [], sameDigestAs: null };
}

/** Marks an item refused or in conflict with what the error says (CONFLICT errors become CONFLICT outcomes). */
export function failItem(item: CheckpointBatchItem, error: DomainError): void {
  const details = (error.details ?? {}) as { fields?: string[] };
  item.outcome = error.code === ErrorCode.CONFLICT ? CheckpointBatchOutcome.CONFLICT : CheckpointBatchOutcome.REFUSED;
  item.id = null;
  item.code = error.code;
  item.field = error.field ?? null;
  item.message = error.message;
  item.fields = details.fields ?? [];
}

/**
 * Items of one batch that repeat an earlier item's digest: the index of that earlier item, and
 * whether the payload is the same (then they are one registration) or not (a CONFLICT naming both).
 * `registrations[i]` is null for items already refused; they take no part.
 */
export function sameDigests(
  digests: readonly string[],
  registrations: readonly (Canonical | null)[],
  at: (index: number) => string,
): Map<number, { first: number; error: DomainError | null }> {
  const firstOf = new Map<string, number>();
  const out = new Map<number, { first: number; error: DomainError | null }>();
  digests.forEach((digest, i) => {
    if (registrations[i] === null) return;
    const first = firstOf.get(digest);
    if (first === undefined) {
      firstOf.set(digest, i);
      return;
    }
    const fields = diffPaths(registrations[first], registrations[i]);
    const error = fields.length
      ? conflict(
          `${at(i)}.digest: checkpoint "${digest}" is also item ${first} of this batch (${at(first)}), with different values for: ${fields.join(', ')}. ` +
            'One digest is one registration; remove one of them or make them agree.',
          fields.map((f) => `${at(i)}.${f}`),
          { key: digest, index: i, sameDigestAs: first },
        )
      : null;
    out.set(i, { first, error });
  });
  return out;
}

/** A retry that differs from what is stored: the CONFLICT registerCheckpoint would raise, with the item's paths. */
export function storedConflict(digest: string, stored: Canonical, incoming: Canonical, at: string): DomainError | null {
  const fields = diffPaths(stored, incoming);
  if (!fields.length) return null;
  return conflict(
    `${at}.digest: checkpoint "${digest}" is already registered with different values for: ${fields.join(', ')}. ` +
      'Registrations are immutable; register a new checkpoint or record a new claim instead.',
    fields.map((f) => `${at}.${f}`),
    { key: digest },
  );
}

/** The report: counts by outcome, and applied only when nothing was refused or in conflict. */
export function reportOf(items: CheckpointBatchItem[], written: boolean): CheckpointBatchReport {
  const count = (o: CheckpointBatchOutcome) => items.filter((i) => i.outcome === o).length;
  return {
    applied: written,
    items,
    created: count(CheckpointBatchOutcome.CREATED),
    alreadyPresent: count(CheckpointBatchOutcome.ALREADY_PRESENT),
    conflicts: count(CheckpointBatchOutcome.CONFLICT),
    refused: count(CheckpointBatchOutcome.REFUSED),
  };
}

export const isClean = (items: readonly CheckpointBatchItem[]) =>
  items.every((i) => i.outcome === CheckpointBatchOutcome.CREATED || i.outcome === CheckpointBatchOutcome.ALREADY_PRESENT);
