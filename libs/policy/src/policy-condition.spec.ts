import { DomainError, ErrorCode } from '@pedigree/core';
import { compileCondition } from './policy-condition';

const facts = (over: Record<string, unknown> = {}) => ({
  subject: { kind: 'MODEL', name: 'acme/bot', access: 'OPEN_WEIGHTS' },
  ancestors: [{ name: 'deepseek-ai/DeepSeek-R1', kinds: ['WEIGHTS'], vendorCountry: 'CN', depth: 1 }],
  dependencies: [],
  deployments: [],
  rollups: { unavoidableVendors: ['deepseek-ai'] },
  ...over,
});

function refusal(source: string): DomainError {
  try {
    compileCondition(source, 'input.condition');
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`"${source}" compiled`);
}

describe('policy conditions', () => {
  it.each([
    ['ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountry == "CN")', true],
    ['ancestors.exists(a, a.vendorCountry == "US")', false],
    ['"deepseek-ai" in rollups.unavoidableVendors', true],
    ['subject.access == "API_ONLY"', false],
    ['ancestors.all(a, a.depth < 2)', true],
    ['subject.name.startsWith("acme/")', true],
    ['ancestors.filter(a, a.vendorCountry == "CN").size() > 0', true],
  ])('%s is %s', (source, expected) => {
    expect(compileCondition(source, 'input.condition')(facts())).toEqual({ value: expected });
  });

  it('refuses a syntax error with INVALID_INPUT naming the field and position', () => {
    const e = refusal('ancestors.exists(a, a.depth ==)');
    expect(e.code).toBe(ErrorCode.INVALID_INPUT);
    expect(e.field).toBe('input.condition');
    expect(e.message).toMatch(/line 1, column \d+/);
  });

  it('refuses an unknown variable at its position', () => {
    const e = refusal('subject.kind == "MODEL" &&\n  ancestor.size() > 0');
    expect(e.message).toContain('unknown variable "ancestor"');
    expect(e.message).toContain('line 2, column 3');
  });

  it('accepts comprehension variables and refuses deep nesting', () => {
    expect(() => compileCondition('ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS"))', 'c')).not.toThrow();
    expect(refusal('ancestors.exists(a, ancestors.exists(b, ancestors.exists(c, ancestors.exists(d, a == d))))').message).toMatch(/nests more than 3/);
  });

  it('refuses empty and over-long conditions', () => {
    expect(refusal('  ').message).toContain('is empty');
    expect(refusal(`subject.name == "${'x'.repeat(5000)}"`).message).toContain('at most 4000');
  });

  it('reports a runtime failure instead of throwing', () => {
    const run = compileCondition('ancestors.exists(a, a.missing == 1)', 'c');
    expect(run(facts())).toEqual({ error: expect.stringContaining('missing') });
    expect(compileCondition('subject.name', 'c')(facts())).toEqual({ error: expect.stringContaining('not true or false') });
  });
});
