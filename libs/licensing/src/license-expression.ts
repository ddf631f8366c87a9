import parse from 'spdx-expression-parse';
import correct from 'spdx-correct';
import { invalidInput } from '@pedigree/core';

type Ast = { license: string; plus?: true; exception?: string } | { left: Ast; conjunction: 'and' | 'or'; right: Ast };

export interface NormalizedLicense {
  /** Canonical SPDX expression, e.g. `Apache-2.0 OR MIT`. */
  expression: string;
  /** Every license id in the expression, for filtering. */
  ids: string[];
  /** The `LicenseRef-` ids, which must point at registered custom licenses. */
  customRefs: string[];
  /** True when `spdx-correct` rewrote the input (e.g. `Apache 2.0` to `Apache-2.0`). */
  corrected: boolean;
}

const ACCEPTED = 'an SPDX license expression (e.g. "Apache-2.0", "MIT OR Apache-2.0") or a registered "LicenseRef-…" id';

/**
 * Validates and normalizes a license claim. Null/empty/NOASSERTION means "unknown" and yields null:
 * an unknown license is an honest answer, not an error.
 */
export function normalizeLicense(raw: string | null | undefined, field: string): NormalizedLicense | null {
  const input = raw?.trim();
  if (!input || input.toUpperCase() === 'NOASSERTION') return null;
  let ast = tryParse(input);
  let corrected = false;
  if (!ast) {
    const fixed = correctOperands(input);
    ast = fixed ? tryParse(fixed) : null;
    corrected = ast !== null;
  }
  if (!ast) throw invalidInput(field, `"${input}" is not a valid license expression`, ACCEPTED);
  const ids = [...new Set(leaves(ast))];
  if (ids.some((id) => id.startsWith('DocumentRef-'))) {
    throw invalidInput(field, 'DocumentRef- licenses are not supported; register the license and use its LicenseRef- id', ACCEPTED);
  }
  return { expression: serialize(ast, null), ids, customRefs: ids.filter((id) => id.startsWith('LicenseRef-')), corrected };
}

/**
 * spdx-correct works on single ids and happily drops a dangling "AND", so it is applied to each
 * operand separately and the operators are kept exactly as written.
 */
function correctOperands(input: string): string | null {
  // Operators are matched in any case, as spdx-expression-parse accepts them; a license name that
  // contains "or" then fails to correct and is reported, rather than silently shortened.
  const parts = input.split(/(\s+(?:AND|OR|WITH)\s+|[()])/i);
  const out: string[] = [];
  for (const part of parts) {
    if (/^\s+(AND|OR|WITH)\s+$/i.test(part)) {
      out.push(` ${part.trim().toUpperCase()} `);
      continue;
    }
    if (part === '(' || part === ')') {
      out.push(part);
      continue;
    }
    const operand = part.trim();
    if (!operand) continue;
    const fixed = tryParse(operand) ? operand : correct(operand, { upgrade: false });
    // A correction must stay one license: spdx-correct would turn "Apache-2.0 foo" into "Apache-2.0".
    const single = fixed ? tryParse(fixed) : null;
    const plausible = !/\s/.test(operand) || isVersionSpacing(operand);
    if (!fixed || !single || !('license' in single) || !plausible) return null;
    out.push(fixed);
  }
  return out.join('');
}

/** "Apache 2.0", "GPL 3" and "CC BY NC 4.0" are spellings of one id; "Apache-2.0 foo" is not. */
function isVersionSpacing(operand: string): boolean {
  return /^[A-Za-z][A-Za-z.-]*(\s+(BY|NC|SA|ND|[A-Za-z]{1,3}))*\s+v?\d+(\.\d+)*$/i.test(operand.trim());
}

function tryParse(text: string): Ast | null {
  try {
    return parse(text) as Ast;
  } catch {
    return null;
  }
}

function leaves(ast: Ast): string[] {
  if ('license' in ast) return [ast.license];
  return [...leaves(ast.left), ...leaves(ast.right)];
}

function serialize(ast: Ast, parent: 'and' | 'or' | null): string {
  if ('license' in ast) {
    return `${ast.license}${ast.plus ? '+' : ''}${ast.exception ? ` WITH ${ast.exception}` : ''}`;
  }
  const text = `${serialize(ast.left, ast.conjunction)} ${ast.conjunction.toUpperCase()} ${serialize(ast.right, ast.conjunction)}`;
  // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
  return parent === 'and' && ast.conjunction === 'or' ? `(${text})` : text;
}
