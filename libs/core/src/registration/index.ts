export * from './canonical-payload';
