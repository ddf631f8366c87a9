import { Role } from '@pedigree/core';
import { TokenCache } from './token-cache';

const principal = (tokenId: string) => ({ tokenId, actor: 'ci', role: Role.PIPELINE, namespaces: [] });

describe('TokenCache', () => {
  it('checks expiry at every use, not only when the entry is refreshed', () => {
    const c = new TokenCache();
    c.remember('h', { principal: principal('1'), expiresAt: 10_000 });
    expect(c.verifiedFor('h', 9_999)?.principal.tokenId).toBe('1');
    expect(c.verifiedFor('h', 10_000)).toBeUndefined();
  });

  it('remembers unknown hashes without touching verified ones', () => {
    const c = new TokenCache();
    c.remember('good', { principal: principal('1'), expiresAt: null });
    for (let i = 0; i < 200_000; i++) c.remember(`bogus-${i}`, null);
    expect(c.isKnownUnknown('bogus-199999')).toBe(true);
    expect(c.verifiedFor('good')?.principal.tokenId).toBe('1');
    expect(c.recognize('good')).toBe('1');
    expect(c.recognize('bogus-199999')).toBeUndefined();
  });

  it('forgets verified tokens on revocation but keeps recognising them for rate limits', () => {
    const c = new TokenCache();
    c.remember('h', { principal: principal('7'), expiresAt: null });
    c.forgetVerified();
    expect(c.verifiedFor('h')).toBeUndefined();
    expect(c.recognize('h')).toBe('7');
  });
});
