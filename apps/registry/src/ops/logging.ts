import { config } from '@pedigree/config';
import { Params } from 'nestjs-pino';

/** Structured JSON application logs. Request lines come from request-log.hooks (one per request). */
export function loggingParams(): Params {
  return {
    pinoHttp: { level: config().logLevel, autoLogging: false },
    forRoutes: [],
  };
}
