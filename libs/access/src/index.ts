export * from './access.module';
export * from './access.guard';
export * from './api-token.service';
export * from './token-format';
