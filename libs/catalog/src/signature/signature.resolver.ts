import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { CatalogContext } from '../catalog.loaders';
import { CheckpointType } from '../checkpoint/checkpoint.graphql';
import { CheckpointRecord } from '../checkpoint/checkpoint.record';
import { AddTrustedSignerInput, CheckpointSignatureType, SignatureStatus, TrustedSignerType } from './signature.graphql';
import { SignatureService } from './signature.service';

@Resolver(() => CheckpointType)
export class CheckpointSignatureResolver {
  @ResolveField(() => CheckpointSignatureType, { description: 'Its OMS v1.0 model signature: VERIFIED with the signer, or UNSIGNED.' })
  async signature(@Parent() c: CheckpointRecord, @Context() ctx: CatalogContext): Promise<CheckpointSignatureType> {
    const s = await ctx.loaders.signatureByCheckpoint.load(c.id);
    if (!s) return { status: SignatureStatus.UNSIGNED, signer: null, verifiedAt: null, rootDigest: null, bundle: null };
    return {
      status: s.status as SignatureStatus,
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
  @Query(() => [TrustedSignerType], { description: "The keys and CAs trusted to sign an organization's models." })
  trustedSigners(@Args('organization', { description: 'Slug, name or alias.' }) organization: string) {
    return this.service.trustedSigners(organization);
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => TrustedSignerType, { description: "Trust a key or CA to sign an organization's models (admins only). Idempotent by fingerprint; audited." })
  addTrustedSigner(@Args('input', { description: 'What to register or record.' }) input: AddTrustedSignerInput) {
    return this.service.addTrustedSigner(input);
  }
}
