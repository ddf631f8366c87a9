/** What a registration asks the policy gate to judge: the node or deployment it just wrote. */
export type GatedSubject = { nodeId: string } | { deploymentName: string };

/**
 * Registrations call the gate inside their transaction, after writing: a DENY throws
 * POLICY_VIOLATION and the transaction rolls back; a WARN is stored with the write. Defined here,
 * below the libs that register things, and provided by the policy lib, so they need not import it.
 */
export interface PolicyGate {
  check(subject: GatedSubject): Promise<void>;
}

export const POLICY_GATE = Symbol('POLICY_GATE');

/** The gate when no policy module is loaded (tools, tests of a single lib). */
export const NO_POLICY_GATE: PolicyGate = { check: async () => undefined };
