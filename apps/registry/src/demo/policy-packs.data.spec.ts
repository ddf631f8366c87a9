import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCelError, parse, run } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { z } from 'zod';
import { CONTEXTS, EXPECTED } from './policy-packs.fixture';

/**
 * The policy packs in policy-packs/ are data a loader reads: this checks each file's shape, that
 * every condition is CEL over the evaluator's variables only, and what each policy decides on a few
 * subjects shaped like the evaluator's contract. The integrator may replace it with the loader's own test.
 */
const DIR = join(process.cwd(), 'policy-packs');
const VARIABLES = new Set(['subject', 'ancestors', 'dependencies', 'deployments', 'rollups']);
const KINDS = ['MODEL', 'CHECKPOINT', 'DATASET', 'DEPLOYMENT'] as const;
/** DeploymentEnvironment's values (@pedigree/deployment), spelled out so this data check needs no Nest module. */
const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'TEST', 'RESEARCH', 'UNKNOWN'] as const;

const url = z.url({ protocol: /^https?$/ });
const Policy = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  description: z.string().min(40),
  documentRef: url,
  scope: z.strictObject({
    subjects: z.array(z.enum(KINDS)).min(1),
    environments: z.array(z.enum(ENVIRONMENTS)),
    tags: z.array(z.string()),
    ownerTeams: z.array(z.string()),
    organization: z.string().nullable(),
  }),
  condition: z.string().min(1),
  effect: z.enum(['DENY', 'WARN']),
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  onError: z.enum(['DENY', 'WARN', 'IGNORE']),
});
const Pack = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  description: z.string().min(40),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  sources: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        publisher: z.string().min(1),
        date: z.iso.date().nullable(),
        url,
      }),
    )
    .min(1),
  policies: z.array(Policy).min(1),
});
type Pack = z.infer<typeof Pack>;

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const packs: [string, Pack][] = files.map((f) => [f, Pack.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')))]);
const policies = packs.flatMap(([, p]) => p.policies);

/** Identifiers that are not bound by an enclosing comprehension (macro variables and the accumulator are). */
function freeIdentifiers(e: Expr | undefined, bound: ReadonlySet<string> = new Set(), out = new Set<string>()): Set<string> {
  const k = e?.exprKind;
  if (!k) return out;
  switch (k.case) {
    case 'identExpr':
      if (!bound.has(k.value.name)) out.add(k.value.name);
      break;
    case 'selectExpr':
      freeIdentifiers(k.value.operand, bound, out);
      break;
    case 'callExpr':
      freeIdentifiers(k.value.target, bound, out);
      k.value.args.forEach((a) => freeIdentifiers(a, bound, out));
      break;
    case 'listExpr':
      k.value.elements.forEach((a) => freeIdentifiers(a, bound, out));
      break;
    case 'structExpr':
      for (const entry of k.value.entries) {
        if (entry.keyKind.case === 'mapKey') freeIdentifiers(entry.keyKind.value, bound, out);
        freeIdentifiers(entry.value, bound, out);
      }
      break;
    case 'comprehensionExpr': {
      const c = k.value;
      // The range and the initial accumulator are evaluated outside the loop's scope.
      freeIdentifiers(c.iterRange, bound, out);
      freeIdentifiers(c.accuInit, bound, out);
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
      [c.loopCondition, c.loopStep, c.result].forEach((x) => freeIdentifiers(x, inner, out));
      break;
    }
    case 'constExpr':
      break;
  }
  return out;
}

type Fixture = (typeof CONTEXTS)[string];
/**
 * Scope as docs/policies.md describes it, for the fields the fixtures vary: the subject's kind, and the
 * environment (a deployment's own; for a node, that of any deployment running it).
 */
function inScope(p: z.infer<typeof Policy>, ctx: Fixture): boolean {
  const subject = ctx.subject as { kind: string; environment?: string };
  if (!p.scope.subjects.includes(subject.kind as (typeof KINDS)[number])) return false;
  if (!p.scope.environments.length) return true;
  const environments = subject.kind === 'DEPLOYMENT' ? [subject.environment] : (ctx.deployments as { environment: string }[]).map((d) => d.environment);
  return environments.some((e) => p.scope.environments.includes(e as (typeof ENVIRONMENTS)[number]));
}

describe('policy packs (policy-packs/*.json)', () => {
  it('exist, one file per pack named after its key', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const [file, pack] of packs) expect(file).toBe(`${pack.key}.json`);
  });

  it('have unique pack keys and unique policy keys across all packs', () => {
    const keys = policies.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(packs.map(([, p]) => p.key)).size).toBe(packs.length);
  });

  it.each(packs)('%s says it is a template, not legal advice, loaded disabled', (_, pack) => {
    expect(pack.description).toMatch(/TEMPLATE/);
    expect(pack.description).toMatch(/not legal advice/);
    expect(pack.description).toMatch(/disabled/);
  });

  it.each(policies.map((p) => [p.key, p] as const))('%s: the condition parses and uses only the evaluator variables', (_, p) => {
    const parsed = parse(p.condition);
    expect([...freeIdentifiers(parsed.expr)].filter((name) => !VARIABLES.has(name))).toEqual([]);
  });

  it('finds free identifiers but not comprehension variables', () => {
    const free = (s: string) => [...freeIdentifiers(parse(s).expr)].sort();
    expect(free('ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendor == subject.vendor)')).toEqual(['ancestors', 'subject']);
    expect(free('ancestors.exists(a, a.depth > 1.0) || a.depth == 1.0')).toEqual(['a', 'ancestors']);
    expect(free('[x].all(y, y in {"k": z})')).toEqual(['x', 'z']);
  });

  it.each(Object.keys(CONTEXTS))('decide as expected on the %s fixture, every condition in scope a boolean', (name) => {
    const verdicts = policies.filter((p) => inScope(p, CONTEXTS[name])).map((p) => [p.key, run(p.condition, CONTEXTS[name])] as const);
    for (const [key, v] of verdicts) expect([key, isCelError(v) ? v.message : typeof v]).toEqual([key, 'boolean']);
    expect(verdicts.filter(([, v]) => v === true).map(([key]) => key)).toEqual(EXPECTED[name]);
  });
});
