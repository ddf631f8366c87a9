import { invalidInput } from '../errors';
import { isHttpUrl } from '../validation/url';

/** Where a claim came from; auditors weigh a pipeline declaration differently from a third-party report. */
export enum EvidenceOrigin {
  PIPELINE_DECLARATION = 'PIPELINE_DECLARATION',
  MODEL_CARD = 'MODEL_CARD',
  THIRD_PARTY_REPORT = 'THIRD_PARTY_REPORT',
  AUDIT_FINDING = 'AUDIT_FINDING',
}

/** The support for one claim (an edge, a country, a license). Stored with the claim, never edited. */
export interface Evidence {
  origin: EvidenceOrigin;
  justification: string;
  documentRef: string | null;
  collector: string | null;
  observedAt: Date;
  confidence: number;
}

export interface EvidenceDraft {
  origin?: EvidenceOrigin | null;
  justification?: string | null;
  documentRef?: string | null;
  collector?: string | null;
  observedAt?: Date | string | null;
  confidence?: number | null;
}

const MAX_TEXT = 4000;
export const MIN_CONFIDENCE = 0.000001;

/** Validates and completes evidence; `field` prefixes error paths so clients see e.g. `input.evidence.confidence`. */
export function normalizeEvidence(draft: EvidenceDraft | null | undefined, field: string, defaults: Partial<Evidence> = {}): Evidence {
  const d = draft ?? {};
  const origin = d.origin ?? defaults.origin;
  if (!origin || !Object.values(EvidenceOrigin).includes(origin)) {
    throw invalidInput(`${field}.origin`, 'is required', Object.values(EvidenceOrigin).join(', '));
  }
  const justification = (d.justification ?? defaults.justification ?? '').trim();
  if (!justification) throw invalidInput(`${field}.justification`, 'must say why the claim holds', 'non-empty text');
  if (justification.length > MAX_TEXT) throw invalidInput(`${field}.justification`, `is longer than ${MAX_TEXT} characters`);
  const documentRef = d.documentRef ?? defaults.documentRef ?? null;
  if (documentRef !== null && !isHttpUrl(documentRef)) {
    throw invalidInput(`${field}.documentRef`, `"${documentRef}" is not a URL`, 'an absolute http(s) URL');
  }
  const confidence = d.confidence ?? defaults.confidence ?? 1;
  // Stored as PostgreSQL real, whose smallest positive normal value is about 1e-38; anything that
  // small is no confidence a person means, so refuse it rather than store 0 or fail in SQL.
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1 || (confidence > 0 && confidence < MIN_CONFIDENCE)) {
    throw invalidInput(`${field}.confidence`, `${confidence} is out of range`, `a number from 0 to 1; 0, or at least ${MIN_CONFIDENCE}`);
  }
  const observedAt = toDate(d.observedAt ?? defaults.observedAt ?? new Date(), `${field}.observedAt`);
  const collector = (d.collector ?? defaults.collector ?? null)?.trim() || null;
  return { origin, justification, documentRef, collector, observedAt, confidence };
}

function toDate(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidInput(field, `"${String(value)}" is not a date-time`, 'ISO 8601, e.g. 2025-01-20T00:00:00Z');
  return date;
}

/**
 * Evidence as it takes part in idempotency checks: normalized, but with `observedAt` only when the
 * caller gave it, since the default ("now") differs on every retry.
 */
export function comparableEvidence(evidence: Evidence | null, draft: EvidenceDraft | null | undefined): Record<string, unknown> | null {
  if (!evidence) return null;
  return { ...evidence, observedAt: draft?.observedAt ? evidence.observedAt : null };
}
