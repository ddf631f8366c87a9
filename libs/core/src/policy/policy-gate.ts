import type { DomainError } from '../errors';

/** What a registration asks the policy gate to judge: the node or deployment it just wrote. */
export type GatedSubject = { nodeId: string } | { deploymentName: string };

/**
 * Registrations call the gate inside their transaction, after writing: a DENY throws
 * POLICY_VIOLATION and the transaction rolls back; a WARN is stored with the write. Defined here,
 * below the libs that register things, and provided by the policy lib, so they need not import it.
 */
export interface PolicyGate {
  check(subject: GatedSubject): Promise<void>;
  /**
   * The same judgement for many new nodes at once (a batch registration), in a bounded number of
   * statements. Answers the POLICY_VIOLATION of each denied node, by node id; when none is denied,
   * the WARN findings are stored as `check` would store them, and the answer is empty.
   */
  checkNodes(nodeIds: readonly string[]): Promise<Map<string, DomainError>>;
}

export const POLICY_GATE = Symbol('POLICY_GATE');

/** The gate when no policy module is loaded (tools, tests of a single lib). */
export const NO_POLICY_GATE: PolicyGate = { check: async () => undefined, checkNodes: async () => new Map() };
