import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { DomainError, ErrorCode, Permission, Principal } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { compileEventFilter, eventTypes } from '../event-filter';
import { streamedTypes } from './event-permissions';
import { LiveEvent, LiveEventFeed, MAX_SUBSCRIBERS_PER_TOKEN } from './live-event-feed';
import { EventGraphqlType, toEventGraphql } from './live-event.graphql';

@Resolver(() => EventGraphqlType)
export class LiveEventResolver {
  constructor(private readonly feed: LiveEventFeed) {}

  @Allow(Permission.CATALOG_READ)
  @Subscription(() => EventGraphqlType, {
    name: 'events',
    description:
      'Events as they commit on any instance, over WebSocket (graphql-transport-ws at /graphql; the token goes in connection_init as `{"Authorization": "Bearer pdg_…"}`). ' +
      'At most once: events committed while disconnected are not replayed (webhooks are the at-least-once channel). Exposure, violation, waiver and audit events need AUDIT_READ. ' +
      `A token holds at most ${MAX_SUBSCRIBERS_PER_TOKEN} live subscriptions per instance (LIMIT_EXCEEDED beyond); a socket that authenticates no subscription within 10 s, or whose token is refused, is closed with 4403.`,
    resolve: (value: LiveEvent) => toEventGraphql(value),
  })
  events(
    @Context() context: { principal?: Principal },
    @Args('types', { type: () => [String], nullable: true, description: 'Event types to receive; default every type the token may read.' })
    types?: string[] | null,
    @Args('filter', {
      type: () => String,
      nullable: true,
      description: 'CEL filter on `event`, as for webhooks, e.g. `event.subject.environment == "PRODUCTION"`.',
    })
    filter?: string | null,
  ) {
    const requested = types ? eventTypes(types, 'types') : null;
    // The access guard sets it on every subscribe; without it, refuse rather than fall back to SYSTEM.
    if (!context.principal) throw new DomainError(ErrorCode.FORBIDDEN, 'events is not available without an authenticated principal.');
    const wanted = streamedTypes(context.principal.role, requested, 'types');
    return this.feed.subscribe(context.principal.tokenId ?? context.principal.actor, wanted, filter ? compileEventFilter(filter, 'filter') : null);
  }
}
