import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, requestContext, toPageRequest } from '@pedigree/core';
import { Allow, Connection, toConnection, PageArgs } from '@pedigree/graphql-common';
import { ApiTokenType, CreateApiTokenInput, CreatedApiTokenType } from './api-token.graphql';
import { ApiTokenService } from './api-token.service';

const ApiTokenConnection = Connection(ApiTokenType, 'ApiToken');

@Resolver(() => ApiTokenType)
export class ApiTokenResolver {
  constructor(private readonly service: ApiTokenService) {}

  @Allow(Permission.ADMIN)
  @Query(() => ApiTokenConnection, { description: 'All API tokens, active and revoked.' })
  async apiTokens(@Args() args: PageArgs) {
    return toConnection('token', await this.service.page(toPageRequest('token', args.first, args.after)));
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => CreatedApiTokenType, { description: 'Create a token. The secret is in the answer and nowhere else.' })
  async createApiToken(@Args('input', { description: 'What to create.' }) input: CreateApiTokenInput) {
    const { token, record } = await this.service.create(input, requestContext.principal().tokenId);
    return { token, apiToken: record };
  }

  @Allow(Permission.ADMIN)
  @Mutation(() => ApiTokenType, { description: 'Revoke a token; it stops working within 5 seconds on every instance.' })
  revokeApiToken(@Args('id', { type: () => ID, description: 'Token id.' }) id: string) {
    return this.service.revoke(id);
  }
}
