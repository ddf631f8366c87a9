import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, ErrorCode } from '@pedigree/core';
import { compileCondition } from './policy-condition';
import { assertKnownFields, sampleActivation } from './policy-condition-fields';

const check = (source: string) => assertKnownFields(source, compileCondition(source, 'input.condition'), 'input.condition');

function refusal(source: string): DomainError {
  try {
    check(source);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`"${source}" was accepted`);
}

describe('condition fields', () => {
  it.each([
    ['ancestors.exists(a, a.vendorCountyr == "CN")', 'vendorCountyr'],
    // Behind a short-circuit, evaluation alone would never reach it.
    ['false && subject.acess == "API_ONLY"', 'acess'],
    ['ancestors.exists(a, a.licenseTerms.comercialUse)', 'comercialUse'],
    ['dependencies.exists(d, d.kind == "COMPUTE" && d.contry == "CN")', 'contry'],
    ['deployments.exists(d, d.enviroment == "PRODUCTION")', 'enviroment'],
    ['rollups.vendors.exists(v, v.unavoidble)', 'unavoidble'],
    ['rollups.concentration.topVendorShar > 0.5', 'topVendorShar'],
    ['ancestors.exists(a, a.ownerChain.exists(o, o.contry == "CN"))', 'contry'],
    ['has(subject.nme)', 'nme'],
  ])('refuses %s, naming the field', (source, name) => {
    const e = refusal(source);
    expect(e.code).toBe(ErrorCode.INVALID_INPUT);
    expect(e.field).toBe('input.condition');
    expect(e.message).toContain(`"${name}"`);
    expect(e.message).toMatch(/at line 1, column \d+/);
  });

  it('refuses an index by a missing key, found by evaluating the sample', () => {
    expect(refusal('subject["vendorCountyr"] == "CN"').message).toMatch(/does not exist/);
  });

  it.each([
    'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountry == "CN")',
    'subject.environment == "PRODUCTION" && subject.providerCountry == "CN"',
    'subject.modality == "text" && subject.parameterCount > 0 && "chat" in subject.tasks',
    'rollups.licenseDrift.exists(d, d.reason != "" && d.ancestorLicense != d.declaredLicense)',
    'rollups.countries.exists(c, c.country == "CN" && c.kinds.size() > 0)',
    'ancestors.filter(a, a.depth == 1).map(a, a.name).size() > 0',
    'ancestors.exists(a, a.relations.exists(r, r == "FINETUNE"))',
    'dependencies.exists(d, d.organization == "x" || d.organizationName == "x" || d.vendor == "x" || d.node == "x" || d.detail == "x")',
  ])('accepts %s', (source) => {
    expect(() => check(source)).not.toThrow();
  });

  it('knows every variable with one element in every list', () => {
    const a = sampleActivation() as Record<string, any>;
    for (const list of [a.ancestors, a.dependencies, a.deployments, a.rollups.vendors, a.rollups.countries, a.rollups.licenseDrift, a.ancestors[0].ownerChain])
      expect(list).toHaveLength(1);
    // Node and deployment subjects differ; the sample is their union.
    expect(a.subject).toEqual(expect.objectContaining({ environment: expect.anything(), access: expect.anything(), kind: expect.anything() }));
  });

  it('accepts every shipped pack condition and every docs/policies.md example', () => {
    const packs = join(__dirname, '../../../policy-packs');
    const conditions = readdirSync(packs)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => (JSON.parse(readFileSync(join(packs, f), 'utf8')) as { policies: { condition: string }[] }).policies.map((r) => r.condition));
    expect(conditions.length).toBeGreaterThan(0);
    const docs = readFileSync(join(__dirname, '../../../docs/policies.md'), 'utf8');
    const blocks = [...docs.matchAll(/```cel\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    // Inline examples too (the variable tables), those that are whole conditions: they compile on their own.
    const compiles = (source: string) => {
      try {
        return !!compileCondition(source, 'x');
      } catch {
        return false;
      }
    };
    const inline = [...docs.matchAll(/`([^`\n]*\b(?:subject|ancestors|dependencies|deployments|rollups)\b[^`\n]*)`/g)].map((m) => m[1]).filter(compiles);
    expect(inline.length).toBeGreaterThan(30);
    const examples = [...blocks, ...inline];
    for (const source of [...conditions, ...examples]) {
      try {
        check(source);
      } catch (e) {
        throw new Error(`${source}: ${(e as Error).message}`, { cause: e });
      }
    }
  });
});
