export * from './evidence.graphql';
export * from './connection.graphql';
export * from './allow.decorator';
export * from './page-args.graphql';
