import { ErrorCode } from './error-code';

/**
 * Thrown by services and repositories. Never carries SQL or a stack to the client:
 * the GraphQL error mapper copies only `code`, `message`, `field` and `details`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Dotted path of the offending input field, e.g. `input.lineage[1].relation`. */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /**
   * The GraphQL error extensions: code, details and field. A getter named as graphql-js looks for
   * it, so an error that reaches a client without the formatter (a WebSocket subscription's) still
   * carries its code.
   */
  get extensions(): Record<string, unknown> {
    const extensions: Record<string, unknown> = { code: this.code, ...(this.details ?? {}) };
    if (this.field) extensions.field = this.field;
    return extensions;
  }
}

export function invalidInput(field: string, problem: string, accepted?: string): DomainError {
  const message = accepted ? `${field}: ${problem}. Accepted: ${accepted}.` : `${field}: ${problem}.`;
  return new DomainError(ErrorCode.INVALID_INPUT, message, field, accepted ? { accepted } : undefined);
}

/** `suggestions`: registered names close to `ref`, for a person who mistyped it. */
export function notFound(what: string, ref: string, field?: string, suggestions: readonly string[] = []): DomainError {
  const where = field ? `${field}: ` : '';
  const close = suggestions.length ? ` Close matches: ${suggestions.map((s) => `"${s}"`).join(', ')}.` : '';
  return new DomainError(
    ErrorCode.NOT_FOUND,
    `${where}${what} "${ref}" does not exist.${close}`,
    field,
    suggestions.length ? { ref, suggestions: [...suggestions] } : { ref },
  );
}

export function conflict(message: string, fields: string[], details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.CONFLICT, message, fields[0], { ...details, fields });
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
