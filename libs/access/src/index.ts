// API tokens, roles and the access guard.
export { ACCESS_RESOLVERS, AccessModule } from './access.module';
export { authDisabled } from './access.guard';
export { ApiTokenService } from './api-token.service';
