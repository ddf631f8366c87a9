import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

export interface BomValidationResult {
  valid: boolean;
  /** One line per schema violation: `<JSON pointer> <message>`. */
  errors: string[];
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

// The library compiles the schema on first use and caches it per validator instance.
let validator: Validation.JsonStrictValidator | null = null;

/**
 * Checks a BOM against the CycloneDX 1.6 JSON schema in strict mode (no unknown properties), as
 * shipped by @cyclonedx/cyclonedx-library, so writer output is checked against the standard itself.
 */
export async function validateCycloneDx(json: unknown): Promise<BomValidationResult> {
  validator ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const result = (await validator.validate(text)) as AjvError[] | null;
  if (!result) return { valid: true, errors: [] };
  return { valid: false, errors: result.map(describe) };
}

function describe(e: AjvError): string {
  const extra = e.params?.additionalProperty ? ` (${String(e.params.additionalProperty)})` : '';
  return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
}
