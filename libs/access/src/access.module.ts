import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenResolver } from './api-token.resolver';
import { ApiTokenService } from './api-token.service';

export const ACCESS_RESOLVERS = [ApiTokenResolver];

@Module({
  providers: [ApiTokenRepository, ApiTokenService, ...ACCESS_RESOLVERS, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [ApiTokenService],
})
export class AccessModule {}
