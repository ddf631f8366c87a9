import { createPublicKey, X509Certificate } from 'node:crypto';
import { invalidInput } from '@pedigree/core';
import { keyFingerprint, sigstoreIdentityFingerprint } from '@pedigree/model-signing';
import { TrustedSignerKind } from './signature.record';

export interface TrustedSignerInput {
  kind: TrustedSignerKind;
  pem?: string | null;
  subject?: string | null;
  issuer?: string | null;
}

export interface TrustedSignerIdentity {
  pem: string | null;
  fingerprint: string;
  subject: string | null;
  issuer: string | null;
}

const blank = (v: string | null | undefined) => !v?.trim();

/**
 * What each kind needs, checked before anything is written, and the fingerprint it is matched
 * under: a key's OMS hint, a CA's DER SHA-256, or a Sigstore identity's hash of issuer and subject.
 */
export function trustedSignerIdentity(input: TrustedSignerInput): TrustedSignerIdentity {
  if (input.kind === 'SIGSTORE_IDENTITY') {
    if (!blank(input.pem)) throw invalidInput('input.pem', 'is set for a SIGSTORE_IDENTITY', 'no pem: a Sigstore identity is its subject and issuer');
    if (blank(input.subject))
      throw invalidInput('input.subject', 'is missing', 'the certificate subject (SAN) to trust, e.g. release@acme.example or a workflow URI');
    if (blank(input.issuer))
      throw invalidInput('input.issuer', 'is missing', 'the OIDC issuer that vouches for the subject, e.g. https://token.actions.githubusercontent.com');
    const subject = input.subject!.trim();
    const issuer = input.issuer!.trim();
    // The fingerprint joins them with a newline, so neither may hold one (or any control character).
    for (const [field, value] of [
      ['input.subject', subject],
      ['input.issuer', issuer],
    ] as const)
      if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
        throw invalidInput(field, 'contains a control character', 'one line of printable text');
    return { pem: null, subject, issuer, fingerprint: sigstoreIdentityFingerprint(subject, issuer) };
  }
  if (!blank(input.issuer)) throw invalidInput('input.issuer', `is set for a ${input.kind}`, 'issuer only with kind SIGSTORE_IDENTITY');
  if (blank(input.pem)) throw invalidInput('input.pem', 'is missing', input.kind === 'KEY' ? 'a PEM public key' : 'a PEM CA certificate');
  const pem = input.pem!.trim() + '\n';
  try {
    if (input.kind === 'KEY') return { pem, fingerprint: keyFingerprint(createPublicKey(pem)), subject: null, issuer: null };
    const ca = new X509Certificate(pem);
    if (!ca.ca) throw new Error('not a CA');
    return { pem, fingerprint: ca.fingerprint256.replace(/:/g, '').toLowerCase(), subject: input.subject?.trim() || null, issuer: null };
  } catch {
    throw invalidInput('input.pem', input.kind === 'KEY' ? 'is not a PEM public key' : 'is not a PEM CA certificate', 'PEM text (-----BEGIN …-----)');
  }
}
