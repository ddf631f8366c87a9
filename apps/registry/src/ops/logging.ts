import { Params } from 'nestjs-pino';

/** Structured JSON application logs. Request lines come from request-log.hooks (one per request). */
export function loggingParams(): Params {
  return {
    pinoHttp: { level: process.env.PEDIGREE_LOG_LEVEL ?? 'info', autoLogging: false },
    forRoutes: [],
  };
}
