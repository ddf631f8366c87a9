import { parse } from '@bufbuild/cel';
import { EdgeRef, invalidInput, NodeKind, Relation } from '@pedigree/core';
import { AncestryGraph, DependencyFacts, ExposureNode, OrgRef, rollUpExposure } from '@pedigree/exposure/rules';
import { Activation, CompiledCondition, POLICY_VARIABLES } from './policy-condition';
import { DeploymentFacts, SubjectEvidence, subjectFacts } from './policy-facts';
import { PolicySubjectKind } from './policy.record';

/*
 * A misspelt field (`a.vendorCountyr`) compiles, since CEL has no schema for our facts, and fails
 * only at evaluation: with onError DENY it would refuse every registration. So a condition is
 * checked at definition against a synthetic activation with every field present and one element in
 * every list. It is built by the same fact builders (subjectFacts) as real evaluations, so a field
 * added or renamed there is known here at once.
 */

const org = (id: string, slug: string): OrgRef => ({ id, slug, name: slug, country: 'ZZ' });
const publisher = org('1', 'sample-publisher');
const vendor = org('2', 'sample-vendor');
const node = (id: string, kind: NodeKind, license: string): ExposureNode => ({
  id,
  kind,
  name: `sample/${id}`,
  access: 'OPEN_WEIGHTS',
  country: 'ZZ',
  publisher,
  vendor,
  license,
});
const deployment: DeploymentFacts = {
  id: '9',
  name: 'sample/deployment',
  system: 'sample',
  environment: 'PRODUCTION',
  criticality: 'HIGH',
  ownerTeam: 'sample',
  tags: ['sample'],
  tasks: ['sample'],
  owner: publisher,
  ownerVendor: vendor,
  provider: publisher,
  providerVendor: vendor,
  region: 'sample',
  country: 'ZZ',
};

function sampleEvidence(asDeployment: boolean): SubjectEvidence {
  // A model fine-tuned from an ancestor under another license: drift, a vendor and a country.
  const edges: EdgeRef[] = [{ id: '10', derivedId: '3', sourceId: '4', relation: Relation.FINETUNE }];
  const graph: AncestryGraph = {
    rootId: '3',
    nodes: new Map([
      ['3', node('3', NodeKind.MODEL, 'Apache-2.0')],
      ['4', node('4', NodeKind.MODEL, 'CC-BY-NC-4.0')],
    ]),
    edges,
  };
  const facts: DependencyFacts = {
    compute: new Map([['3', [{ trainingRunId: '11', provider: publisher, vendor, country: 'ZZ', region: 'sample' }]]]),
    owners: new Map(),
  };
  const terms = new Map();
  return {
    kind: asDeployment ? PolicySubjectKind.DEPLOYMENT : PolicySubjectKind.MODEL,
    id: asDeployment ? deployment.id : '3',
    graph,
    report: rollUpExposure(graph, terms, { facts }),
    terms,
    chains: new Map([[publisher.id, [vendor]]]),
    node: { modality: 'text', parameterCount: 1, tasks: ['sample'] },
    deployments: [deployment],
    deployment: asDeployment ? deployment : null,
    // Every node signed, so `a.signature.method` is known on subjects and ancestors alike.
    signatures: new Map(['3', '4'].map((id) => [id, { status: 'VERIFIED', method: 'key', fingerprint: 'sample', subject: null, issuer: null }])),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merged field by field, and lists to their first element of every shape: the union of what any subject shows. */
function union(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) || Array.isArray(b)) {
    const items = [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])];
    return items.length ? [items.reduce((x, y) => union(x, y))] : [];
  }
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in a ? union(a[k], v) : v;
    return out;
  }
  return a ?? b;
}

let sample: Activation | null = null;
/** Every variable with every field a node or a deployment subject can show. */
export function sampleActivation(): Activation {
  sample ??= union(subjectFacts(sampleEvidence(false)).activation, subjectFacts(sampleEvidence(true)).activation) as Activation;
  return sample;
}

interface AstExpr {
  id: bigint;
  exprKind: { case: string | undefined; value: any };
}

/**
 * Refuses a condition that names a field no subject, ancestor, dependency, deployment or rollup
 * has. Statically, along the expression, so a typo behind a short-circuit (`false && a.typo`) is
 * found too; then by evaluating against the sample, for what the walk cannot follow (`a["typo"]`).
 */
export function assertKnownFields(source: string, compiled: CompiledCondition, field: string): void {
  const parsed = parse(source);
  const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
  const at = (id: bigint) => {
    const before = source.slice(0, positions[String(id)] ?? 0).split('\n');
    return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
  };
  const activation = sampleActivation();
  const scope = new Map<string, unknown>(POLICY_VARIABLES.map((v) => [v, activation[v]]));
  shapeOf(parsed.expr as unknown as AstExpr, scope, (id, name, known) => {
    throw invalidInput(field, `names a field "${name}" that does not exist at ${at(id)}`, `one of ${known.join(', ')} (docs/policies.md)`);
  });
  const r = compiled(activation);
  if ('error' in r && /no such key|field not found|no such field/i.test(r.error))
    throw invalidInput(field, `names a field that does not exist: ${r.error}`, 'fields in docs/policies.md');
}

type Unknown = (id: bigint, name: string, known: string[]) => never;

/** The sample value an expression stands for, where it can be followed; undefined where not. */
function shapeOf(e: AstExpr | undefined, scope: ReadonlyMap<string, unknown>, unknown: Unknown): unknown {
  if (!e) return undefined;
  const k = e.exprKind;
  switch (k.case) {
    case 'identExpr':
      return scope.get(k.value.name);
    case 'selectExpr': {
      const of = shapeOf(k.value.operand, scope, unknown);
      if (!isRecord(of)) return undefined;
      if (!(k.value.field in of)) unknown(e.id, k.value.field, Object.keys(of).sort());
      return of[k.value.field];
    }
    case 'callExpr':
      shapeOf(k.value.target, scope, unknown);
      for (const a of k.value.args) shapeOf(a, scope, unknown);
      return undefined;
    case 'listExpr':
      for (const a of k.value.elements) shapeOf(a, scope, unknown);
      return undefined;
    case 'structExpr':
      for (const entry of k.value.entries) {
        if (entry.keyKind?.case === 'mapKey') shapeOf(entry.keyKind.value, scope, unknown);
        shapeOf(entry.value, scope, unknown);
      }
      return undefined;
    case 'comprehensionExpr': {
      const c = k.value;
      const range = shapeOf(c.iterRange, scope, unknown);
      const element = Array.isArray(range) ? range[0] : undefined;
      shapeOf(c.accuInit, scope, unknown);
      const inner = new Map(scope);
      // Over a list, the two-variable form binds the index first and the element second.
      if (c.iterVar2) inner.set(c.iterVar, undefined).set(c.iterVar2, element);
      else inner.set(c.iterVar, element);
      inner.set(c.accuVar, undefined);
      shapeOf(c.loopCondition, inner, unknown);
      shapeOf(c.loopStep, inner, unknown);
      shapeOf(c.result, inner, unknown);
      return undefined;
    }
    default:
      return undefined;
  }
}
