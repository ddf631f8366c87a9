import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { DefinePolicyInput, PolicyDraftInput, PolicyEvaluationType, PolicySubjectInput, PolicyType } from './policy.graphql';
import { PolicyPackLoadType, PolicyPackType } from './policy-pack.graphql';
import { PolicyCheckService } from './policy-check.service';
import { PolicyPackService } from './policy-pack.service';
import { PolicyService } from './policy.service';
import { toFindingView, toPolicyView } from './policy.views';

@Resolver(() => PolicyType)
export class PolicyResolver {
  constructor(
    private readonly service: PolicyService,
    private readonly packs: PolicyPackService,
    private readonly check: PolicyCheckService,
  ) {}

  @Allow(Permission.POLICY_ADMIN)
  @Mutation(() => PolicyType, {
    description:
      'Create a policy, or record a new version of it (the previous version stays on record). The condition is compiled first: one that does not compile is refused with INVALID_INPUT naming its line and column. Defining the same version again changes nothing.',
  })
  async definePolicy(@Args('input', { description: 'The policy.' }) input: DefinePolicyInput) {
    return toPolicyView(await this.service.define(input));
  }

  @Allow(Permission.POLICY_ADMIN)
  @Mutation(() => PolicyType, { description: 'Turn a policy on or off, as a new version.' })
  async setPolicyEnabled(@Args('key', { description: 'Policy key.' }) key: string, @Args('enabled', { description: 'On or off.' }) enabled: boolean) {
    return toPolicyView(await this.service.setEnabled(key, enabled));
  }

  @Allow(Permission.POLICY_ADMIN)
  @Mutation(() => PolicyPackLoadType, {
    description:
      'Define every policy of a shipped pack (templates to adapt: see `policyPacks`), disabled unless `enable` is true, all in one transaction. A policy whose key already exists is skipped (listed in `skipped`) unless `overwrite` is true.',
  })
  async loadPolicyPack(
    @Args('key', { description: 'Pack key, e.g. `au-pspf-direction-001-2025`.' }) key: string,
    @Args('enable', { nullable: true, type: () => Boolean, defaultValue: false, description: 'Enable the policies at once. Default false.' }) enable: boolean,
    @Args('overwrite', {
      nullable: true,
      type: () => Boolean,
      defaultValue: false,
      description: 'Replace policies that already exist with the pack template, as new versions. Default false: they are skipped.',
    })
    overwrite: boolean,
  ) {
    const r = await this.packs.load(key, enable, overwrite);
    return { pack: key, policies: r.policies.map(toPolicyView), skipped: r.skipped };
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => [PolicyType], { description: 'The newest version of every policy, by key.' })
  async policies() {
    return (await this.service.list()).map(toPolicyView);
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => PolicyType, { nullable: true, description: 'The newest version of one policy.' })
  async policy(@Args('key', { description: 'Policy key.' }) key: string) {
    const p = await this.service.find(key);
    return p && toPolicyView(p);
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => [PolicyType], { description: 'Every version of one policy, newest first.' })
  async policyVersions(@Args('key', { description: 'Policy key.' }) key: string) {
    return (await this.service.history(key)).map(toPolicyView);
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => [PolicyPackType], {
    description: 'The policy packs shipped with the registry: templates an organization adapts, each rule citing its public source.',
  })
  policyPacks() {
    return this.packs.list();
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Query(() => PolicyEvaluationType, {
    description:
      'What the policy gates would do, without writing: `draft` runs a planned registration through every check and gate in a transaction that is rolled back; `subject` judges a registered model, checkpoint, dataset or deployment as it stands. Exactly one.',
  })
  async evaluatePolicies(
    @Args('subject', { nullable: true, type: () => PolicySubjectInput, description: 'A registered subject.' }) subject: PolicySubjectInput | null,
    @Args('draft', { nullable: true, type: () => PolicyDraftInput, description: 'A planned registration.' }) draft: PolicyDraftInput | null,
  ) {
    const r = await this.check.evaluate(subject, draft);
    return { outcome: r.outcome, findings: r.findings.map(toFindingView), plan: r.plan };
  }
}
