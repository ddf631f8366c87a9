import { CliError, RegistryError } from '../registry-client';
import { reportFormat, ReportFormat } from '../report-format';

/** `--format` and its shorthands on the report commands; the global `--json` counts as one. */
export interface FormatOptions {
  format?: string;
  csv?: boolean;
  markdown?: boolean;
}

export function outputFormat(json: boolean, opts: FormatOptions): ReportFormat {
  return reportFormat({ json, csv: opts.csv, markdown: opts.markdown, format: opts.format }) as ReportFormat;
}

/**
 * The registry names its GraphQL argument (`of.model: Model "x" does not exist.`); a person typed
 * a flag or an argument, so the error names that instead and keeps the registry's code.
 */
export async function inTermsOf<T>(request: Promise<T>, flagFor: (field: string) => string | undefined): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const field = err.errors[0]?.extensions?.field;
    const flag = typeof field === 'string' ? flagFor(field) : undefined;
    if (!flag) throw err;
    const message = err.errors.map((e) => e.message.replace(/^[\w.]+: /, '')).join('; ');
    throw new CliError(`${flag}: ${message}`, err.code, err.details);
  }
}

/** For commands whose subject is their argument: any field of `of` is that argument. */
export function notFoundAs<T>(request: Promise<T>, argument: string): Promise<T> {
  return inTermsOf(request, (field) =>
    field === 'of' || field.startsWith('of.') || field === 'deployment' ? argument : field === 'perspective' ? '--perspective' : undefined,
  );
}

/** Commander option values arrive as strings; a count flag must be a whole number in range. */
export function intOption(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`, 'USAGE');
  return n;
}
