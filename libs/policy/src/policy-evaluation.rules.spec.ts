import { EdgeRef, NodeKind, Relation } from '@pedigree/core';
import { AncestryGraph, ExposureNode, rollUpExposure } from '@pedigree/exposure/rules';
import { compileCondition } from './policy-condition';
import { evaluateAll, explainMatches, inScope, ScopeFacts } from './policy-evaluation.rules';
import { DeploymentFacts, subjectFacts, SubjectEvidence } from './policy-facts';
import { PolicyEffect, PolicyOnError, PolicySeverity, PolicySubjectKind, PolicyVersionRecord } from './policy.record';

const org = (slug: string, country: string) => ({ id: slug, slug, name: slug.toUpperCase(), country });
const node = (id: string, name: string, publisher: ReturnType<typeof org>, over: Partial<ExposureNode> = {}): ExposureNode => ({
  id,
  kind: NodeKind.MODEL,
  name,
  access: 'OPEN_WEIGHTS',
  country: publisher.country,
  publisher,
  vendor: publisher,
  license: 'Apache-2.0',
  ...over,
});
const edge = (id: string, derivedId: string, sourceId: string, relation: Relation): EdgeRef => ({ id, derivedId, sourceId, relation });

// ours → FINETUNE → cn-base; ours → DISTILLATION → us-teacher; cn-base → TRAINED_ON → data
const nodes = new Map<string, ExposureNode>([
  ['1', node('1', 'fr/ours', org('fr', 'FR'))],
  ['2', node('2', 'cn/base', org('cn', 'CN'))],
  ['3', node('3', 'us/teacher', org('us', 'US'), { access: 'API_ONLY' })],
  ['4', node('4', 'cn/data', org('cn', 'CN'), { kind: NodeKind.DATASET })],
]);
const edges = [edge('10', '1', '2', Relation.FINETUNE), edge('11', '1', '3', Relation.DISTILLATION), edge('12', '2', '4', Relation.TRAINED_ON)];
const deployment: DeploymentFacts = {
  id: '9',
  name: 'prod/bot',
  system: 's',
  environment: 'PRODUCTION',
  criticality: 'HIGH',
  ownerTeam: 't',
  tags: [],
  tasks: [],
  owner: null,
  ownerVendor: null,
  provider: null,
  providerVendor: null,
  region: null,
  country: 'FR',
};

function evidence(over: Partial<SubjectEvidence> = {}): SubjectEvidence {
  const graph: AncestryGraph = { rootId: '1', nodes, edges };
  return {
    kind: PolicySubjectKind.MODEL,
    id: '1',
    graph,
    report: rollUpExposure(graph, new Map()),
    terms: new Map(),
    chains: new Map(),
    node: { modality: 'text', parameterCount: 8e9, tasks: ['chat'] },
    deployments: [],
    deployment: null,
    signatures: new Map(),
    ...over,
  };
}

const version = (condition: string, over: Partial<PolicyVersionRecord> = {}): PolicyVersionRecord => ({
  policyId: '7',
  key: 'k',
  version: 1,
  name: 'Rule',
  description: '',
  documentRef: null,
  scope: { subjects: [], environments: [], tags: [], ownerTeams: [], organizationId: null },
  condition,
  effect: PolicyEffect.DENY,
  severity: PolicySeverity.HIGH,
  onError: PolicyOnError.DENY,
  enabled: true,
  pack: null,
  recordedAt: new Date(0),
  recordedBy: 'test',
  ...over,
});
const active = (condition: string, over: Partial<PolicyVersionRecord> = {}) => ({
  version: version(condition, over),
  condition: compileCondition(condition, 'c'),
});
const scope = (over: Partial<ScopeFacts> = {}): ScopeFacts => ({
  kind: PolicySubjectKind.MODEL,
  environments: new Set(),
  tags: new Set(),
  ownerTeams: new Set(),
  organizationIds: new Set(),
  ...over,
});

describe('subject facts', () => {
  const facts = subjectFacts(evidence());
  const byName = (n: string) => (facts.activation.ancestors as Record<string, unknown>[]).find((a) => a.name === n)!;

  it('gives each ancestor its kinds, depth, relations into it and vendor country', () => {
    expect(byName('cn/base')).toMatchObject({ depth: 1, kinds: ['WEIGHTS'], relations: ['FINETUNE'], vendorCountry: 'CN' });
    expect(byName('us/teacher')).toMatchObject({ depth: 1, kinds: ['DISTILLATION'], access: 'API_ONLY' });
    expect(byName('cn/data')).toMatchObject({ depth: 2, kinds: ['TRAINING_DATA'], kind: 'DATASET' });
    expect(facts.activation.subject).toMatchObject({ kind: 'MODEL', name: 'fr/ours', tasks: ['chat'], parameterCount: 8e9 });
  });

  it('puts what a deployment runs at depth 1 with relation RUNS, and the rest one deeper', () => {
    const f = subjectFacts(evidence({ kind: PolicySubjectKind.DEPLOYMENT, id: '9', deployment, deployments: [deployment] }));
    const ancestors = f.activation.ancestors as Record<string, unknown>[];
    expect(ancestors.find((a) => a.name === 'fr/ours')).toMatchObject({ depth: 1, relations: ['RUNS'], kinds: ['WEIGHTS'] });
    expect(ancestors.find((a) => a.name === 'cn/base')).toMatchObject({ depth: 2 });
    expect(f.traces.find((t) => t.name === 'cn/base')!.pathText).toMatch(/^prod\/bot → RUNS → fr\/ours → FINETUNE → cn\/base/);
  });
});

describe('signature facts', () => {
  // ours also fine-tunes a signed checkpoint (5, of model 7) and merges an unsigned one (6, of model 8).
  // cn/base is reached by a model-level edge.
  const checkpoint = (id: string, name: string) => node(id, name, org('fr', 'FR'), { kind: NodeKind.CHECKPOINT });
  const graph: AncestryGraph = {
    rootId: '1',
    nodes: new Map([
      ...nodes,
      ['5', checkpoint('5', 'sha256:aa')],
      ['6', checkpoint('6', 'sha256:bb')],
      ['7', node('7', 'fr/signed-parent', org('fr', 'FR'))],
      ['8', node('8', 'fr/unsigned-parent', org('fr', 'FR'))],
    ]),
    edges: [
      ...edges,
      edge('13', '1', '5', Relation.FINETUNE),
      edge('14', '1', '6', Relation.MERGE),
      edge('15', '5', '7', Relation.CHECKPOINT_OF),
      edge('16', '6', '8', Relation.CHECKPOINT_OF),
    ],
  };
  const signed = { status: 'VERIFIED' as const, method: 'key', fingerprint: 'ab12', subject: null, issuer: null };
  const signedEvidence = (over: Partial<SubjectEvidence> = {}) =>
    evidence({ graph, report: rollUpExposure(graph, new Map()), signatures: new Map([['5', signed]]), ...over });

  it.each([
    ['sha256:aa', 'VERIFIED', signed],
    ['sha256:bb', 'UNSIGNED', null],
    // A model reached only through its checkpoints stands for them; otherwise it names no signed file.
    ['fr/signed-parent', 'VERIFIED', null],
    ['fr/unsigned-parent', 'UNSIGNED', null],
    ['cn/base', 'UNSIGNED', null],
    ['cn/data', 'UNSIGNED', null],
  ])('ancestor %s is %s', (name, status, signature) => {
    const ancestors = subjectFacts(signedEvidence()).activation.ancestors as Record<string, unknown>[];
    expect(ancestors.find((a) => a.name === name)).toMatchObject({ signatureStatus: status, signature });
  });

  it('names the weight ancestors not verified, for the documented example', () => {
    const condition = 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.signatureStatus != "VERIFIED")';
    expect(explainMatches(compileCondition(condition, 'c'), subjectFacts(signedEvidence())).map((m) => m.name)).toEqual([
      'cn/base',
      'sha256:bb',
      'fr/unsigned-parent',
    ]);
  });

  it('a checkpoint subject shows its own signature, and a deployment the signature of what it runs', () => {
    // The signed checkpoint 5 as the subject: its model is itself to exposure, not an ancestor.
    const own: AncestryGraph = { rootId: '5', nodes: graph.nodes, edges: [edge('15', '5', '7', Relation.CHECKPOINT_OF)] };
    const asSubject = (over: Partial<SubjectEvidence>) =>
      subjectFacts(signedEvidence({ graph: own, report: rollUpExposure(own, new Map()), id: '5', ...over }));
    expect(asSubject({ kind: PolicySubjectKind.CHECKPOINT }).activation.subject).toMatchObject({
      signatureStatus: 'VERIFIED',
      signature: { method: 'key', fingerprint: 'ab12' },
    });
    expect(subjectFacts(signedEvidence()).activation.subject).toMatchObject({ kind: 'MODEL', signatureStatus: 'UNSIGNED', signature: null });
    const runs = asSubject({ kind: PolicySubjectKind.DEPLOYMENT, id: '9', deployment, deployments: [deployment] });
    expect(runs.activation.subject).toMatchObject({ kind: 'DEPLOYMENT', signatureStatus: 'VERIFIED' });
    expect((runs.activation.ancestors as Record<string, unknown>[]).find((a) => a.name === 'sha256:aa')).toMatchObject({
      depth: 1,
      signatureStatus: 'VERIFIED',
    });
  });
});

describe('explanations', () => {
  it.each([
    ['ancestors.exists(a, a.vendorCountry == "CN")', ['cn/base', 'cn/data']],
    ['ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountry == "CN")', ['cn/base']],
    ['ancestors.exists(a, a.access == "API_ONLY")', ['us/teacher']],
    // True whatever the ancestry: about the subject, so no ancestor is named.
    ['subject.name == "fr/ours"', []],
    ['!ancestors.exists(a, a.vendorCountry == "JP")', []],
  ])('%s names %j', (condition, names) => {
    const facts = subjectFacts(evidence());
    expect(explainMatches(compileCondition(condition, 'c'), facts).map((m) => m.name)).toEqual(names);
  });

  it('names the path of each match', () => {
    const [m] = explainMatches(compileCondition('ancestors.exists(a, a.name == "cn/data")', 'c'), subjectFacts(evidence()));
    expect(m).toMatchObject({ depth: 2, pathEdgeIds: ['10', '12'], path: expect.stringMatching(/^fr\/ours → FINETUNE → cn\/base → TRAINED_ON → cn\/data/) });
  });
});

describe('scope and evaluation', () => {
  it.each([
    [{ subjects: [PolicySubjectKind.DEPLOYMENT] }, scope(), false],
    [{ subjects: [PolicySubjectKind.MODEL] }, scope(), true],
    [{ environments: ['PRODUCTION'] }, scope(), false],
    [{ environments: ['PRODUCTION'] }, scope({ environments: new Set(['STAGING', 'PRODUCTION']) }), true],
    [{ organizationId: 'acme' }, scope({ organizationIds: new Set(['sub', 'acme']) }), true],
    [{ tags: ['gov'] }, scope({ tags: new Set(['other']) }), false],
  ])('scope %j on %o is %s', (s, facts, expected) => {
    const p = version('true', { scope: { subjects: [], environments: [], tags: [], ownerTeams: [], organizationId: null, ...s } });
    expect(inScope(p, facts)).toBe(expected);
  });

  it('skips disabled policies, follows onError, and sorts the most severe first', () => {
    const facts = subjectFacts(evidence());
    const { evaluated, findings } = evaluateAll(
      [
        active('ancestors.exists(a, a.vendorCountry == "CN")', { key: 'low', severity: PolicySeverity.LOW, effect: PolicyEffect.WARN }),
        active('ancestors.exists(a, a.vendorCountry == "CN")', { key: 'off', enabled: false }),
        active('ancestors.exists(a, a.missing == 1)', { key: 'broken-warn', onError: PolicyOnError.WARN, severity: PolicySeverity.CRITICAL }),
        active('ancestors.exists(a, a.missing == 1)', { key: 'broken-ignored', onError: PolicyOnError.IGNORE }),
        active('ancestors.exists(a, a.missing == 1)', { key: 'broken-deny' }),
      ],
      scope(),
      facts,
      'fr/ours',
    );
    expect(evaluated.map((p) => p.version.key)).toEqual(['low', 'broken-warn', 'broken-ignored', 'broken-deny']);
    expect(findings.map((f) => [f.key, f.effect, f.evaluationError !== null])).toEqual([
      ['broken-warn', 'WARN', true],
      ['broken-deny', 'DENY', true],
      ['low', 'WARN', false],
    ]);
  });
});
