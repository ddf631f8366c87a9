export * from './relation';
export * from './edge-ref';
export * from './subgraph';
export * from './walk';
export * from './edge-claims';
