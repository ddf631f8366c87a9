import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BomValidationResult } from '../cyclonedx/cyclonedx-validator';

const SCHEMA = join('libs', 'interop', 'schemas', 'spdx-3.0.1.schema.json');

let compiled: ValidateFunction | null = null;

/**
 * Checks SPDX 3.0.1 JSON-LD against the shipped JSON schema (structure only, not SHACL). The schema
 * is compiled once per process: it is large, and compiling takes about a second.
 */
export function validateSpdx(json: unknown): BomValidationResult {
  compiled ??= compile();
  if (compiled(json)) return { valid: true, errors: [] };
  return { valid: false, errors: (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`) };
}

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath(), 'utf8')));
}

/**
 * The same walk works from `libs/interop/src/spdx` under ts-jest and from `dist/libs/interop/src/spdx`
 * after a build: the first ancestor with a package.json is the repository root, which holds the schema.
 */
export function schemaPath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, SCHEMA))) return join(dir, SCHEMA);
    if (dirname(dir) === dir) throw new Error(`${SCHEMA} not found above ${from}`);
  }
}
