import { ErrorCode } from '@pedigree/core';
import { checkArgument } from './input-limits';

const body = (value: unknown) => () => {
  checkArgument(value, 'input');
  return value;
};

describe('checkArgument', () => {
  it.each([
    ['a NUL', { name: 'a\u0000b' }, 'input.name', /NUL/],
    ['a lone high surrogate', { name: 'x\uD800' }, 'input.name', /lone UTF-16 surrogate/],
    ['a lone low surrogate', { tags: ['ok', '\uDC00x'] }, 'input.tags[1]', /lone UTF-16 surrogate/],
    ['a string over the default limit', { name: 'x'.repeat(1001) }, 'input.name', /1001 characters long, over the limit of 1000/],
    ['a justification over its own limit', { evidence: { justification: 'x'.repeat(4001) } }, 'input.evidence.justification', /limit of 4000/],
    ['too many lineage sources', { lineage: Array.from({ length: 10_000 }, () => ({})) }, 'input.lineage', /10000 items, over the limit of 64/],
    ['a checkpoint batch over its limit', { checkpoints: Array.from({ length: 1001 }, () => ({})) }, 'input.checkpoints', /1001 items, over the limit of 1000/],
    ['too many tags', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'input.tags', /limit of 50/],
    ['a year no database holds', { evidence: { observedAt: new Date(Date.UTC(275760, 0, 1)) } }, 'input.evidence.observedAt', /year 275760/],
  ])('refuses %s, naming %s', (_name, value, field, message) => {
    let error: unknown;
    try {
      body(value)();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts what real registrations hold: a 14-parent merge, emoji, a 4,000-character justification', () => {
    const value = { name: 'acme/merge-🦙', lineage: Array.from({ length: 14 }, () => ({ relation: 'MERGE' })), evidence: { justification: 'é'.repeat(4000) } };
    expect(body(value)()).toBe(value);
  });

  it('accepts the advertised registerCheckpoints batch of 1,000', () => {
    const value = { checkpoints: Array.from({ length: 1000 }, () => ({ digest: 'sha256:0', uris: ['s3://a'] })) };
    expect(body(value)()).toBe(value);
  });
});
