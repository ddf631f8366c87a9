/** The server's model and dataset name rule (`namespace/name`); anything else cannot be registered. */
export const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;

const HUB_URL = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:datasets\/)?/i;

export interface HubIdReading {
  /** The id to register, or null when the reference cannot name a registry node. */
  id: string | null;
  /** What was changed or why it was refused; null when the reference was already an id. */
  note: string | null;
}

/**
 * Cards name parents and datasets by Hub id, but also by URL, and older ones by a bare name
 * (`gpt2`) from before namespaces. URLs are reduced to the id; bare names are refused, because
 * guessing their namespace would invent a lineage claim.
 */
export function readHubId(raw: string): HubIdReading {
  const trimmed = raw.trim();
  const id = trimmed
    .replace(HUB_URL, '')
    .replace(/\/(?:tree|blob|resolve)\/.*$/, '')
    .replace(/\/+$/, '');
  if (!HUB_ID.test(id)) {
    return { id: null, note: `"${trimmed}" is not a Hugging Face id of the form namespace/name` };
  }
  return { id, note: id === trimmed ? null : `"${trimmed}" read as the Hub id ${id}` };
}

/** The server compares names case-insensitively, so the planner must too. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Slug rule of registerOrganization: `[a-z0-9][a-z0-9._-]{0,99}`. */
export function namespaceSlug(namespace: string): string {
  const slug = namespace
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 100);
  return slug || 'unnamed';
}

export function namespaceOf(id: string): string {
  return id.split('/')[0];
}
