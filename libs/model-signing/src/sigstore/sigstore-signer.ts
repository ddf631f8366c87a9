import { createHash, X509Certificate } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { SignedEntity, Signer, toSignedEntity, Verifier } from '@sigstore/verify';
import { SignatureProblem, SignatureRule, SignerIdentity, TrustedSigners } from '../model-signing.types';
import { SigstoreTrustRoot } from './sigstore-trust-root';

/** The fingerprint a trusted Sigstore identity is stored and matched under. */
export function sigstoreIdentityFingerprint(subject: string, issuer: string): string {
  return createHash('sha256').update(`${issuer}\n${subject}`).digest('hex');
}

export interface SigstoreResult {
  signer: SignerIdentity | null;
  /** The fingerprint of the trusted identity that matched, when one did. */
  trustedBy: string | null;
  problems: SignatureProblem[];
  notices: string[];
}

const RULE_OF: Record<string, SignatureRule> = {
  CERTIFICATE_ERROR: SignatureRule.CERTIFICATE_CHAIN,
  SIGNATURE_ERROR: SignatureRule.SIGNATURE,
  PUBLIC_KEY_ERROR: SignatureRule.SIGNATURE,
};

/**
 * The earliest time a verified source vouches the signature existed: a Rekor entry's integratedTime
 * only under its inclusion promise (the SET signs it; an inclusion proof does not cover it), or a
 * timestamp authority's signing time. Only meaningful once the Verifier has accepted the entity.
 */
function signedAtOf(entity: SignedEntity): Date | null {
  const times = entity.timestamps.flatMap((t) => {
    if (t.$case === 'timestamp-authority') return [t.timestamp.signingTime.getTime()];
    const seconds = Number(t.tlogEntry.integratedTime);
    return t.tlogEntry.inclusionPromise && Number.isFinite(seconds) && seconds > 0 ? [seconds * 1000] : [];
  });
  return times.length ? new Date(Math.min(...times)) : null;
}

function identityOf(leafDer: Buffer, verified: Signer | null): SignerIdentity | null {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafDer);
  } catch {
    return null;
  }
  const san = verified?.identity?.subjectAlternativeName ?? leaf.subjectAltName ?? leaf.subject;
  return {
    method: 'sigstore',
    subject: san,
    // The OIDC issuer that vouched for the subject (Fulcio's extension), not the X.509 issuer.
    issuer: verified?.identity?.extensions?.issuer ?? leaf.issuer,
    fingerprint: createHash('sha256').update(leaf.raw).digest('hex'),
  };
}

/**
 * Sigstore method (§4.1, §8.2), offline: the Fulcio certificate chain, the Rekor entry (inclusion
 * promise or proof and the body's match with the envelope), the SCT, and the DSSE signature, all
 * against the trusted root; then the certificate's identity (SAN and OIDC issuer) must be one the
 * publisher trusts. A root past its expiry still verifies what was logged before it expired, with
 * a notice; anything logged later could rely on keys it never knew, so that is UNVERIFIABLE.
 */
export function verifySigstoreBundle(
  bundle: Record<string, unknown>,
  leafDer: Buffer,
  trust: TrustedSigners,
  root: SigstoreTrustRoot,
  now: Date,
): SigstoreResult {
  const problems: SignatureProblem[] = [];
  const notices: string[] = [];
  const stale = root.expires !== null && now > root.expires;
  const staleNote = stale ? ` (the Sigstore trusted root "${root.source}" expired on ${root.expires!.toISOString()}; a newer one may know this key)` : '';
  let verified: Signer | null = null;
  let signedAt: Date | null = null;
  try {
    const parsed = bundleFromJSON(bundle);
    // OMS signs a DSSE envelope; parseBundle read that one, so the Verifier must check the same.
    if (parsed.content.$case !== 'dsseEnvelope') throw new Error('the bundle content is a messageSignature, not the DSSE envelope OMS signs');
    const entity = toSignedEntity(parsed);
    verified = new Verifier(root.material, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }).verify(entity);
    signedAt = signedAtOf(entity);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const rule = RULE_OF[code] ?? (code.startsWith('TLOG') || code === 'TIMESTAMP_ERROR' ? SignatureRule.TRANSPARENCY_LOG : SignatureRule.BUNDLE_FORMAT);
    problems.push({ rule, message: `sigstore: ${(e as Error).message}${rule === SignatureRule.BUNDLE_FORMAT ? '' : staleNote}` });
  }
  // After verification, from verified times only: a time nobody signed could be backdated at will.
  if (verified && stale && (!signedAt || signedAt > root.expires!)) {
    problems.push({
      rule: SignatureRule.OFFLINE_UNVERIFIABLE,
      message: `logged ${signedAt ? `at ${signedAt.toISOString()}, ` : 'at no time a signed timestamp vouches for, so '}after the Sigstore trusted root expired (${root.expires!.toISOString()}): it cannot vouch for keys in use then; install a current root (PEDIGREE_SIGSTORE_TRUSTED_ROOT)`,
    });
    return { signer: identityOf(leafDer, verified), trustedBy: null, problems, notices };
  }
  const signer = identityOf(leafDer, verified);
  if (!verified || !signer || signer.method === 'key') return { signer, trustedBy: null, problems, notices };
  const match = (trust.sigstoreIdentities ?? []).find((i) => i.subject === signer.subject && i.issuer === signer.issuer);
  if (!match)
    problems.push({
      rule: SignatureRule.SIGNER_NOT_TRUSTED,
      message: `the Sigstore identity "${signer.subject}" (issuer ${signer.issuer}) is not a trusted signer of the publisher`,
    });
  if (stale)
    notices.push(
      `verified against the Sigstore trusted root "${root.source}", which expired on ${root.expires!.toISOString()}; the signature was logged before that, at ${signedAt!.toISOString()}`,
    );
  return { signer, trustedBy: match ? sigstoreIdentityFingerprint(match.subject, match.issuer) : null, problems, notices };
}
