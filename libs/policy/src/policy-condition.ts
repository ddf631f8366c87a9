import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { invalidInput } from '@pedigree/core';

/** The variables a condition may name; docs/policies.md documents each. */
export const POLICY_VARIABLES = ['subject', 'ancestors', 'dependencies', 'deployments', 'rollups'] as const;
export const MAX_CONDITION_LENGTH = 4000;
/** Comprehensions nested deeper than this could cost |ancestors|^n on a large ancestry. */
export const MAX_COMPREHENSION_NESTING = 3;

export type Activation = Record<(typeof POLICY_VARIABLES)[number], unknown>;
export type CompiledCondition = (activation: Activation) => { value: boolean } | { error: string };

const ENV = celEnv({ funcs: strings });

interface AstExpr {
  id: bigint;
  exprKind: { case: string | undefined; value: any };
}

/**
 * Parses and plans a condition, refusing at once what cannot run: a syntax error (with its line and
 * column), an unknown top-level variable (at its position), or comprehensions nested too deeply.
 */
export function compileCondition(
  source: string,
  field: string,
  variables: readonly string[] = POLICY_VARIABLES,
  example = '`ancestors.exists(a, a.vendorCountry == "CN")`',
): CompiledCondition {
  if (typeof source !== 'string' || !source.trim()) throw invalidInput(field, 'is empty', `a CEL expression, e.g. ${example}`);
  if (source.length > MAX_CONDITION_LENGTH) throw invalidInput(field, `is ${source.length} characters long`, `at most ${MAX_CONDITION_LENGTH}`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (e) {
    const loc = (e as { location?: { start?: { line: number; column: number } } }).location?.start;
    const where = loc ? `line ${loc.line}, column ${loc.column}` : 'unknown position';
    throw invalidInput(field, `does not compile at ${where}: ${(e as { rawMessage?: string }).rawMessage ?? (e as Error).message}`, 'a CEL expression');
  }
  const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
  const at = (id: bigint) => {
    const offset = positions[String(id)] ?? 0;
    const before = source.slice(0, offset).split('\n');
    return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
  };
  checkNames(parsed.expr as unknown as AstExpr, new Set(), 0, variables, (id, problem, accepted) => {
    throw invalidInput(field, `${problem} at ${at(id)}`, accepted);
  });
  const run = plan(ENV, parsed);
  return (activation) => {
    try {
      const value = run(activation as never);
      if (isCelError(value)) return { error: value.message };
      if (typeof value !== 'boolean') return { error: `the condition gave ${typeof value === 'object' ? 'a value' : typeof value}, not true or false` };
      return { value };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
}

type Fail = (id: bigint, problem: string, accepted: string) => never;

function checkNames(e: AstExpr | undefined, bound: Set<string>, nesting: number, variables: readonly string[], fail: Fail): void {
  if (!e) return;
  const k = e.exprKind;
  switch (k.case) {
    case 'identExpr':
      if (!bound.has(k.value.name) && !variables.includes(k.value.name)) {
        fail(e.id, `names an unknown variable "${k.value.name}"`, variables.join(', '));
      }
      return;
    case 'selectExpr':
      return checkNames(k.value.operand, bound, nesting, variables, fail);
    case 'callExpr':
      checkNames(k.value.target, bound, nesting, variables, fail);
      for (const a of k.value.args) checkNames(a, bound, nesting, variables, fail);
      return;
    case 'listExpr':
      for (const a of k.value.elements) checkNames(a, bound, nesting, variables, fail);
      return;
    case 'structExpr':
      for (const entry of k.value.entries) {
        checkNames(entry.keyKind?.case === 'mapKey' ? entry.keyKind.value : undefined, bound, nesting, variables, fail);
        checkNames(entry.value, bound, nesting, variables, fail);
      }
      return;
    case 'comprehensionExpr': {
      const c = k.value;
      if (nesting + 1 > MAX_COMPREHENSION_NESTING)
        fail(e.id, `nests more than ${MAX_COMPREHENSION_NESTING} comprehensions (exists, all, map, filter)`, 'flatter conditions');
      checkNames(c.iterRange, bound, nesting, variables, fail);
      checkNames(c.accuInit, bound, nesting, variables, fail);
      const inner = new Set(bound).add(c.iterVar).add(c.accuVar);
      if (c.iterVar2) inner.add(c.iterVar2);
      checkNames(c.loopCondition, inner, nesting + 1, variables, fail);
      checkNames(c.loopStep, inner, nesting + 1, variables, fail);
      checkNames(c.result, inner, nesting + 1, variables, fail);
      return;
    }
    default:
      return;
  }
}
