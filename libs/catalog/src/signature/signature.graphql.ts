import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SignatureStatus {
  VERIFIED = 'VERIFIED',
  INVALID = 'INVALID',
  UNTRUSTED = 'UNTRUSTED',
  UNSIGNED = 'UNSIGNED',
}
registerEnumType(SignatureStatus, {
  name: 'SignatureStatus',
  description: 'Where a checkpoint stands with its OpenSSF Model Signing (OMS v1.0) signature.',
  valuesMap: {
    VERIFIED: { description: 'Signed; the signature, every file digest and the signer (trusted by the publisher) verified at registration.' },
    INVALID: { description: 'A recorded signature that failed verification. Registration refuses these, so only older evidence could show it.' },
    UNTRUSTED: {
      description:
        "Verified at registration, but no longer trusted: the signer that vouched was removed from the publisher's trusted signers, or the model's publisher is no longer the organization it was verified for. `untrustedReason` says which.",
    },
    UNSIGNED: { description: 'Registered without a signature.' },
  },
});

export enum TrustedSignerKind {
  KEY = 'KEY',
  CERTIFICATE_AUTHORITY = 'CERTIFICATE_AUTHORITY',
  SIGSTORE_IDENTITY = 'SIGSTORE_IDENTITY',
}
registerEnumType(TrustedSignerKind, {
  name: 'TrustedSignerKind',
  description: 'What an organization trusts to sign its models.',
  valuesMap: {
    KEY: { description: 'A public key (OMS `key` method).' },
    CERTIFICATE_AUTHORITY: { description: 'A CA certificate the signing certificate must chain to (OMS `certificate` method).' },
    SIGSTORE_IDENTITY: {
      description:
        'A Sigstore identity (OMS `sigstore` method): the Fulcio certificate subject (an e-mail or workflow URI) and the OIDC issuer, both matched exactly, verified offline against the Sigstore trusted root.',
    },
  },
});

@ObjectType('Signer', { description: 'Who signed: a key fingerprint, or a certificate subject and issuer.' })
export class SignerType {
  @Field({ description: 'OMS signing method: `key`, `certificate` or `sigstore`.' })
  method: string;

  @Field({
    description: 'Key method: hex SHA-256 of the public key PEM (the OMS key hint). Certificate and sigstore methods: hex SHA-256 of the leaf certificate DER.',
  })
  fingerprint: string;

  @Field(() => String, {
    nullable: true,
    description: "The signing certificate's subject (certificate method), or its subject alternative name, an e-mail or workflow URI (sigstore method).",
  })
  subject: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The signing certificate's issuer (certificate method), or the OIDC issuer that vouched for the subject (sigstore method).",
  })
  issuer: string | null;
}

@ObjectType('CheckpointSignature', { description: "A checkpoint's model signature and its verification, as recorded at registration." })
export class CheckpointSignatureType {
  @Field(() => SignatureStatus, { description: 'VERIFIED, UNTRUSTED, INVALID or UNSIGNED.' })
  status: SignatureStatus;

  @Field(() => String, { nullable: true, description: "Slug of the organization whose trusted signers vouched: the model's publisher at registration." })
  trustedFor: string | null;

  @Field(() => String, { nullable: true, description: 'Why an UNTRUSTED signature is no longer trusted; null otherwise.' })
  untrustedReason: string | null;

  @Field(() => SignerType, { nullable: true, description: 'Who signed; null when unsigned.' })
  signer: SignerType | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the registry verified it; null when unsigned.' })
  verifiedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The signed subject digest: SHA-256 over the per-file digests in name order (OMS v1.0 §6.5.1).' })
  rootDigest: string | null;

  @Field(() => String, { nullable: true, description: 'The OMS bundle as received (the `model.sig` JSON).' })
  bundle: string | null;
}

@ObjectType('TrustedSigner', { description: 'A key, CA or Sigstore identity an admin trusts to sign models for an organization.' })
export class TrustedSignerType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field(() => TrustedSignerKind, { description: 'KEY, CERTIFICATE_AUTHORITY or SIGSTORE_IDENTITY.' })
  kind: TrustedSignerKind;

  @Field(() => String, { nullable: true, description: 'The public key or CA certificate, PEM; null for a Sigstore identity.' })
  pem: string | null;

  @Field({
    description:
      'Key: hex SHA-256 of the public key PEM (the OMS key hint). CA: hex SHA-256 of its DER. Sigstore identity: hex SHA-256 of `issuer` + newline + `subject`. `removeTrustedSigner` takes it.',
  })
  fingerprint: string;

  @Field(() => String, {
    nullable: true,
    description: "CA: the signing certificate's subject must be exactly this, when set. Sigstore identity: the certificate subject (SAN) trusted.",
  })
  subject: string | null;

  @Field(() => String, { nullable: true, description: 'Sigstore identity: the OIDC issuer trusted for the subject.' })
  issuer: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When an admin removed it; null while it is trusted.' })
  removedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The admin who removed it.' })
  removedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was removed.' })
  removalReason: string | null;

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

@InputType('AddTrustedSignerInput', { description: 'A key, CA or Sigstore identity to trust for an organization.' })
export class AddTrustedSignerInput {
  @Field({ description: 'The organization (slug, name or alias) whose models it may sign.' })
  organization: string;

  @Field(() => TrustedSignerKind, { description: 'KEY, CERTIFICATE_AUTHORITY or SIGSTORE_IDENTITY.' })
  kind: TrustedSignerKind;

  @Field(() => String, {
    nullable: true,
    description: 'KEY and CERTIFICATE_AUTHORITY: the public key (SubjectPublicKeyInfo) or CA certificate, PEM. Not for SIGSTORE_IDENTITY.',
  })
  pem?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CERTIFICATE_AUTHORITY: pin the signing certificate subject, e.g. `CN=release-bot,O=Acme`. SIGSTORE_IDENTITY (required): the certificate subject (SAN), e.g. `release@acme.example`.',
  })
  subject?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'SIGSTORE_IDENTITY only (required): the OIDC issuer, e.g. `https://token.actions.githubusercontent.com`.',
  })
  issuer?: string | null;
}

@InputType('RemoveTrustedSignerInput', { description: 'A trusted signer to stop trusting.' })
export class RemoveTrustedSignerInput {
  @Field({ description: 'The organization (slug, name or alias) it signs for.' })
  organization: string;

  @Field({ description: 'Its `fingerprint`, as `trustedSigners` lists it.' })
  fingerprint: string;

  @Field({ description: 'Why, for the audit trail and for `untrustedReason` on what it signed.' })
  reason: string;
}
