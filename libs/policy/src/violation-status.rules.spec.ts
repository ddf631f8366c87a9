import { PolicyEffect, PolicyFinding, PolicySeverity, ViolationStatus } from './policy.record';
import { reconcile, SubjectOutcome } from './violation-status.rules';
import { StoredViolation } from './violation.repository';

const finding = (policyId: string): PolicyFinding => ({
  policyId,
  key: `p${policyId}`,
  version: 2,
  name: 'Rule',
  severity: PolicySeverity.HIGH,
  effect: PolicyEffect.WARN,
  message: 'violated',
  matches: [],
  evaluationError: null,
  documentRef: null,
});
const outcome = (findings: PolicyFinding[], evaluated: string[] = findings.map((f) => f.policyId)): SubjectOutcome => ({
  key: 'node:1',
  nodeId: '1',
  deploymentId: null,
  findings,
  evaluated: new Map(evaluated.map((id) => [id, 2])),
});
const stored = (policyId: string, status: ViolationStatus): StoredViolation => ({
  id: `v${policyId}`,
  policyId,
  policyVersion: 1,
  subjectKey: 'node:1',
  status,
  waiverId: null,
});

describe('reconciling violations with a fresh evaluation', () => {
  it.each([
    ['a new finding opens', [finding('1')], [], new Map(), [['1', 'OPEN', null]]],
    ['a waived finding is WAIVED', [finding('1')], [], new Map([['1|node:1', 'w1']]), [['1', 'WAIVED', null]]],
    ['an unchanged one is touched, with no event', [finding('1')], [stored('1', ViolationStatus.OPEN)], new Map(), [['1', 'OPEN', 'none']]],
    ['a lapsed waiver reopens', [finding('1')], [stored('1', ViolationStatus.WAIVED)], new Map(), [['1', 'OPEN', 'WAIVED']]],
    ['one no longer found resolves', [], [stored('1', ViolationStatus.OPEN)], new Map(), [['1', 'RESOLVED', 'OPEN']]],
    ['a resolved one that is found again reopens', [finding('1')], [stored('1', ViolationStatus.RESOLVED)], new Map(), [['1', 'OPEN', 'RESOLVED']]],
    ['a resolved one stays quiet', [], [stored('1', ViolationStatus.RESOLVED)], new Map(), []],
  ])('%s', (_what, findings, before, waivers, expected) => {
    const writes = reconcile([outcome(findings as PolicyFinding[])], before as StoredViolation[], waivers as Map<string, string>, 'TEST');
    expect(writes.map((w) => [w.policyId, w.status, w.event === null ? 'none' : w.event.from])).toEqual(expected);
  });

  it('keeps the stored version when the policy was not evaluated (disabled or out of scope)', () => {
    const [w] = reconcile([outcome([], [])], [stored('1', ViolationStatus.OPEN)], new Map(), 'TEST');
    expect(w).toMatchObject({ status: 'RESOLVED', policyVersion: 1, message: expect.stringContaining('no longer applies') });
  });

  it('gives each subject the reason it was queued for, and touches only its own stored violations', () => {
    const other: SubjectOutcome = { ...outcome([finding('1')]), key: 'node:2', nodeId: '2' };
    const writes = reconcile(
      [outcome([]), other],
      [stored('1', ViolationStatus.OPEN), { ...stored('1', ViolationStatus.WAIVED), id: 'v2', subjectKey: 'node:2' }],
      new Map(),
      (key) => (key === 'node:1' ? 'EDGE_RETRACTED' : 'WAIVER_LAPSED'),
    );
    expect(writes.map((w) => [w.subjectKey, w.status, w.event?.reason])).toEqual([
      ['node:1', 'RESOLVED', 'EDGE_RETRACTED'],
      ['node:2', 'OPEN', 'WAIVER_LAPSED'],
    ]);
  });
});
