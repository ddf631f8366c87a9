export * from './permission';
export * from './request-context';
