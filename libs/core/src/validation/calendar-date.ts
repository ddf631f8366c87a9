import { invalidInput } from '../errors';

/** A calendar date as `YYYY-MM-DD`, or null when absent. The one check for every date-only input. */
export function validDate(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  // Round-trip: Date.parse rolls 2025-02-31 over to March instead of failing.
  const parsed = new Date(`${value}T00:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  if (!ok) throw invalidInput(field, `"${value}" is not a date`, 'YYYY-MM-DD');
  return value;
}
