import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { config } from '@pedigree/config';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { can, DomainError, ErrorCode, Permission, Principal, requestContext, Role } from '@pedigree/core';
import { ACCESS_METADATA } from '@pedigree/graphql-common';
import { ApiTokenService } from './api-token.service';

export const AUTH_DISABLED_PRINCIPAL: Principal = { tokenId: null, actor: 'anonymous (auth disabled)', role: Role.ADMIN, namespaces: [] };

export function authDisabled(): boolean {
  return !config().auth;
}

/**
 * Applied to every root query and mutation (Nest does not run guards on field resolvers, whose
 * data the root operation already authorized). Fails closed: an operation without a declared
 * permission is refused, whoever asks.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');
  private readonly disabled = authDisabled();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const operation = gql.getInfo<{ fieldName: string }>().fieldName;
    const permission = this.reflector.get<Permission | undefined>(ACCESS_METADATA, context.getHandler());
    if (!permission) {
      this.logger.error(`${operation} declares no access policy and was refused`);
      throw new DomainError(ErrorCode.FORBIDDEN, `${operation} is not available.`);
    }
    // A WebSocket subscription carries its token in connection_init (`authorization`), not in headers.
    const ctx = gql.getContext<{ principal?: Principal; authorization?: string; req: { headers: Record<string, string | undefined> } }>();
    ctx.principal ??= this.disabled ? AUTH_DISABLED_PRINCIPAL : await this.tokens.authenticate(ctx.authorization ?? ctx.req.headers.authorization);
    requestContext.setPrincipal(ctx.principal);
    if (!can(ctx.principal.role, permission)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${operation} needs ${permission}; a ${ctx.principal.role} token does not have it.`, undefined, {
        required: permission,
        role: ctx.principal.role,
      });
    }
    return true;
  }
}
