import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { config } from '@pedigree/config';

/** Structured JSON application logs. Request lines come from request-log.hooks (one per request). */
export function createAppLogger(destination?: DestinationStream): Logger {
  const options = { level: config().logLevel };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's LoggerService on top of pino: `log(message, context)` becomes one JSON line
 * `{"level":30,...,"context":"...","msg":"..."}`. Same mapping nestjs-pino's Logger used.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.call('trace', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.call('debug', message, optionalParams);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.call('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.call('warn', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.call('error', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.call('fatal', message, optionalParams);
  }

  private call(level: Level, message: unknown, optionalParams: unknown[]): void {
    // Nest passes the context name last.
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      params = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, ...(params as []));
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level](Object.assign(fields, message), ...(params as []));
    } else if (level === 'error' && typeof message === 'string' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(message);
      err.stack = params[0];
      fields.err = err;
      this.logger[level](fields);
    } else {
      this.logger[level](fields, message as string, ...(params as []));
    }
  }
}
