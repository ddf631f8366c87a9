/**
 * Encoding for COPY's text format: tab-separated columns, `\N` for NULL, and backslash escapes
 * for backslash, tab, newline and carriage return. Generated values rarely need escaping, so the
 * common case is a single regex test.
 */

export const NULL = '\\N';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? NULL : String(value);
}

export function bool(value: boolean): string {
  return value ? 't' : 'f';
}

/** A jsonb column. Keys are written in sorted order by the callers, so the value is also canonical. */
export function json(value: unknown): string {
  return value === null || value === undefined ? NULL : text(JSON.stringify(value));
}

/** A text[] literal; every element is quoted so URIs and SPDX ids never need thought. */
export function textArray(items: readonly string[]): string {
  if (!items.length) return '{}';
  return text(`{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

export function row(columns: readonly string[]): string {
  return `${columns.join('\t')}\n`;
}
