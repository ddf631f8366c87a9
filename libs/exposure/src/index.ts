export * from './exposure.module';
export * from './exposure.service';
