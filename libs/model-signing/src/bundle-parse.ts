import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import predicateSchema from './schemas/predicate.schema.json';
import {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  OMS_BUNDLE_MEDIA_TYPES,
  OMS_PREDICATE_TYPE,
  SignatureProblem,
  SignatureRule,
  SignedResource,
  SignedSerialization,
  SigningMethod,
} from './model-signing.types';

/** The verification material of §4.1, one shape per method. */
export type VerificationMaterial =
  | { method: 'key'; hint: string | null; rawPem: string | null }
  | { method: 'certificate'; chainDer: Buffer[] }
  | { method: 'sigstore'; leafDer: Buffer; tlogEntries: number; bundle: Record<string, unknown> };

export interface ParsedBundle {
  material: VerificationMaterial | null;
  payloadType: string;
  payload: Buffer;
  signature: Buffer | null;
  statement: ParsedStatement | null;
  problems: SignatureProblem[];
}

export interface ParsedStatement {
  predicateType: string;
  rootDigest: string;
  resources: SignedResource[];
  serialization: SignedSerialization | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const b64 = (v: unknown): Buffer | null => (typeof v === 'string' && /^[A-Za-z0-9+/=_-]*$/.test(v) ? Buffer.from(v, 'base64') : null);

// The official predicate schema, vendored from ossf/model-signing-spec schemas/v1.0 (Apache-2.0).
const validatePredicate = new Ajv2020({ allErrors: true, strict: false }).compile(predicateSchema);

function materialOf(bundle: Json, problems: SignatureProblem[]): VerificationMaterial | null {
  const vm = bundle.verificationMaterial;
  const fail = (message: string): null => (problems.push({ rule: SignatureRule.BUNDLE_FORMAT, message }), null);
  if (!isObject(vm)) return fail('verificationMaterial is missing');
  if (isObject(vm.publicKey)) {
    // §11.2 relaxation 1: `hint` (v1.1.0+) or `rawBytes` (older producers), either accepted.
    const hint = typeof vm.publicKey.hint === 'string' && vm.publicKey.hint ? vm.publicKey.hint.toLowerCase() : null;
    const raw = b64(vm.publicKey.rawBytes);
    if (!hint && !raw?.length) return fail('verificationMaterial.publicKey has neither hint nor rawBytes');
    return { method: 'key', hint, rawPem: raw?.length ? raw.toString('utf8') : null };
  }
  if (isObject(vm.x509CertificateChain)) {
    const certs = Array.isArray(vm.x509CertificateChain.certificates) ? vm.x509CertificateChain.certificates : [];
    const chainDer = certs.map((c) => (isObject(c) ? b64(c.rawBytes) : null));
    if (!chainDer.length || chainDer.some((c) => !c?.length)) return fail('verificationMaterial.x509CertificateChain.certificates is empty or not base64 DER');
    return { method: 'certificate', chainDer: chainDer as Buffer[] };
  }
  if (isObject(vm.certificate)) {
    const leafDer = b64(vm.certificate.rawBytes);
    const tlogEntries = Array.isArray(vm.tlogEntries) ? vm.tlogEntries.length : 0;
    // §4.1: the sigstore method MUST carry at least one Rekor entry.
    if (!leafDer?.length || !tlogEntries) return fail('sigstore verification material needs certificate.rawBytes and at least one tlogEntries entry');
    return { method: 'sigstore', leafDer, tlogEntries, bundle };
  }
  return fail('verificationMaterial has none of publicKey, x509CertificateChain, certificate');
}

/** §8.3 and §5.2: the statement's fields, the predicate schema and the root digest of §6.5.1. */
export function parseStatement(payload: Buffer, problems: SignatureProblem[]): ParsedStatement | null {
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch {
    problems.push({ rule: SignatureRule.STATEMENT, message: 'the DSSE payload is not JSON' });
    return null;
  }
  if (!isObject(statement) || statement._type !== IN_TOTO_STATEMENT_TYPE) {
    problems.push({ rule: SignatureRule.STATEMENT, message: `the payload's _type is not ${IN_TOTO_STATEMENT_TYPE}` });
    return null;
  }
  const predicateType = String(statement.predicateType ?? '');
  if (predicateType !== OMS_PREDICATE_TYPE)
    problems.push({ rule: SignatureRule.PREDICATE_TYPE, message: `predicateType is "${predicateType}", expected ${OMS_PREDICATE_TYPE}` });
  // §6.5: exactly one subject, digested with sha256.
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  const subject = subjects[0] as Json | undefined;
  const rootDigest = isObject(subject?.digest) && typeof subject.digest.sha256 === 'string' ? subject.digest.sha256.toLowerCase() : '';
  if (subjects.length !== 1 || !/^[0-9a-f]{64}$/.test(rootDigest) || !subject?.name)
    problems.push({ rule: SignatureRule.STATEMENT, message: 'the statement needs exactly one subject with a name and a sha256 digest' });
  if (!validatePredicate(statement.predicate)) {
    const why = (validatePredicate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    problems.push({ rule: SignatureRule.PREDICATE_SCHEMA, message: `the predicate does not match the OMS v1.0 predicate schema: ${why}` });
    return { predicateType, rootDigest, resources: [], serialization: null };
  }
  const predicate = statement.predicate as { resources: SignedResource[]; serialization: Json };
  const s = predicate.serialization;
  const serialization: SignedSerialization = {
    method: String(s.method),
    hashType: String(s.hash_type),
    allowSymlinks: s.allow_symlinks === true,
    ignorePaths: Array.isArray(s.ignore_paths) ? s.ignore_paths.map(String) : [],
  };
  const resources = predicate.resources.map((r) => ({ name: r.name, algorithm: r.algorithm, digest: r.digest }));
  if (serialization.method !== 'files' || serialization.hashType !== 'sha256' || resources.some((r) => r.algorithm !== 'sha256'))
    problems.push({
      rule: SignatureRule.UNSUPPORTED_SERIALIZATION,
      message: `serialization ${serialization.method}/${serialization.hashType}: this verifier implements the "files" method with sha256 (§6.3.1, §10)`,
    });
  checkRootDigest(resources, rootDigest, problems);
  return { predicateType, rootDigest, resources, serialization };
}

/** §6.4: resources sorted by name; §6.5.1: SHA-256 over their raw digests concatenated in that order. */
export function rootDigestOf(resources: readonly SignedResource[]): string {
  const hash = createHash('sha256');
  for (const r of resources) hash.update(Buffer.from(r.digest, 'hex'));
  return hash.digest('hex');
}

function checkRootDigest(resources: SignedResource[], rootDigest: string, problems: SignatureProblem[]): void {
  const names = resources.map((r) => r.name);
  const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (names.some((n, i) => n !== sorted[i]) || new Set(names).size !== names.length)
    problems.push({ rule: SignatureRule.ROOT_DIGEST, message: 'predicate.resources are not sorted by name without duplicates (§6.4)' });
  if (rootDigest && rootDigestOf(resources) !== rootDigest)
    problems.push({ rule: SignatureRule.ROOT_DIGEST, message: `subject digest ${rootDigest} is not the SHA-256 over the resources' digests (§6.5.1)` });
}

/** §8.1: parse the bundle, check its media type, its material and its DSSE envelope. */
export function parseBundle(bundleJson: string): ParsedBundle {
  const problems: SignatureProblem[] = [];
  const empty = (message: string): ParsedBundle => ({
    material: null,
    payloadType: '',
    payload: Buffer.alloc(0),
    signature: null,
    statement: null,
    problems: [...problems, { rule: SignatureRule.BUNDLE_FORMAT, message }],
  });
  let bundle: unknown;
  try {
    bundle = JSON.parse(bundleJson);
  } catch {
    return empty('the signature is not JSON');
  }
  if (!isObject(bundle)) return empty('the signature is not a JSON object');
  if (!OMS_BUNDLE_MEDIA_TYPES.includes(bundle.mediaType as (typeof OMS_BUNDLE_MEDIA_TYPES)[number]))
    problems.push({ rule: SignatureRule.MEDIA_TYPE, message: `mediaType "${String(bundle.mediaType)}" is not ${OMS_BUNDLE_MEDIA_TYPES[0]}` });
  const material = materialOf(bundle, problems);
  const envelope = bundle.dsseEnvelope;
  if (!isObject(envelope)) return { ...empty('dsseEnvelope is missing'), material };
  const payloadType = String(envelope.payloadType ?? '');
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
    problems.push({ rule: SignatureRule.PAYLOAD_TYPE, message: `payloadType "${payloadType}" is not ${IN_TOTO_PAYLOAD_TYPE}` });
  const payload = b64(envelope.payload) ?? Buffer.alloc(0);
  const signatures = Array.isArray(envelope.signatures) ? envelope.signatures : [];
  // §4.1: keyid is not used; one signature, as the reference signs and verifies.
  const signature = signatures.length === 1 && isObject(signatures[0]) ? b64(signatures[0].sig) : null;
  if (!signature?.length) problems.push({ rule: SignatureRule.BUNDLE_FORMAT, message: 'dsseEnvelope needs exactly one base64 signature' });
  const statement = parseStatement(payload, problems);
  return { material, payloadType, payload, signature: signature?.length ? signature : null, statement, problems };
}

export function methodOf(material: VerificationMaterial | null): SigningMethod | null {
  return material?.method ?? null;
}

/**
 * The signed manifest without checking who signed it: what a CLI re-hashes a model directory
 * against before sending the bundle to the registry, which verifies signature and trust.
 */
export function readSignedManifest(bundleJson: string): {
  resources: SignedResource[];
  serialization: SignedSerialization | null;
  problems: SignatureProblem[];
} {
  const parsed = parseBundle(bundleJson);
  return { resources: parsed.statement?.resources ?? [], serialization: parsed.statement?.serialization ?? null, problems: parsed.problems };
}
