import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { CatalogContext } from '../catalog.loaders';
import { CheckpointType } from '../checkpoint/checkpoint.graphql';
import { CheckpointRecord } from '../checkpoint/checkpoint.record';
import {
  AddTrustedSignerInput,
  CheckpointSignatureType,
  RemoveTrustedSignerInput,
  SignatureStatus,
  TrustedSignerKind,
  TrustedSignerType,
} from './signature.graphql';
import { TrustedSignerRecord } from './signature.record';
import { SignatureService } from './signature.service';

@Resolver(() => CheckpointType)
export class CheckpointSignatureResolver {
  @ResolveField(() => CheckpointSignatureType, {
    description: 'Its OMS v1.0 model signature: VERIFIED with the signer, UNTRUSTED once that signer is removed, or UNSIGNED.',
  })
  async signature(@Parent() c: CheckpointRecord, @Context() ctx: CatalogContext): Promise<CheckpointSignatureType> {
    const s = await ctx.loaders.signatureByCheckpoint.load(c.id);
    if (!s)
      return { status: SignatureStatus.UNSIGNED, signer: null, verifiedAt: null, rootDigest: null, bundle: null, trustedFor: null, untrustedReason: null };
    return {
      status: s.status as SignatureStatus,
      trustedFor: s.trustedFor,
      untrustedReason: s.untrustedReason,
      signer: { method: s.method, fingerprint: s.signerFingerprint, subject: s.signerSubject, issuer: s.signerIssuer },
      verifiedAt: s.verifiedAt,
      rootDigest: s.rootDigest,
      bundle: s.bundle,
    };
  }
}

@Resolver(() => TrustedSignerType)
export class TrustedSignerResolver {
  constructor(private readonly service: SignatureService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => [TrustedSignerType], { description: "The keys, CAs and Sigstore identities trusted to sign an organization's models, oldest first." })
  async trustedSigners(
    @Args('organization', { description: 'Slug, name or alias.' }) organization: string,
    @Args('includeRemoved', { defaultValue: false, description: 'Also list signers an admin removed, with when and why.' }) includeRemoved: boolean,
  ): Promise<TrustedSignerType[]> {
    return (await this.service.trustedSigners(organization, includeRemoved)).map(toTrustedSignerType);
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => TrustedSignerType, {
    description: "Trust a key, CA or Sigstore identity to sign an organization's models (admins only). Idempotent by fingerprint while trusted; audited.",
  })
  async addTrustedSigner(@Args('input', { description: 'What to register or record.' }) input: AddTrustedSignerInput): Promise<TrustedSignerType> {
    return toTrustedSignerType(await this.service.addTrustedSigner(input));
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => TrustedSignerType, {
    description:
      'Stop trusting a signer (admins only), with a reason. Appended, never deleted: the signer stays listed with `includeRemoved`, checkpoints it vouched for turn UNTRUSTED and their policies are re-evaluated. Repeating it changes nothing; audited.',
  })
  async removeTrustedSigner(@Args('input', { description: 'Which signer, and why.' }) input: RemoveTrustedSignerInput): Promise<TrustedSignerType> {
    return toTrustedSignerType(await this.service.removeTrustedSigner(input));
  }
}

function toTrustedSignerType(r: TrustedSignerRecord): TrustedSignerType {
  return {
    id: r.id,
    kind: r.kind as TrustedSignerKind,
    pem: r.pem,
    fingerprint: r.fingerprint,
    subject: r.subject,
    issuer: r.issuer,
    addedBy: r.addedBy,
    addedAt: r.addedAt,
    removedAt: r.removal?.removedAt ?? null,
    removedBy: r.removal?.removedBy ?? null,
    removalReason: r.removal?.reason ?? null,
  };
}
