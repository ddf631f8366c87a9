export * from './audit-hash';
export * from './audit-recorder.service';
export * from './audit-chainer.service';
export * from './audit.module';
