export * from './evidence.graphql';
export * from './connection.graphql';
