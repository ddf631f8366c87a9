export * from './country';
export * from './url';
export * from './registry-id';
export * from './calendar-date';
export * from './tasks';
