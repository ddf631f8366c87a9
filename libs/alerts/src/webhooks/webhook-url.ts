import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { invalidInput } from '@pedigree/core';
import { hostOf, isPrivateAddress } from './webhook-address';

export const MAX_URL_LENGTH = 2000;

export interface CheckedTarget {
  url: URL;
  /** The resolved address the request must connect to (no second lookup, so no DNS rebinding). */
  address: string;
  family: 4 | 6;
}

export class WebhookTargetError extends Error {}

/** Scheme, credentials and length; the address is checked by `resolveTarget`. */
export function parseWebhookUrl(raw: string, field: string, allowed: ReadonlySet<string>): URL {
  const accepted = 'an https URL (http only for hosts in PEDIGREE_WEBHOOK_ALLOW_HOSTS)';
  if (typeof raw !== 'string' || !raw.trim()) throw invalidInput(field, 'is empty', accepted);
  if (raw.length > MAX_URL_LENGTH) throw invalidInput(field, `is ${raw.length} characters long`, `at most ${MAX_URL_LENGTH}`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidInput(field, `"${raw}" is not a URL`, accepted);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput(field, `uses ${url.protocol.replace(':', '')}`, accepted);
  if (url.protocol === 'http:' && !allowed.has(hostOf(url))) {
    throw invalidInput(field, `uses plain http to ${hostOf(url)}, which PEDIGREE_WEBHOOK_ALLOW_HOSTS does not name`, accepted);
  }
  if (url.username || url.password) throw invalidInput(field, 'carries credentials', 'a URL without user:password@ (deliveries are signed instead)');
  url.hash = '';
  return url;
}

/**
 * Resolves the host and refuses it if any address is private, loopback, link-local or reserved,
 * unless the allow-list names the host or that address. Every address is checked, not only the
 * first, so a name cannot mix a public and a private answer.
 */
export async function resolveTarget(url: URL, allowed: ReadonlySet<string>, resolve = lookup): Promise<CheckedTarget> {
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await resolve(host, { all: true, verbatim: true });
    } catch (e) {
      throw new WebhookTargetError(`${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (!addresses.length) throw new WebhookTargetError(`${host} does not resolve`);
  if (!allowed.has(host)) {
    const refused = addresses.find((a) => isPrivateAddress(a.address) && !allowed.has(a.address.toLowerCase()));
    if (refused) {
      throw new WebhookTargetError(
        `${host} resolves to ${refused.address}, a private, loopback, link-local or reserved address; name it in PEDIGREE_WEBHOOK_ALLOW_HOSTS to allow it`,
      );
    }
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

/** For mutations: the URL and its resolved address, or INVALID_INPUT naming the field. */
export async function checkWebhookUrl(raw: string, field: string, allowed: ReadonlySet<string>): Promise<URL> {
  const url = parseWebhookUrl(raw, field, allowed);
  try {
    await resolveTarget(url, allowed);
  } catch (e) {
    if (e instanceof WebhookTargetError) throw invalidInput(field, e.message, 'a public https URL');
    throw e;
  }
  return url;
}
