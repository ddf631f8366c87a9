import { invalidInput } from '../errors/domain-error';
import { Evidence, EvidenceDraft, normalizeEvidence } from '../evidence/evidence';

/**
 * The facts about a dataset that the EU training-content summary asks for and a lineage graph
 * does not hold: where the data came from (the template's section 2 source types), how large it
 * is (its section 1.3 size ranges) and, for crawled data, the most relevant domains.
 */
export enum DatasetKind {
  PUBLIC = 'PUBLIC',
  LICENSED = 'LICENSED',
  CRAWLED = 'CRAWLED',
  USER = 'USER',
  SYNTHETIC = 'SYNTHETIC',
  OTHER = 'OTHER',
}

/** The template's size ranges, per modality; a dataset is in one. */
export enum DatasetSizeRange {
  TEXT_UNDER_1B_TOKENS = 'TEXT_UNDER_1B_TOKENS',
  TEXT_1B_TO_10T_TOKENS = 'TEXT_1B_TO_10T_TOKENS',
  TEXT_OVER_10T_TOKENS = 'TEXT_OVER_10T_TOKENS',
  IMAGE_UNDER_1M_IMAGES = 'IMAGE_UNDER_1M_IMAGES',
  IMAGE_1M_TO_1B_IMAGES = 'IMAGE_1M_TO_1B_IMAGES',
  IMAGE_OVER_1B_IMAGES = 'IMAGE_OVER_1B_IMAGES',
  AUDIO_UNDER_10K_HOURS = 'AUDIO_UNDER_10K_HOURS',
  AUDIO_10K_TO_1M_HOURS = 'AUDIO_10K_TO_1M_HOURS',
  AUDIO_OVER_1M_HOURS = 'AUDIO_OVER_1M_HOURS',
  VIDEO_UNDER_10K_HOURS = 'VIDEO_UNDER_10K_HOURS',
  VIDEO_10K_TO_1M_HOURS = 'VIDEO_10K_TO_1M_HOURS',
  VIDEO_OVER_1M_HOURS = 'VIDEO_OVER_1M_HOURS',
}

/** How the template words each range (section 1.3, "Training data size"). */
export const SIZE_RANGE_LABEL: Record<DatasetSizeRange, string> = {
  TEXT_UNDER_1B_TOKENS: 'Text: less than 1 billion tokens',
  TEXT_1B_TO_10T_TOKENS: 'Text: 1 billion to 10 trillion tokens',
  TEXT_OVER_10T_TOKENS: 'Text: more than 10 trillion tokens',
  IMAGE_UNDER_1M_IMAGES: 'Images: less than 1 million images',
  IMAGE_1M_TO_1B_IMAGES: 'Images: 1 million to 1 billion images',
  IMAGE_OVER_1B_IMAGES: 'Images: more than 1 billion images',
  AUDIO_UNDER_10K_HOURS: 'Audio: less than 10,000 hours',
  AUDIO_10K_TO_1M_HOURS: 'Audio: 10,000 to 1 million hours',
  AUDIO_OVER_1M_HOURS: 'Audio: more than 1 million hours',
  VIDEO_UNDER_10K_HOURS: 'Video: less than 10,000 hours',
  VIDEO_10K_TO_1M_HOURS: 'Video: 10,000 to 1 million hours',
  VIDEO_OVER_1M_HOURS: 'Video: more than 1 million hours',
};

export interface DatasetProfile {
  sourceKind: DatasetKind | null;
  sizeRange: DatasetSizeRange | null;
  /** Lower-case host names, most relevant first, without duplicates. */
  topDomains: string[];
}

export interface DatasetProfileDraft {
  sourceKind?: string | null;
  sizeRange?: string | null;
  topDomains?: string[] | null;
}

export const MAX_TOP_DOMAINS = 1000;
// The last label is letters, or an IDNA (punycode) TLD such as `xn--p1ai` (.рф).
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Validates a profile; `field` prefixes error paths (`input.topDomains[2]`). Domains are only for
 * crawled data, where the template asks for them; a stated fact is never dropped silently.
 */
export function normalizeDatasetProfile(draft: DatasetProfileDraft, field: string): DatasetProfile {
  const kind = draft.sourceKind ?? null;
  if (kind !== null && !Object.values(DatasetKind).includes(kind as DatasetKind))
    throw invalidInput(`${field}.sourceKind`, `"${kind}" is not a dataset source kind`, Object.values(DatasetKind).join(', '));
  const sizeRange = draft.sizeRange ?? null;
  if (sizeRange !== null && !Object.values(DatasetSizeRange).includes(sizeRange as DatasetSizeRange))
    throw invalidInput(`${field}.sizeRange`, `"${sizeRange}" is not a size range`, Object.values(DatasetSizeRange).join(', '));
  const raw = draft.topDomains ?? [];
  if (raw.length > MAX_TOP_DOMAINS) throw invalidInput(`${field}.topDomains`, `lists ${raw.length} domains`, `at most ${MAX_TOP_DOMAINS}`);
  const topDomains: string[] = [];
  raw.forEach((d, i) => {
    const host = d.trim().toLowerCase().replace(/\.$/, '');
    if (!HOST.test(host))
      throw invalidInput(`${field}.topDomains[${i}]`, `"${d}" is not a domain name`, 'a host name such as en.wikipedia.org, without scheme or path');
    if (!topDomains.includes(host)) topDomains.push(host);
  });
  if (topDomains.length && kind !== DatasetKind.CRAWLED)
    throw invalidInput(`${field}.topDomains`, 'are only recorded for crawled data', `sourceKind ${DatasetKind.CRAWLED}`);
  if (kind === null && sizeRange === null && !topDomains.length)
    throw invalidInput(field, 'states nothing', 'at least one of sourceKind, sizeRange, topDomains');
  return { sourceKind: kind as DatasetKind | null, sizeRange: sizeRange as DatasetSizeRange | null, topDomains };
}

/** A profile as one claim: the stated facts and what supports them (null when nothing is stated). */
export interface DatasetProfileClaim extends DatasetProfile {
  evidence: Evidence | null;
}

/**
 * The profile a registration states, supported by its own `profileEvidence` or else by the
 * registration's evidence. Stating nothing is no profile; evidence that supports nothing is refused
 * rather than dropped.
 */
export function datasetProfileClaim(
  draft: DatasetProfileDraft & { profileEvidence?: EvidenceDraft | null },
  fallback: Evidence,
  field: string,
): DatasetProfileClaim {
  const stated = (draft.sourceKind ?? null) !== null || (draft.sizeRange ?? null) !== null || (draft.topDomains?.length ?? 0) > 0;
  if (!stated) {
    if (draft.profileEvidence)
      throw invalidInput(`${field}.profileEvidence`, 'supports no stated fact', 'sourceKind, sizeRange or topDomains beside it, or no profileEvidence');
    return { sourceKind: null, sizeRange: null, topDomains: [], evidence: null };
  }
  const profile = normalizeDatasetProfile(draft, field);
  return { ...profile, evidence: draft.profileEvidence ? normalizeEvidence(draft.profileEvidence, `${field}.profileEvidence`) : fallback };
}
