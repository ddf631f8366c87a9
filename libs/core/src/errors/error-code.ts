/** The one vocabulary of failure the API speaks; clients branch on these, never on messages. */
export enum ErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  CYCLE = 'CYCLE',
  FORBIDDEN = 'FORBIDDEN',
  /** A DENY policy refused the write; `extensions.violations` names the policies, matching ancestors and paths. */
  POLICY_VIOLATION = 'POLICY_VIOLATION',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A request over a configured bound (cost, depth, aliases, directives, batch); `extensions.limit` names it. */
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  /** The body is over PEDIGREE_MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Too many requests for the caller's bucket (HTTP 429, with Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The request ran past its deadline or a statement past its timeout; `extensions.limit` names which. */
  TIMEOUT = 'TIMEOUT',
  /** The registry cannot serve the request now (no free database connection, database down). */
  UNAVAILABLE = 'UNAVAILABLE',
  /** A model signature (OMS v1.0) failed verification or is not from a signer the publisher trusts; `extensions.problems` lists each failed rule. Nothing was written. */
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  INTERNAL = 'INTERNAL',
}
