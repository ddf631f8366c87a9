export * from './license-expression';
export * from './custom-license.record';
export * from './license-profile';
