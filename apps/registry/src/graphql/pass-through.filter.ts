import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlContextType } from '@nestjs/graphql';
import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { socketError } from './socket-error';

/**
 * Nest logs every exception a resolver or guard throws at error level before GraphQL sees it, so
 * each NOT_FOUND or UNAUTHENTICATED would read as a server fault. GraphQL errors go straight to
 * the one error formatter instead, which logs only what it masks as INTERNAL.
 */
@Catch()
export class GraphqlErrorPassThrough extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const info = GqlArgumentsHost.create(host).getInfo<GraphQLResolveInfo | undefined>();
    return info?.operation.operation === 'subscription' ? this.forSocket(exception, info) : exception;
  }

  private forSocket(exception: unknown, info: GraphQLResolveInfo): GraphQLError {
    return socketError(exception, (detail) => this.logger.error(`subscription ${info.fieldName}: ${detail}`));
  }
}
