export * from './license-expression';
export * from './custom-license.record';
export * from './custom-license.repository';
export * from './custom-license.service';
export * from './custom-license.graphql';
export * from './licensing.module';
