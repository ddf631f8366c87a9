import { DomainError, ErrorCode } from '@pedigree/core';
import { canonicalizeEx } from 'json-canonicalize';

// With the `u` flag a surrogate pair is one code point, so only lone halves match.
const LONE_SURROGATE = /\p{Surrogate}/u;

const refuse = (path: string, what: string) => new DomainError(ErrorCode.INTERNAL, `${path}: ${what}, which RFC 8785 cannot canonicalize.`);

/**
 * Only I-JSON values reach the serializer: the library escapes a lone surrogate instead of
 * refusing it (RFC 8785 section 3.2.2.2 says refuse), prints `undefined` for a function, and
 * serializes an object with `toJSON` without sorting its keys. Any of these would make a hash
 * input differ silently from the data it stands for.
 */
function assertIJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse(path, String(value));
    return;
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw refuse(path, 'a lone surrogate');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertIJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    for (const [k, v] of Object.entries(value as object)) {
      assertIJson(k, `${path} key`);
      assertIJson(v, `${path}.${k}`);
    }
    return;
  }
  throw refuse(path, `a ${typeof value === 'object' ? ((value as object).constructor?.name ?? 'non-plain object') : typeof value}`);
}

/** RFC 8785 (JSON Canonicalization Scheme) text of an I-JSON value. */
export function jcs(value: unknown): string {
  assertIJson(value, '$');
  return canonicalizeEx(value, { strictUndefined: true });
}
