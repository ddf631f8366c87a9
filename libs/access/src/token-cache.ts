import { LRUCache } from 'lru-cache';
import { Principal } from '@pedigree/core';

/** How long a verified token is trusted without a database read; revocation takes effect within it. */
export const VERIFIED_TTL_MS = 5_000;
/** How long an unknown token hash is answered without a database read. */
const UNKNOWN_TTL_MS = 5_000;
/** How long a token, once verified, keeps its own rate-limit bucket between re-verifications. */
const RECOGNIZED_TTL_MS = 60 * 60_000;

export interface VerifiedToken {
  principal: Principal;
  /** Checked at every use, so a cached token stops working the moment it expires. */
  expiresAt: number | null;
}

/**
 * Three bounded caches with separate budgets, so a flood of made-up tokens can neither cost a SQL
 * lookup each (the negative cache answers) nor push a valid token out (it lives in another cache).
 */
export class TokenCache {
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: 10_000, ttl: VERIFIED_TTL_MS });
  private readonly unknown = new LRUCache<string, true>({ max: 100_000, ttl: UNKNOWN_TTL_MS });
  private readonly recognized = new LRUCache<string, string>({ max: 10_000, ttl: RECOGNIZED_TTL_MS });

  /** The verified token for this hash, unless expired (then forgotten) or stale. */
  verifiedFor(hash: string, now = Date.now()): VerifiedToken | undefined {
    const hit = this.verified.get(hash);
    if (hit && hit.expiresAt !== null && hit.expiresAt <= now) {
      this.verified.delete(hash);
      return undefined;
    }
    return hit;
  }

  isKnownUnknown(hash: string): boolean {
    return this.unknown.has(hash);
  }

  remember(hash: string, token: VerifiedToken | null): void {
    if (!token) {
      this.unknown.set(hash, true);
      this.recognized.delete(hash);
      return;
    }
    this.verified.set(hash, token);
    this.unknown.delete(hash);
    this.recognized.set(hash, token.principal.tokenId ?? 'system');
  }

  /** The token id a hash belonged to when last verified: a rate-limit key, never an authorization. */
  recognize(hash: string): string | undefined {
    return this.recognized.get(hash);
  }

  /** After a revocation on this instance; other instances follow within VERIFIED_TTL_MS. */
  forgetVerified(): void {
    this.verified.clear();
  }
}
