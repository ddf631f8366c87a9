import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Nest logs every exception a resolver or guard throws at error level before GraphQL sees it, so
 * each NOT_FOUND or UNAUTHENTICATED would read as a server fault. GraphQL errors go straight to
 * the one error formatter instead, which logs only what it masks as INTERNAL.
 */
@Catch()
export class GraphqlErrorPassThrough extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
