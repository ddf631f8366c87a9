/**
 * Name rules. ecosystem-graphs names are display names ("Tulu 2", "DALL·E 2"); the registry wants
 * `namespace/name` with letters, digits, `.`, `_` and `-`, so every name is mapped, and the
 * original stays in the evidence of the record.
 */

/** Strips accents (é → e) and stray spacing accents that mis-encoded files carry ("Universit´e"). */
function foldAccents(text: string): string {
  // The spacing accents go first: NFKD would turn "´" into a space plus a combining accent.
  return text
    .replace(/[\u00b4\u0060]/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * The comparison key for references: case, whitespace and punctuation are ignored, so "LLaMA 2"
 * and "Llama-2" meet, and "CommonCrawl" meets "Common Crawl". Letters of any script are kept.
 */
export function nameKey(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Lower-case slug for organizations and deployment names: `Google DeepMind` → `google-deepmind`. */
export function slugify(text: string, maxLength = 100): string {
  const slug = foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/** The part after `namespace/`: case is kept (names are compared case-insensitively by the registry). */
export function registryNamePart(assetName: string): string {
  // "+" and "&" carry meaning ("Command R+" is not "Command R"), so they are spelled out.
  const part = foldAccents(assetName)
    .replace(/\+/g, '-plus')
    .replace(/&/g, '-and-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return part || 'unnamed';
}

export function registryName(publisherSlug: string, assetName: string): string {
  return `${publisherSlug}/${registryNamePart(assetName)}`;
}
