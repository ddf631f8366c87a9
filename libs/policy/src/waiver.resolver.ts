import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { WaiverRecord } from './policy.record';
import { GrantWaiverInput, WaiverType } from './waiver.graphql';
import { WaiverService } from './waiver.service';

const view = (w: WaiverRecord) => ({ ...w, active: !w.revokedAt && w.expiresAt.getTime() > Date.now() });

@Resolver(() => WaiverType)
export class WaiverResolver {
  constructor(private readonly service: WaiverService) {}

  @Allow(Permission.POLICY_ADMIN)
  @Mutation(() => WaiverType, { description: 'Waive one policy for one subject until an expiry (required, at most 365 days by default). Audited.' })
  async grantWaiver(@Args('input', { description: 'The waiver.' }) input: GrantWaiverInput) {
    return view(await this.service.grant(input));
  }

  @Allow(Permission.POLICY_ADMIN)
  @Mutation(() => WaiverType, { description: 'Withdraw a waiver; its violations reopen. The waiver stays on record. Audited.' })
  async revokeWaiver(@Args('id', { type: () => ID, description: 'Waiver id.' }) id: string, @Args('reason', { description: 'Why.' }) reason: string) {
    return view(await this.service.revoke(id, reason));
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => [WaiverType], { description: 'Waivers, newest first (at most 1000).' })
  async waivers(
    @Args('policy', { nullable: true, type: () => String, description: 'Only this policy (key).' }) policy: string | null,
    @Args('activeOnly', { nullable: true, type: () => Boolean, defaultValue: false, description: 'Only waivers that cover now.' }) activeOnly: boolean,
  ) {
    return (await this.service.list({ policyKey: policy, activeOnly })).map(view);
  }
}
