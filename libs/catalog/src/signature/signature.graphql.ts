import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SignatureStatus {
  VERIFIED = 'VERIFIED',
  INVALID = 'INVALID',
  UNSIGNED = 'UNSIGNED',
}
registerEnumType(SignatureStatus, {
  name: 'SignatureStatus',
  description: 'Where a checkpoint stands with its OpenSSF Model Signing (OMS v1.0) signature.',
  valuesMap: {
    VERIFIED: { description: 'Signed; the signature, every file digest and the signer (trusted by the publisher) verified at registration.' },
    INVALID: { description: 'A recorded signature that failed verification. Registration refuses these, so only older evidence could show it.' },
    UNSIGNED: { description: 'Registered without a signature.' },
  },
});

export enum TrustedSignerKind {
  KEY = 'KEY',
  CERTIFICATE_AUTHORITY = 'CERTIFICATE_AUTHORITY',
}
registerEnumType(TrustedSignerKind, {
  name: 'TrustedSignerKind',
  description: 'What an organization trusts to sign its models.',
  valuesMap: {
    KEY: { description: 'A public key (OMS `key` method).' },
    CERTIFICATE_AUTHORITY: { description: 'A CA certificate the signing certificate must chain to (OMS `certificate` method).' },
  },
});

@ObjectType('Signer', { description: 'Who signed: a key fingerprint, or a certificate subject and issuer.' })
export class SignerType {
  @Field({ description: 'OMS signing method: `key`, `certificate` or `sigstore`.' })
  method: string;

  @Field({ description: 'Key method: hex SHA-256 of the public key PEM (the OMS key hint). Certificate method: hex SHA-256 of the leaf certificate DER.' })
  fingerprint: string;

  @Field(() => String, { nullable: true, description: "The signing certificate's subject (certificate method)." })
  subject: string | null;

  @Field(() => String, { nullable: true, description: "The signing certificate's issuer (certificate method)." })
  issuer: string | null;
}

@ObjectType('CheckpointSignature', { description: "A checkpoint's model signature and its verification, as recorded at registration." })
export class CheckpointSignatureType {
  @Field(() => SignatureStatus, { description: 'VERIFIED, INVALID or UNSIGNED.' })
  status: SignatureStatus;

  @Field(() => SignerType, { nullable: true, description: 'Who signed; null when unsigned.' })
  signer: SignerType | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the registry verified it; null when unsigned.' })
  verifiedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The signed subject digest: SHA-256 over the per-file digests in name order (OMS v1.0 §6.5.1).' })
  rootDigest: string | null;

  @Field(() => String, { nullable: true, description: 'The OMS bundle as received (the `model.sig` JSON).' })
  bundle: string | null;
}

@ObjectType('TrustedSigner', { description: 'A key or CA an admin trusts to sign models for an organization.' })
export class TrustedSignerType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field(() => TrustedSignerKind, { description: 'KEY or CERTIFICATE_AUTHORITY.' })
  kind: TrustedSignerKind;

  @Field({ description: 'The public key or CA certificate, PEM.' })
  pem: string;

  @Field({ description: 'Key: hex SHA-256 of the public key PEM (the OMS key hint). CA: hex SHA-256 of its DER.' })
  fingerprint: string;

  @Field(() => String, { nullable: true, description: "CA only: the signing certificate's subject must be exactly this, when set." })
  subject: string | null;

  @Field({ description: 'The admin who added it.' })
  addedBy: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was added.' })
  addedAt: Date;
}

@InputType('FileDigestInput', { description: 'One file of the model and its SHA-256.' })
export class FileDigestInput {
  @Field({ description: 'Path relative to the model directory, `/` separators (OMS v1.0 §6.1.2).' })
  path: string;

  @Field({ description: '64 lower-case hex digits.' })
  sha256: string;
}

@InputType('CheckpointSignatureInput', { description: 'An OMS v1.0 signature of the model, and the files it was checked against.' })
export class CheckpointSignatureInput {
  @Field({ description: 'The OMS bundle (the `model.sig` file) as JSON text.' })
  bundle: string;

  @Field(() => [FileDigestInput], { description: 'Every file of the model directory with its SHA-256, as `pedigree register --signature` hashes them.' })
  files: FileDigestInput[];
}

@InputType('AddTrustedSignerInput', { description: 'A key or CA to trust for an organization.' })
export class AddTrustedSignerInput {
  @Field({ description: 'The organization (slug, name or alias) whose models it may sign.' })
  organization: string;

  @Field(() => TrustedSignerKind, { description: 'KEY or CERTIFICATE_AUTHORITY.' })
  kind: TrustedSignerKind;

  @Field({ description: 'The public key (SubjectPublicKeyInfo) or CA certificate, PEM.' })
  pem: string;

  @Field(() => String, { nullable: true, description: 'CA only: pin the signing certificate subject, e.g. `CN=release-bot,O=Acme`.' })
  subject?: string | null;
}
