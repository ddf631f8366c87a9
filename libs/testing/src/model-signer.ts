import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, X509Certificate } from 'node:crypto';

/**
 * Makes OMS v1.0 bundles in the test, byte for byte in the shape the Python reference
 * (sigstore/model-transparency v1.1) writes: a v0.3 bundle, `publicKey.hint` (key method) or
 * `x509CertificateChain` (certificate method), empty `tlogEntries`, one DSSE signature with
 * `keyid: ""`, resources sorted by name and the subject digest of §6.5.1.
 */
export interface SignModelOptions {
  /** Model files: path relative to the model root → contents. */
  files: Record<string, string | Buffer>;
  privateKeyPem: string;
  /** DER or PEM certificates, leaf first: signs with the certificate method. */
  certificateChain?: string[];
  modelName?: string;
  predicateType?: string;
  ignorePaths?: string[];
}

export function testSigningKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const hashFor = (key: KeyObject): string | null =>
  key.asymmetricKeyType === 'ed25519'
    ? null
    : (({ secp384r1: 'sha384', secp521r1: 'sha512' } as Record<string, string>)[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 'sha256');

// Written apart from libs/model-signing on purpose (test support stays free of other libs), so the
// vectors check the verifier against a second reading of the spec, not against itself.
const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();
/** DSSE v1 PAE. */
const paeOf = (type: string, body: Buffer): Buffer => Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);

export function signModel(options: SignModelOptions): string {
  const resources = Object.entries(options.files)
    .map(([name, body]) => ({ name, algorithm: 'sha256', digest: sha256Hex(body) }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [
      { name: options.modelName ?? 'model', digest: { sha256: sha256(Buffer.concat(resources.map((r) => Buffer.from(r.digest, 'hex')))).toString('hex') } },
    ],
    predicateType: options.predicateType ?? 'https://model_signing/signature/v1.0',
    predicate: {
      resources,
      serialization: {
        method: 'files',
        hash_type: 'sha256',
        allow_symlinks: false,
        ignore_paths: options.ignorePaths ?? ['model.sig', '.git', '.gitattributes', '.github', '.gitignore'],
      },
    },
  };
  const payload = Buffer.from(JSON.stringify(statement, null, 2));
  const key = createPrivateKey(options.privateKeyPem);
  const sig = sign(hashFor(key), paeOf('application/vnd.in-toto+json', payload), key);
  const verificationMaterial = options.certificateChain
    ? {
        x509CertificateChain: { certificates: options.certificateChain.map((c) => ({ rawBytes: new X509Certificate(c).raw.toString('base64') })) },
        tlogEntries: [],
      }
    : { publicKey: { hint: sha256(createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string).toString('hex') }, tlogEntries: [] };
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial,
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: sig.toString('base64'), keyid: '' }],
    },
  });
}
