export * from './errors';
export * from './evidence';
export * from './pagination';
export * from './validation';
export * from './registration';
export * from './lineage';
export * from './access';
export * from './limits';
