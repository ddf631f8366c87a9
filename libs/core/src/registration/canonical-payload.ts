import { conflict } from '../errors';

export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

/**
 * Reduces a registration input to a stable form: keys sorted, null/undefined dropped, dates as ISO
 * strings. Two retries of the same call canonicalize identically, whatever their key order.
 */
export function canonicalize(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonicalize);
  if (typeof value === 'object') {
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = canonicalize((value as Record<string, unknown>)[key]);
      if (v !== null) out[key] = v;
    }
    return out;
  }
  if (typeof value === 'string') return value.trim();
  return value as Canonical;
}

/** Paths at which two canonical payloads differ, e.g. `sizeBytes`, `lineage[1].relation`. */
export function diffPaths(a: Canonical, b: Canonical, prefix = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (v: Canonical) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => diffPaths(item, b[i], `${prefix}[${i}]`));
  }
  if (isObj(a) && isObj(b)) {
    const ao = a as Record<string, Canonical>;
    const bo = b as Record<string, Canonical>;
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
    return keys.flatMap((k) => diffPaths(ao[k] ?? null, bo[k] ?? null, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix || '(root)'];
}

/** Idempotent registration: same payload is a no-op, a different one is a CONFLICT naming the fields. */
export function assertSamePayload(what: string, key: string, stored: Canonical, incoming: Canonical): void {
  const fields = diffPaths(stored, incoming);
  if (fields.length) {
    throw conflict(
      `${what} "${key}" is already registered with different values for: ${fields.join(', ')}. ` +
        `Registrations are immutable; register a new ${what.toLowerCase()} or record a new claim instead.`,
      fields.map((f) => `input.${f}`),
      { key },
    );
  }
}
