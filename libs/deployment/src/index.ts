export * from './deployment.record';
export * from './deployment.repository';
export * from './deployment.service';
export * from './deployment.graphql';
export * from './deployment.module';
