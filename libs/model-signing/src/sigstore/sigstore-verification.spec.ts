import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '@pedigree/testing';
import {
  bundledSigstoreTrustRoot,
  FileDigest,
  parseSigstoreTrustRoot,
  SignatureRule,
  sigstoreIdentityFingerprint,
  TrustedSigners,
  verifyModelSignature,
} from '@pedigree/model-signing';
import publicGood from './sigstore-public-good.json';

// A model signed by the Python reference (sigstore/model-transparency v1.1.0) with the sigstore
// method against the public-good instance: a Fulcio certificate for stefanb@us.ibm.com, logged in
// Rekor on 2025-10-10. Verified here offline, against the root bundled with the build.
const dir = join(__dirname, '..', '..', 'testdata', 'model-transparency', 'v1.1.0-sigstore');
const bundleText = readFileSync(join(dir, 'model.sig'), 'utf8');
const files: FileDigest[] = ['signme-1', 'signme-2', 'ignore-me'].map((n) => ({ path: n, sha256: sha256Hex(readFileSync(join(dir, n))) }));
const identity = { subject: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };
const trust: TrustedSigners = { keys: [], certificateAuthorities: [], sigstoreIdentities: [identity] };
const beforeExpiry = new Date('2026-01-15T00:00:00Z');
const afterExpiry = new Date('2026-12-06T00:00:00Z');
const rules = (r: { problems: { rule: SignatureRule }[] }) => r.problems.map((p) => p.rule);
const edited = (edit: (b: any) => void): string => {
  const b = JSON.parse(bundleText);
  edit(b);
  return JSON.stringify(b);
};
const rootWith = (edit: (r: any) => void, expires: string | null = publicGood.expires) => {
  const doc = JSON.parse(JSON.stringify(publicGood));
  edit(doc.trustedRoot);
  doc.expires = expires;
  return parseSigstoreTrustRoot(JSON.stringify(doc), 'test root');
};

describe('sigstore method, offline against the bundled trusted root', () => {
  it('verifies the reference model, names the certificate identity and the trusted signer', () => {
    const r = verifyModelSignature(bundleText, { trust, files, now: beforeExpiry });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ status: 'VERIFIED', method: 'sigstore', signer: { method: 'sigstore', ...identity }, notices: [] });
    expect(r.trustedBy).toBe(sigstoreIdentityFingerprint(identity.subject, identity.issuer));
  });

  it('still verifies a signature logged before the root expired, and says the root is old', () => {
    const r = verifyModelSignature(bundleText, { trust, files, now: afterExpiry });
    expect(r.status).toBe('VERIFIED');
    expect(r.notices).toEqual([expect.stringMatching(/expired on 2026-06-22T13:27:01.000Z; the signature was logged before that, at 2025-10-10/)]);
  });

  it('will not vouch for a signature logged after the root expired', () => {
    const old = rootWith(() => undefined, '2025-01-01T00:00:00Z');
    const r = verifyModelSignature(bundleText, { trust, files, now: afterExpiry, sigstoreRoot: old });
    expect(r.status).toBe('UNVERIFIABLE');
    expect(r.problems[0].message).toMatch(/logged at 2025-10-10.*after the Sigstore trusted root expired \(2025-01-01.*PEDIGREE_SIGSTORE_TRUSTED_ROOT/);
  });

  it('judges the root by signed times only: a backdated entry without an inclusion promise does not make it vouch', () => {
    const old = rootWith(() => undefined, '2025-01-01T00:00:00Z');
    const duplicated = edited((b) => {
      const copy = JSON.parse(JSON.stringify(b.verificationMaterial.tlogEntries[0]));
      delete copy.inclusionPromise;
      copy.integratedTime = '1600000000';
      b.verificationMaterial.tlogEntries.push(copy);
    });
    const stripped = edited((b) => {
      delete b.verificationMaterial.tlogEntries[0].inclusionPromise;
      b.verificationMaterial.tlogEntries[0].integratedTime = '1600000000';
    });
    for (const text of [duplicated, stripped]) {
      const r = verifyModelSignature(text, { trust, files, now: afterExpiry, sigstoreRoot: old });
      expect(r.status).not.toBe('VERIFIED');
      expect(r.trustedBy).toBeNull();
    }
  });

  it('refuses a bundle whose content is a message signature rather than the DSSE envelope', () => {
    const text = edited(
      (b) => (b.messageSignature = { messageDigest: { algorithm: 'SHA2_256', digest: 'AAAA' }, signature: b.dsseEnvelope.signatures[0].sig }),
    );
    expect(verifyModelSignature(text, { trust, files, now: beforeExpiry }).status).toBe('INVALID');
  });

  it('refuses an identity the publisher does not trust, even with a sound signature', () => {
    const other: TrustedSigners = { keys: [], certificateAuthorities: [], sigstoreIdentities: [{ ...identity, issuer: 'https://accounts.google.com' }] };
    const r = verifyModelSignature(bundleText, { trust: other, files, now: beforeExpiry });
    expect(rules(r)).toEqual([SignatureRule.SIGNER_NOT_TRUSTED]);
    expect(r.trustedBy).toBeNull();
  });

  it('names a tampered file', () => {
    const tampered = files.map((f) => (f.path === 'signme-1' ? { ...f, sha256: sha256Hex('changed') } : f));
    const r = verifyModelSignature(bundleText, { trust, files: tampered, now: beforeExpiry });
    expect(r.problems).toEqual([expect.objectContaining({ rule: SignatureRule.FILE_MISMATCH, file: 'signme-1' })]);
  });

  it('refuses a statement changed after signing', () => {
    const text = edited((b) => {
      const statement = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString());
      statement.subject[0].name = 'renamed';
      b.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    });
    const r = verifyModelSignature(text, { trust, files, now: beforeExpiry });
    expect(r.status).toBe('INVALID');
    expect(rules(r).some((x) => x === SignatureRule.SIGNATURE || x === SignatureRule.TRANSPARENCY_LOG)).toBe(true);
  });

  it('refuses a log entry whose time was edited (the inclusion promise covers it)', () => {
    const text = edited(
      (b) => (b.verificationMaterial.tlogEntries[0].integratedTime = String(Number(b.verificationMaterial.tlogEntries[0].integratedTime) + 60)),
    );
    expect(rules(verifyModelSignature(text, { trust, files, now: beforeExpiry }))).toContain(SignatureRule.TRANSPARENCY_LOG);
  });

  it('refuses a certificate from a CA the root does not hold, and says an expired root may be why', () => {
    const noFulcio = rootWith((r) => (r.certificateAuthorities = []));
    const r = verifyModelSignature(bundleText, { trust, files, now: beforeExpiry, sigstoreRoot: noFulcio });
    expect(rules(r)).toEqual([SignatureRule.CERTIFICATE_CHAIN]);
    const stale = verifyModelSignature(bundleText, { trust, files, now: afterExpiry, sigstoreRoot: noFulcio });
    expect(stale.problems[0].message).toMatch(/expired on 2026-06-22.*a newer one may know this key/);
  });

  it('refuses a log the root does not hold', () => {
    const r = verifyModelSignature(bundleText, { trust, files, now: beforeExpiry, sigstoreRoot: rootWith((root) => (root.tlogs = [])) });
    expect(rules(r)).toContain(SignatureRule.TRANSPARENCY_LOG);
  });
});

describe('parseSigstoreTrustRoot', () => {
  it('reads a bare trusted_root.json, with no expiry', () => {
    const root = parseSigstoreTrustRoot(JSON.stringify(publicGood.trustedRoot), 'trusted_root.json');
    expect(root.expires).toBeNull();
    expect(verifyModelSignature(bundleText, { trust, files, now: afterExpiry, sigstoreRoot: root }).status).toBe('VERIFIED');
  });

  it('reads the bundled wrapper with its expiry', () => {
    expect(bundledSigstoreTrustRoot().expires?.toISOString()).toBe('2026-06-22T13:27:01.000Z');
  });

  it.each([
    ['not json', /not JSON/],
    ['{"mediaType":"application/json"}', /mediaType is not application\/vnd.dev.sigstore.trustedroot\+json/],
    ['{"trustedRoot":{},"expires":"soon"}', /expires is not an ISO 8601 time/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSigstoreTrustRoot(text, 'f.json')).toThrow(message);
  });
});
