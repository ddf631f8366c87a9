import { invalidInput, MAX_CHECKPOINT_BATCH } from '@pedigree/core';

/**
 * The size limits of every argument, by field name; what is not listed gets the defaults. Sized
 * from real data: model-card justifications run to a few paragraphs, merges with 14 parents exist,
 * and a training run can list hundreds of datasets.
 */
export const DEFAULT_MAX_CHARS = 1000;
export const DEFAULT_MAX_ITEMS = 100;

export const MAX_CHARS: Record<string, number> = {
  justification: 4000,
  description: 10_000,
  hyperparametersJson: 65_536,
  attributionText: 4000,
  namingRequirement: 4000,
  useRestrictions: 4000,
  documentRef: 2000,
  uris: 2000,
  url: 2000,
  /** An OMS bundle: a certificate chain and a few thousand resources fit well under this. */
  bundle: 4_194_304,
  /** A public key or CA certificate, PEM. */
  pem: 16_384,
};

export const MAX_ITEMS: Record<string, number> = {
  /** applyPlan items; the CLI sends imports in batches of 100. */
  items: 500,
  /** registerCheckpoints: one set-based transaction per batch, sized to the default body limit. */
  checkpoints: MAX_CHECKPOINT_BATCH,
  lineage: 64,
  datasets: 1000,
  teachers: 100,
  aliases: 100,
  tags: 50,
  uris: 50,
  useRestrictions: 100,
  organizations: 100,
  namespaces: 100,
  /** The per-file digests of a signed model directory. */
  files: 20_000,
};

/** Years PostgreSQL and ISO 8601 both hold; outside them a date is a typo, not a claim. */
export const YEAR_RANGE = { min: 1, max: 9999 };

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one client argument (recursively) against the limits above; throws INVALID_INPUT naming
 * the offending field and the limit. No value PostgreSQL would refuse gets past it.
 */
export function checkArgument(value: unknown, name: string): void {
  check(value, name, name);
}

function check(value: unknown, path: string, key: string): void {
  if (typeof value === 'string') return checkText(value, path, key);
  if (value instanceof Date) return checkDate(value, path);
  if (Array.isArray(value)) {
    const max = MAX_ITEMS[key] ?? DEFAULT_MAX_ITEMS;
    if (value.length > max) throw invalidInput(path, `has ${value.length} items, over the limit of ${max}`, `at most ${max} items per request`);
    value.forEach((v, i) => check(v, `${path}[${i}]`, key));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) check(v, `${path}.${k}`, k);
  }
}

function checkText(value: string, path: string, key: string): void {
  if (value.includes('\u0000')) throw invalidInput(path, 'contains a NUL character', 'text without \\u0000');
  if (LONE_SURROGATE.test(value)) throw invalidInput(path, 'contains a lone UTF-16 surrogate (broken Unicode)', 'well-formed Unicode text');
  const max = MAX_CHARS[key] ?? DEFAULT_MAX_CHARS;
  if (value.length > max) throw invalidInput(path, `is ${value.length} characters long, over the limit of ${max}`, `at most ${max} characters`);
}

function checkDate(value: Date, path: string): void {
  const year = value.getUTCFullYear();
  if (Number.isNaN(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    throw invalidInput(
      path,
      `${Number.isNaN(year) ? 'is not a date' : `has the year ${year}`}`,
      `a date-time between the years ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`,
    );
  }
}
