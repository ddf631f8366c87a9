import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pdg_';
const FORMAT = /^pdg_[A-Za-z0-9_-]{43}$/;

/** 32 random bytes: high entropy, so a fast hash is enough and no salt is needed. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function isTokenFormat(token: string): boolean {
  return FORMAT.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Safe to show and log: identifies a token without revealing it. */
export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}
