import { invalidInput } from '../errors/domain-error';
import { validDate } from '../validation/calendar-date';

/**
 * The moment an answer is given for (issue 17). Two clocks: `recordedAt` is the registry's own
 * (claims recorded by then and not retracted by then; null for now), `validOn` is the real world's
 * (ownership stakes whose valid_from/valid_to span that day). The present is no slice at all, so
 * present-time queries keep their materialized tables and the in-memory index.
 */
export interface TimeSlice {
  recordedAt: Date | null;
  /** YYYY-MM-DD (UTC). */
  validOn: string;
}

/**
 * `asOf` alone asks what the registry answered then, so ownership is judged on that day too; `validAt`
 * alone asks today's knowledge about another day. A future `asOf` is refused: the registry cannot
 * know what it will have recorded. One before anything was recorded is a valid, empty past.
 */
export function timeSlice(asOf: Date | null | undefined, validAt: string | null | undefined, now = new Date(), field = 'asOf'): TimeSlice | null {
  const validOn = validDate(validAt, 'validAt');
  if ((asOf === null || asOf === undefined) && validOn === null) return null;
  if (asOf && Number.isNaN(asOf.getTime())) throw invalidInput(field, 'is not a date-time', 'an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z');
  if (asOf && asOf.getTime() > now.getTime()) {
    throw invalidInput(
      field,
      `${asOf.toISOString()} is in the future (the registry's clock reads ${now.toISOString()})`,
      'a moment at or before now; omit it for the present',
    );
  }
  const recordedAt = asOf ?? null;
  return { recordedAt, validOn: validOn ?? (recordedAt ?? now).toISOString().slice(0, 10) };
}

/**
 * A slice's recording time as SQL parameters carry it: a slice without one (validAt alone) is now,
 * so everything committed counts. SQL compares it as `recorded_at < $n::timestamptz + interval
 * '1 millisecond'`: the API shows milliseconds, so a claim shown as recorded at asOf counts.
 */
export const recordedBy = (at: TimeSlice): Date | string => at.recordedAt ?? 'infinity';
