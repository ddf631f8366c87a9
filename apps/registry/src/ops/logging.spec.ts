import { createAppLogger, PinoLoggerService } from './logging';

function capture(): { service: PinoLoggerService; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = createAppLogger({ write: (chunk: string) => void out.push(chunk) });
  logger.level = 'trace';
  return { service: new PinoLoggerService(logger), lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('PinoLoggerService', () => {
  it('writes one JSON line per call with the Nest context as "context"', () => {
    const { service, lines } = capture();
    service.log('Nest application successfully started', 'NestApplication');
    service.warn('careful', 'AuditTreeHead');
    service.verbose('details', 'X');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }),
      expect.objectContaining({ level: 40, context: 'AuditTreeHead', msg: 'careful' }),
      expect.objectContaining({ level: 10, context: 'X', msg: 'details' }),
    ]);
  });

  it('logs without a context field when Nest passes none', () => {
    const { service, lines } = capture();
    service.log('plain');
    expect(lines()[0]).toMatchObject({ level: 30, msg: 'plain' });
    expect(lines()[0]).not.toHaveProperty('context');
  });

  it('turns (message, stack, context) from Nest exception handlers into a serialized err', () => {
    const { service, lines } = capture();
    service.error('boom', 'Error: boom\n    at somewhere (file.js:1:1)', 'ExceptionsHandler');
    const [line] = lines();
    expect(line).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'boom' });
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom', stack: 'Error: boom\n    at somewhere (file.js:1:1)' });
  });

  it('serializes Error objects and merges plain objects', () => {
    const { service, lines } = capture();
    service.error(new Error('bad'), 'Ctx');
    service.log({ rows: 3 }, 'Ctx');
    const [err, obj] = lines();
    expect(err).toMatchObject({ level: 50, context: 'Ctx', err: { type: 'Error', message: 'bad' } });
    expect(obj).toMatchObject({ level: 30, context: 'Ctx', rows: 3 });
  });
});
