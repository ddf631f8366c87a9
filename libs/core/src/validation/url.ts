import { invalidInput } from '../errors';

/** True for an absolute http(s) URL: what evidence `documentRef`s must be. */
export function isHttpUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** An absolute URL of any scheme (s3://, hf://, file://), or null. */
export function parseUrl(value: string): URL | null {
  try {
    const url = new URL(value.trim());
    return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** Normalizes a storage URI or throws INVALID_INPUT naming `field`. */
export function requireUri(value: string, field: string): string {
  const url = parseUrl(value);
  if (!url) throw invalidInput(field, `"${value}" is not a URI`, 'e.g. s3://bucket/model.safetensors or hf://org/name');
  return url.toString();
}
