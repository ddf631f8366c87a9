export * from './canonical-payload';
export * from './register-once';
