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

const VERSIONS: Record<string, Spec.Version> = { '1.6': Spec.Version.v1dot6, '1.7': Spec.Version.v1dot7 };

// The library compiles a schema on first use and caches it per validator instance.
const validators = new Map<string, Validation.JsonStrictValidator>();

/**
 * Checks a BOM against the CycloneDX JSON schema of its own `specVersion` (1.6 or 1.7) in strict
 * mode (no unknown properties), as shipped by @cyclonedx/cyclonedx-library, so writer output is
 * checked against the standard itself. Any other version is refused, not checked against a wrong schema.
 */
export async function validateCycloneDx(json: unknown): Promise<BomValidationResult> {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const declared = (JSON.parse(text) as { specVersion?: unknown } | null)?.specVersion;
  const version = typeof declared === 'string' ? VERSIONS[declared] : undefined;
  if (!version) return { valid: false, errors: [`/specVersion ${JSON.stringify(declared)} is not a version this validator knows (1.6, 1.7)`] };
  let validator = validators.get(version);
  if (!validator) validators.set(version, (validator = new Validation.JsonStrictValidator(version)));
  const result = (await validator.validate(text)) as AjvError[] | null;
  if (!result) return { valid: true, errors: [] };
  return { valid: false, errors: result.map(describe) };
}

function describe(e: AjvError): string {
  const extra = e.params?.additionalProperty ? ` (${String(e.params.additionalProperty)})` : '';
  return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
}
