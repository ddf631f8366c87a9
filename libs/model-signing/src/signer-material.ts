import { createHash, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import { VerificationMaterial } from './bundle-parse';
import { SignatureProblem, SignatureRule, SignerIdentity, TrustedSigners } from './model-signing.types';
import { verifySigstoreBundle } from './sigstore/sigstore-signer';
import { SigstoreTrustRoot } from './sigstore/sigstore-trust-root';

/**
 * The key that verifies the DSSE signature (null when the method verified it already) and who it
 * belongs to, or the problems that stop it.
 */
export interface ResolvedSigner {
  key: KeyObject | null;
  signer: SignerIdentity | null;
  problems: SignatureProblem[];
  /** The fingerprint of the trusted signer that vouched, as the registry stores it. */
  trustedBy?: string | null;
  notices?: string[];
}

const derFingerprint = (c: X509Certificate): string => c.fingerprint256.replace(/:/g, '').toLowerCase();

const CODE_SIGNING_EKU = '1.3.6.1.5.5.7.3.3';

/**
 * The §4.1 key hint as the Python reference computes it (`sign_ec_key.py`): hex SHA-256 of the
 * SubjectPublicKeyInfo PEM text. Node's PEM export is byte-identical to `cryptography`'s.
 */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'pem' }) as string)
    .digest('hex');
}

function publicKeyOf(pem: string): KeyObject | null {
  try {
    return createPublicKey(pem);
  } catch {
    return null;
  }
}

/** Key method (§4.1, §8.2): find the key by hint or raw bytes; only an organization's trusted key counts. */
function keySigner(material: { hint: string | null; rawPem: string | null }, trust: TrustedSigners): ResolvedSigner {
  const trusted = trust.keys.map(publicKeyOf).filter((k): k is KeyObject => k !== null);
  const embedded = material.rawPem ? publicKeyOf(material.rawPem) : null;
  if (material.rawPem && !embedded)
    return { key: null, signer: null, problems: [{ rule: SignatureRule.BUNDLE_FORMAT, message: 'publicKey.rawBytes is not a PEM public key' }] };
  const fingerprint = embedded ? keyFingerprint(embedded) : (material.hint as string);
  const signer: SignerIdentity = { method: 'key', fingerprint };
  if (material.hint && embedded && material.hint !== fingerprint)
    return { key: null, signer, problems: [{ rule: SignatureRule.BUNDLE_FORMAT, message: 'publicKey.hint does not match publicKey.rawBytes' }] };
  const match = trusted.find((k) => keyFingerprint(k) === fingerprint);
  if (match) return { key: match, signer, problems: [], trustedBy: fingerprint };
  return {
    key: embedded,
    signer,
    problems: [{ rule: SignatureRule.SIGNER_NOT_TRUSTED, message: `the key ${fingerprint} is not a trusted signing key of the publisher` }],
  };
}

/** KeyUsage digitalSignature (2.5.29.15, bit 0), read from the DER: Node exposes only the extended key usage. */
function hasDigitalSignatureUsage(der: Buffer): boolean {
  const at = der.indexOf(Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]));
  if (at < 0) return false;
  let i = at + 5;
  if (der[i] === 0x01) i += 3; // critical BOOLEAN
  if (der[i] !== 0x04) return false; // OCTET STRING wrapping a BIT STRING
  const bits = i + 2;
  return der[bits] === 0x03 && (der[bits + 3] & 0x80) !== 0;
}

function certificate(der: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

const validAt = (c: X509Certificate, at: Date): boolean => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
const issues = (issuer: X509Certificate, c: X509Certificate): boolean => c.checkIssued(issuer) && c.verify(issuer.publicKey);

/**
 * Certificate method (§8.2): the chain (leaf first) must lead, signature by signature, to a CA the
 * organization trusts. As the Python reference does, the chain is judged at the leaf's notBefore
 * (the latest the signature can have been made); the leaf must also be within validity now, and
 * usable for signing (KeyUsage digitalSignature or ExtendedKeyUsage codeSigning).
 */
function certificateSigner(chainDer: Buffer[], trust: TrustedSigners, now: Date): ResolvedSigner {
  const chain = chainDer.map(certificate);
  if (chain.some((c) => c === null))
    return { key: null, signer: null, problems: [{ rule: SignatureRule.BUNDLE_FORMAT, message: 'a certificate in the chain is not DER X.509' }] };
  const [leaf, ...rest] = chain as X509Certificate[];
  const signer: SignerIdentity = {
    method: 'certificate',
    subject: leaf.subject,
    issuer: leaf.issuer,
    fingerprint: createHash('sha256').update(leaf.raw).digest('hex'),
  };
  const problems: SignatureProblem[] = [];
  const chainProblem = (message: string) => problems.push({ rule: SignatureRule.CERTIFICATE_CHAIN, message });
  const signedAt = new Date(leaf.validFrom);
  if (!validAt(leaf, now)) chainProblem(`the signing certificate is not valid now (valid ${leaf.validFrom} to ${leaf.validTo})`);
  if (!hasDigitalSignatureUsage(leaf.raw) && !(leaf.keyUsage ?? []).includes(CODE_SIGNING_EKU))
    chainProblem('the signing certificate cannot be used for signing');
  const anchors = trust.certificateAuthorities.flatMap((a) => {
    const c = certificate(Buffer.from(a.pem));
    return c ? [{ cert: c, subject: a.subject ?? null }] : [];
  });
  let current = leaf;
  let anchor: (typeof anchors)[number] | undefined;
  for (let i = 0; ; i++) {
    if (!validAt(current, signedAt)) chainProblem(`${current.subject} is not valid at ${signedAt.toISOString()}`);
    anchor = anchors.find((a) => a.cert.fingerprint256 === current.fingerprint256 || (issues(a.cert, current) && a.cert.ca));
    if (anchor || i >= rest.length) break;
    const next = rest[i];
    if (!next.ca || !issues(next, current)) {
      chainProblem(`${current.subject} is not issued by the next certificate in the chain (${next.subject})`);
      break;
    }
    current = next;
  }
  if (!anchor)
    problems.push({ rule: SignatureRule.SIGNER_NOT_TRUSTED, message: `the certificate chain of "${leaf.subject}" does not lead to a CA the publisher trusts` });
  else if (anchor.subject && anchor.subject !== leaf.subject)
    problems.push({
      rule: SignatureRule.SIGNER_NOT_TRUSTED,
      message: `the signing certificate's subject "${leaf.subject}" is not the trusted identity "${anchor.subject}"`,
    });
  return { key: leaf.publicKey, signer, problems, trustedBy: anchor ? derFingerprint(anchor.cert) : null };
}

export function resolveSigner(material: VerificationMaterial, trust: TrustedSigners, now: Date, sigstoreRoot: () => SigstoreTrustRoot): ResolvedSigner {
  switch (material.method) {
    case 'key':
      return keySigner(material, trust);
    case 'certificate':
      return certificateSigner(material.chainDer, trust, now);
    case 'sigstore':
      // @sigstore/verify checks the DSSE signature with the certificate's key itself.
      return { key: null, ...verifySigstoreBundle(material.bundle, material.leafDer, trust, sigstoreRoot(), now) };
  }
}
