import { GateFinding } from './policy-gate.service';
import { PolicyMatch, PolicyVersionRecord, ViolationRecord } from './policy.record';

const match = (m: PolicyMatch) => ({ nodeId: m.nodeId, name: m.name, depth: m.depth, path: m.path, edgeIds: m.pathEdgeIds });

export const toPolicyView = (p: PolicyVersionRecord) => ({ ...p });

export const toFindingView = (f: GateFinding) => ({
  policy: f.key,
  version: f.version,
  name: f.name,
  severity: f.severity,
  effect: f.effect,
  subject: f.subject,
  message: f.message,
  waived: f.waived,
  evaluationError: f.evaluationError,
  documentRef: f.documentRef,
  ancestors: f.matches.map(match),
});

export const toViolationView = (v: ViolationRecord) => ({ ...v, ancestors: (v.matches ?? []).map(match) });
