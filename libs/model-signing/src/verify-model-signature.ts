import { parseBundle } from './bundle-parse';
import { verifyDsse } from './dsse';
import { compareManifest } from './manifest';
import { FileDigest, SignatureProblem, SignatureRule, SignatureVerification, TrustedSigners, VerificationStatus } from './model-signing.types';
import { resolveSigner } from './signer-material';
import { bundledSigstoreTrustRoot, SigstoreTrustRoot } from './sigstore/sigstore-trust-root';

export interface VerifyOptions {
  /** Who the model's publisher trusts to sign. An empty list trusts no one. */
  trust: TrustedSigners;
  /** The model's files (path and SHA-256) to check against the signed manifest; omit to check the bundle alone. */
  files?: readonly FileDigest[];
  /** The bundle's own path relative to the model root, excluded from the files (§6.2). */
  signatureFile?: string;
  now?: Date;
  /** The Sigstore trusted root for the sigstore method; the public-good root bundled with this build by default. */
  sigstoreRoot?: SigstoreTrustRoot;
}

function statusOf(problems: readonly SignatureProblem[]): VerificationStatus {
  if (!problems.length) return 'VERIFIED';
  return problems.every((p) => p.rule === SignatureRule.OFFLINE_UNVERIFIABLE) ? 'UNVERIFIABLE' : 'INVALID';
}

/**
 * The OMS v1.0 verification procedure (§8): parse and media type (§8.1), signature (§8.2),
 * statement (§8.3), manifest (§8.4, §8.5, with unsigned files refused). Pure: no I/O, no network.
 * Every failed rule is reported, so a caller can show all at once.
 */
export function verifyModelSignature(bundleJson: string, options: VerifyOptions): SignatureVerification {
  const parsed = parseBundle(bundleJson);
  const problems = [...parsed.problems];
  let signer = null;
  let trustedBy: string | null = null;
  const notices: string[] = [];
  if (parsed.material) {
    const resolved = resolveSigner(parsed.material, options.trust, options.now ?? new Date(), () => options.sigstoreRoot ?? bundledSigstoreTrustRoot());
    signer = resolved.signer;
    trustedBy = resolved.trustedBy ?? null;
    notices.push(...(resolved.notices ?? []));
    problems.push(...resolved.problems);
    if (resolved.key && parsed.signature && !verifyDsse(resolved.key, parsed.payloadType, parsed.payload, parsed.signature))
      problems.push({ rule: SignatureRule.SIGNATURE, message: 'the DSSE signature does not verify with the signer key' });
  }
  const statement = parsed.statement;
  if (statement?.serialization && options.files)
    problems.push(...compareManifest(statement.resources, statement.serialization, options.files, options.signatureFile));
  return {
    status: statusOf(problems),
    method: parsed.material?.method ?? null,
    signer,
    rootDigest: statement?.rootDigest || null,
    resources: statement?.resources ?? [],
    serialization: statement?.serialization ?? null,
    problems,
    trustedBy: problems.length ? null : trustedBy,
    notices,
  };
}
