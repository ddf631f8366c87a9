import { Args, ArgsType, Field, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, toPageRequest } from '@pedigree/core';
import { Allow, Connection, toConnection, PageArgs } from '@pedigree/graphql-common';
import { AuditEventFilterInput, AuditEventType, AuditTreeHeadType, AuditVerificationType } from './audit.graphql';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { TreeHeadService } from './tree-head.service';

const AuditEventConnection = Connection(AuditEventType, 'AuditEvent');

@ArgsType()
class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilterInput, { nullable: true, description: 'Filters; all must match.' })
  filter?: AuditEventFilterInput;
}

@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(
    private readonly service: AuditService,
    private readonly heads: TreeHeadService,
    private readonly audit: AuditRepository,
  ) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => AuditEventConnection, { description: 'Audit events, oldest first.' })
  async auditEvents(@Args() args: AuditEventsArgs) {
    return toConnection('audit', await this.service.events(args.filter ?? {}, toPageRequest('audit', args.first, args.after)));
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => AuditVerificationType, { description: 'Recompute the hash chain and check the signed tree heads; reports the first broken link.' })
  verifyAuditTrail() {
    return this.service.verify();
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => [AuditTreeHeadType], { description: 'The latest signed tree heads, newest first.' })
  auditTreeHeads(@Args('last', { type: () => Int, defaultValue: 10, description: 'How many (1 to 100).' }) last: number) {
    return this.audit.heads(Math.min(Math.max(last, 1), 100));
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => String, { description: 'SPKI PEM public key that verifies tree-head signatures.' })
  auditPublicKey() {
    return this.heads.publicKey;
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => AuditTreeHeadType, { description: 'Chain pending events and sign the current head now (heads are also signed periodically).' })
  signAuditTreeHead() {
    return this.heads.signOnDemand();
  }
}
