import { invalidInput } from '../errors';
import { isRegistryId } from '../validation/registry-id';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  /** Exclusive lower bound on the keyset id; null for the first page. */
  afterId: string | null;
  limit: number;
}

/** Cursors are opaque to clients but are just the keyset id, prefixed so a model cursor can't page datasets. */
export function encodeCursor(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

export function toPageRequest(
  kind: string,
  first: number | null | undefined,
  after: string | null | undefined,
  sizes: { max: number; default: number } = { max: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
): PageRequest {
  const limit = first ?? sizes.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > sizes.max) {
    throw invalidInput('first', `${limit} is out of range`, `an integer from 1 to ${sizes.max}`);
  }
  if (!after) return { afterId: null, limit };
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const [prefix, id] = decoded.split(':');
  if (prefix !== kind || !isRegistryId(id)) {
    throw invalidInput('after', `"${after}" is not a ${kind} cursor`, 'an endCursor returned by this connection');
  }
  return { afterId: id, limit };
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * Pages a computed result (e.g. an impact) with offset cursors; `slice` builds only the rows of
 * the page, so a result of hundreds of thousands of rows is never materialized whole.
 */
export async function pageOfSlice<T>(
  totalCount: number,
  page: PageRequest,
  slice: (start: number, end: number) => T[] | Promise<T[]>,
): Promise<Page<T> & { offset: number }> {
  const offset = page.afterId === null ? 0 : Number(page.afterId) + 1;
  return { items: await slice(offset, offset + page.limit), totalCount, hasNextPage: offset + page.limit < totalCount, offset };
}
