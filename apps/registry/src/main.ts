import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokenService, authDisabled } from '@pedigree/access';
import { auditDisabled } from '@pedigree/audit';
import { readDatabaseConfig, resolveDatabase } from '@pedigree/database';
import { LINEAGE_FEED_STATUS } from '@pedigree/lineage';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { registerMetrics } from './ops/metrics.hooks';
import { registerRequestLog, requestId } from './ops/request-log.hooks';
import { readAppConfig } from './app.config';
import { DemoCatalogSeeder } from './demo/demo-catalog.seeder';
import { registerGraphiql } from './graphiql/graphiql.routes';
import { registerRequestLimits } from './graphql/request-limits';
import { registerSqlScope, reportDiagnostics } from './graphql/diagnostics.hooks';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Pedigree');
  const config = readAppConfig();
  const dbConfig = readDatabaseConfig();
  // Until the app exists there is nothing to drain; `shutdown` below replaces this.
  let fail: (message: string) => void = (message) => {
    console.error(`Pedigree stopped: ${message}`);
    process.exit(1);
  };
  const db = await resolveDatabase(dbConfig, (line) => logger.log(line), {
    notice: (line) => logger.warn(line),
    // Exiting non-zero lets a supervisor (systemd, Kubernetes, Docker) start us again; the next
    // start clears whatever the dead server left in the data directory.
    onLost: (error) => fail(`${error.message}. Exiting so that a supervisor can restart Pedigree.`),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ url: db.url, poolSize: dbConfig.poolSize, statementTimeoutMs: dbConfig.statementTimeoutMs }),
    new FastifyAdapter({ bodyLimit: config.limits.bodyBytes, genReqId: requestId, disableRequestLogging: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(NestPinoLogger));
  const fastify = app.getHttpAdapter().getInstance();
  registerSqlScope(fastify);
  registerRequestLog(fastify, await app.resolve(PinoLogger));
  await registerRequestLimits(fastify, config);
  if (config.graphiql) registerGraphiql(fastify);
  await app.init();
  if (config.diagnostics) reportDiagnostics(fastify);
  registerMetrics(fastify, app.get(DataSource), app.get(LINEAGE_FEED_STATUS));
  if (config.demoCatalog && (await app.get(DemoCatalogSeeder).seedIfEmpty())) {
    logger.log('Empty database: loaded the demo catalog of real public models (PEDIGREE_DEMO_CATALOG=off to skip)');
  }
  await announceAccess(app, logger);
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  logger.log(`GraphQL ${url}/graphql${config.graphiql ? `, GraphiQL ${url}/graphiql` : ''}`);
  // Also plain, for the person who just typed `npm start`.
  console.log(`\n  GraphQL   ${url}/graphql${config.graphiql ? `\n  GraphiQL  ${url}/graphiql` : ''}\n  Health    ${url}/health/ready\n  Metrics   ${url}/metrics\n`);
  // Machine-readable line for scripts and tests that start the server on port 0.
  if (process.env.PEDIGREE_READY_LINE === 'on') console.log(`PEDIGREE_READY ${url}`);

  let closing = false;
  const shutdown = async (signal: string, failure?: string) => {
    if (closing) return;
    closing = true;
    if (failure) logger.error(failure);
    else logger.log(`${signal} received: draining requests, then stopping the database`);
    let code = failure ? 1 : 0;
    try {
      await app.close();
    } catch (error) {
      code = 1;
      logger.error(`Shutdown: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await db.embedded?.stop();
    }
    process.exit(code);
  };
  fail = (message) => void shutdown('failure', message);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function announceAccess(app: NestFastifyApplication, logger: Logger): Promise<void> {
  if (auditDisabled()) logger.warn('THE AUDIT TRAIL IS OFF (PEDIGREE_AUDIT=off): mutations are not recorded. For benchmarks only.');
  if (authDisabled()) {
    const line = '*'.repeat(78);
    logger.warn(`\n${line}\n  AUTHENTICATION IS OFF (PEDIGREE_AUTH=off): every caller is an admin. For local demos only.\n${line}`);
    return;
  }
  const token = await app.get(ApiTokenService).bootstrap(process.env.PEDIGREE_BOOTSTRAP_TOKEN || undefined);
  if (token && !process.env.PEDIGREE_BOOTSTRAP_TOKEN) {
    // Printed once, to the console only; it is stored as a hash and cannot be shown again.
    console.log(`\nBootstrap admin token (shown once, store it now):\n  ${token}\nIn GraphiQL, open Headers and paste: {"Authorization": "Bearer ${token}"}\n`);
  }
}

bootstrap().catch((error) => {
  console.error(`Pedigree failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
