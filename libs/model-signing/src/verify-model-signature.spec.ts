import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex, signModel, testSigningKey } from '@pedigree/testing';
import { FileDigest, keyFingerprint, OMS_PREDICATE_TYPE, SignatureRule, TrustedSigners, verifyModelSignature } from '@pedigree/model-signing';
import { createPublicKey } from 'node:crypto';

// Vectors from sigstore/model-transparency scripts/tests (Apache-2.0), made by the Python reference,
// and from ossf/model-signing-spec test-vectors/v1.0. See libs/model-signing/testdata/README.md.
const data = join(__dirname, '..', 'testdata');
const read = (...p: string[]) => readFileSync(join(data, ...p), 'utf8');
const mt = (v: string) => join('model-transparency', v);
const filesOf = (v: string, names = ['signme-1', 'signme-2', 'ignore-me']): FileDigest[] =>
  names.map((n) => ({ path: n, sha256: sha256Hex(readFileSync(join(data, mt(v), n))) }));
const keyTrust: TrustedSigners = { keys: [read(mt('keys'), 'signing-key-pub.pem')], certificateAuthorities: [] };
const caTrust: TrustedSigners = { keys: [], certificateAuthorities: [{ pem: read(mt('keys'), 'ca-cert.pem') }] };
const rules = (r: { problems: { rule: SignatureRule }[] }) => r.problems.map((p) => p.rule);

describe('verifyModelSignature on the Python reference vectors', () => {
  it('computes the key hint the reference writes', () => {
    expect(keyFingerprint(createPublicKey(read(mt('keys'), 'signing-key-pub.pem')))).toBe('e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e');
  });

  it('verifies a v1.1.0 key-signed model (publicKey.hint)', () => {
    const r = verifyModelSignature(read(mt('v1.1.0-elliptic-key'), 'model.sig'), { trust: keyTrust, files: filesOf('v1.1.0-elliptic-key') });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({
      status: 'VERIFIED',
      method: 'key',
      signer: { method: 'key', fingerprint: 'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e' },
    });
    expect(r.rootDigest).toBe('92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4');
  });

  it('verifies a v1.0.1 key-signed model (publicKey.rawBytes, keyid null, no ignore_paths: §11.2)', () => {
    const r = verifyModelSignature(read(mt('v1.0.1-elliptic-key'), 'model.sig'), {
      trust: keyTrust,
      files: filesOf('v1.0.1-elliptic-key', ['signme-1', 'signme-2']),
    });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('VERIFIED');
  });

  it('verifies a v1.1.0 certificate-signed model against the configured CA and names subject and issuer', () => {
    const r = verifyModelSignature(read(mt('v1.1.0-certificate'), 'model.sig'), { trust: caTrust, files: filesOf('v1.1.0-certificate') });
    expect(r.problems).toEqual([]);
    expect(r.signer).toMatchObject({ method: 'certificate', issuer: 'CN=intermediate-ca' });
  });

  it('refuses a certificate chain that leads to a CA the publisher does not trust', () => {
    const other = testSigningKey();
    const r = verifyModelSignature(read(mt('v1.1.0-certificate'), 'model.sig'), { trust: { keys: [other.publicKeyPem], certificateAuthorities: [] } });
    expect(rules(r)).toEqual([SignatureRule.SIGNER_NOT_TRUSTED]);
  });

  it('refuses a pinned certificate identity that is not the leaf subject', () => {
    const pinned: TrustedSigners = { keys: [], certificateAuthorities: [{ pem: read(mt('keys'), 'ca-cert.pem'), subject: 'CN=someone-else' }] };
    expect(rules(verifyModelSignature(read(mt('v1.1.0-certificate'), 'model.sig'), { trust: pinned }))).toEqual([SignatureRule.SIGNER_NOT_TRUSTED]);
  });

  it('names a tampered file', () => {
    const files = filesOf('v1.1.0-elliptic-key').map((f) => (f.path === 'signme-2' ? { ...f, sha256: sha256Hex('changed') } : f));
    const r = verifyModelSignature(read(mt('v1.1.0-elliptic-key'), 'model.sig'), { trust: keyTrust, files });
    expect(r.status).toBe('INVALID');
    expect(r.problems).toEqual([expect.objectContaining({ rule: SignatureRule.FILE_MISMATCH, file: 'signme-2' })]);
  });

  it('names an unsigned extra file and a missing one (§8.4 rules 8, 9)', () => {
    const files = [
      ...filesOf('v1.1.0-elliptic-key', ['signme-1', 'ignore-me']),
      { path: 'extra.bin', sha256: sha256Hex('x') },
      { path: '.git/HEAD', sha256: sha256Hex('y') },
    ];
    const r = verifyModelSignature(read(mt('v1.1.0-elliptic-key'), 'model.sig'), { trust: keyTrust, files });
    expect(r.problems.map((p) => [p.rule, p.file])).toEqual([
      [SignatureRule.FILE_MISSING, 'signme-2'],
      [SignatureRule.FILE_UNSIGNED, 'extra.bin'],
    ]);
  });

  it('refuses a key the publisher does not trust', () => {
    const other = testSigningKey();
    const r = verifyModelSignature(read(mt('v1.1.0-elliptic-key'), 'model.sig'), { trust: { keys: [other.publicKeyPem], certificateAuthorities: [] } });
    expect(rules(r)).toEqual([SignatureRule.SIGNER_NOT_TRUSTED]);
  });
});

describe('verifyModelSignature on the spec test vectors', () => {
  const spec = (name: string) => read('spec-v1.0', `${name}.bundle.json`);

  it('verifies the valid key vector', () => {
    expect(verifyModelSignature(spec('valid-key'), { trust: keyTrust }).problems).toEqual([]);
  });

  it('refuses the wrong predicate type vector', () => {
    expect(rules(verifyModelSignature(spec('invalid-payload-wrong-predicate'), { trust: keyTrust }))).toContain(SignatureRule.PREDICATE_TYPE);
  });

  it.each(['invalid-missing-envelope', 'invalid-empty'])('refuses %s', (name) => {
    expect(verifyModelSignature(spec(name), { trust: keyTrust }).status).toBe('INVALID');
  });
});

describe('verifyModelSignature on bundles made in the test (reference format)', () => {
  const key = testSigningKey();
  const trust: TrustedSigners = { keys: [key.publicKeyPem], certificateAuthorities: [] };
  const files = { 'model.safetensors': 'weights', 'config.json': '{}' };
  const digests = Object.entries(files).map(([path, body]) => ({ path, sha256: sha256Hex(body) }));

  it('verifies a P-256 key-signed model', () => {
    expect(verifyModelSignature(signModel({ files, privateKeyPem: key.privateKeyPem }), { trust, files: digests }).status).toBe('VERIFIED');
  });

  it('refuses a wrong predicate type even when well signed', () => {
    const r = verifyModelSignature(signModel({ files, privateKeyPem: key.privateKeyPem, predicateType: 'https://model_signing/Digests/v0.1' }), {
      trust,
      files: digests,
    });
    expect(rules(r)).toEqual([SignatureRule.PREDICATE_TYPE]);
  });

  it('refuses a payload changed after signing', () => {
    const bundle = JSON.parse(signModel({ files, privateKeyPem: key.privateKeyPem }));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    statement.subject[0].name = 'renamed';
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(rules(verifyModelSignature(JSON.stringify(bundle), { trust }))).toEqual([SignatureRule.SIGNATURE]);
  });

  it('refuses a subject digest that is not over the resources', () => {
    const bundle = JSON.parse(signModel({ files, privateKeyPem: key.privateKeyPem }));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    statement.subject[0].digest.sha256 = sha256Hex('other');
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(rules(verifyModelSignature(JSON.stringify(bundle), { trust }))).toEqual([SignatureRule.ROOT_DIGEST, SignatureRule.SIGNATURE]);
  });

  it('refuses another media type', () => {
    const bundle = JSON.parse(signModel({ files, privateKeyPem: key.privateKeyPem }));
    bundle.mediaType = 'application/json';
    expect(rules(verifyModelSignature(JSON.stringify(bundle), { trust }))).toEqual([SignatureRule.MEDIA_TYPE]);
  });

  it('refuses a predicate that breaks the schema', () => {
    const bundle = JSON.parse(signModel({ files, privateKeyPem: key.privateKeyPem }));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    delete statement.predicate.serialization;
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(rules(verifyModelSignature(JSON.stringify(bundle), { trust }))).toEqual([SignatureRule.PREDICATE_SCHEMA, SignatureRule.SIGNATURE]);
  });

  it('uses OMS_PREDICATE_TYPE by default', () => {
    const statement = JSON.parse(Buffer.from(JSON.parse(signModel({ files, privateKeyPem: key.privateKeyPem })).dsseEnvelope.payload, 'base64').toString());
    expect(statement.predicateType).toBe(OMS_PREDICATE_TYPE);
  });
});
