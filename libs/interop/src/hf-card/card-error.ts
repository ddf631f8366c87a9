import { DomainError, ErrorCode } from '@pedigree/core';

/**
 * A model card problem pinned to a README line, so the author can open the file and fix it:
 * `field` is `<file>:<line>` (the form editors jump to) and the message says `line N`.
 */
export function cardError(file: string, line: number, problem: string, accepted?: string): DomainError {
  const message = `${file} line ${line}: ${problem}${accepted ? `. Accepted: ${accepted}` : ''}.`;
  return new DomainError(ErrorCode.INVALID_INPUT, message, `${file}:${line}`, { file, line, ...(accepted ? { accepted } : {}) });
}
