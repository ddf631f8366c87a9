import { hash32, Stream } from '../random';
import { Role } from './models.plan';
import type { SeedPlan } from './seed.plan';
import { API_WORDS, DATASET_STYLES, DATASET_TOPICS, FAMILY_WORDS, SIZES, VARIANTS } from './vocabulary';

/**
 * Names are recomputed from the plan whenever a row needs one, instead of being kept for every
 * node: at a million models that would be the largest structure in memory.
 */

const ROLE_VARIANTS: Partial<Record<Role, readonly string[]>> = {
  [Role.FINETUNE]: VARIANTS.FINETUNE,
  [Role.ADAPTER]: VARIANTS.ADAPTER,
  [Role.QUANTIZATION]: VARIANTS.QUANTIZATION,
  [Role.MERGE]: VARIANTS.MERGE,
  [Role.DISTILLED]: VARIANTS.DISTILLED,
  [Role.CONTINUED_PRETRAINING]: VARIANTS.CONTINUED_PRETRAINING,
  [Role.PRUNING]: VARIANTS.PRUNING,
};

/** A base model's stem, e.g. "Corvid-3": the word and generation are unique per base. */
export function familyStem(p: SeedPlan, root: number): string {
  const r = root - p.models.apiCount;
  return `${FAMILY_WORDS[r % FAMILY_WORDS.length]}-${Math.floor(r / FAMILY_WORDS.length) + 1}`;
}

/** `namespace/name` like the Hub; the publisher's slug is the namespace. Unique: every derived name ends in its index. */
export function modelName(p: SeedPlan, i: number): string {
  const m = p.models;
  const slug = p.orgs[m.publisher[i]].slug;
  const role = m.role[i] as Role;
  if (role === Role.API) return `${slug}/${API_WORDS[i % API_WORDS.length]}-${Math.floor(i / API_WORDS.length) + 1}`;
  const size = SIZES[m.size[i]][0];
  if (role === Role.ROOT) return `${slug}/${familyStem(p, i)}-${size}`;
  const variants = ROLE_VARIANTS[role]!;
  const variant = variants[hash32(p.seed, Stream.MODEL, i, 1) % variants.length];
  return `${slug}/${familyStem(p, m.family[i])}-${size}-${variant}-${i.toString(36)}`;
}

export function datasetName(p: SeedPlan, d: number): string {
  const ds = p.datasets;
  const h = hash32(p.seed, Stream.DATASET, d, 1);
  const synthetic = ds.genOffset[d + 1] > ds.genOffset[d] ? '-synthetic' : '';
  return `${p.orgs[ds.publisher[d]].slug}/${DATASET_TOPICS[h % DATASET_TOPICS.length]}-${DATASET_STYLES[(h >>> 8) % DATASET_STYLES.length]}${synthetic}-${d.toString(36)}`;
}

export function checkpointDigest(seed: number, c: number): string {
  let hex = 'sha256:';
  for (let k = 0; k < 8; k++) hex += hash32(seed, Stream.DIGEST, c, k).toString(16).padStart(8, '0');
  return hex;
}

const EPOCH = Date.UTC(2022, 0, 1);
const DAY_MS = 86_400_000;
const dates: string[] = [];

/** `YYYY-MM-DD` of a plan day (days after 2022-01-01). */
export function isoDate(day: number): string {
  return (dates[day] ??= new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10));
}

/** The plan day of an ISO timestamp. */
export function dayOf(iso: string): number {
  return Math.floor((Date.parse(iso) - EPOCH) / DAY_MS);
}

/**
 * A timestamp on that day, written as Date#toISOString writes it, so it matches what the registry
 * itself stores. The time comes from the hash, so rows differ without extra draws.
 */
export function isoTime(day: number, h: number): string {
  const minutes = h % 1440;
  return `${isoDate(day)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00.000Z`;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
