import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokenService, authDisabled } from '@pedigree/access';
import { auditDisabled } from '@pedigree/audit';
import { config, ConfigError } from '@pedigree/config';
import { readDatabaseConfig, resolveDatabase } from '@pedigree/database';
import { LINEAGE_FEED_STATUS } from '@pedigree/lineage';
import { DataSource } from 'typeorm';
import { WebhookDeliveryRepository, WebhookDeliveryWorker } from '@pedigree/alerts';
import { AppModule } from './app.module';
import { createAppLogger, PinoLoggerService } from './ops/logging';
import { registerMetrics } from './ops/metrics.hooks';
import { registerRequestLog, requestId } from './ops/request-log.hooks';
import { readAppConfig } from './app.config';
import { DemoCatalogSeeder } from './demo/demo-catalog.seeder';
import { registerGraphiql } from './graphiql/graphiql.routes';
import { registerWebApp } from './web-app/web-app.routes';
import { limitRules, registerRateLimit, registerRequestLimits } from './graphql/request-limits';
import { reportDiagnostics } from './graphql/diagnostics.hooks';
import { registerRequestScope } from './graphql/request-scope.hooks';
import { registerCostLimit } from './graphql/limits/cost-limit.hook';
import { registerSubscriptionChecks } from './graphql/subscription-checks.hooks';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Pedigree');
  const settings = readAppConfig();
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
    AppModule.forRoot({
      url: db.url,
      poolSize: dbConfig.poolSize,
      statementTimeoutMs: dbConfig.statementTimeoutMs,
      acquireTimeoutMs: dbConfig.acquireTimeoutMs,
    }),
    new FastifyAdapter({ bodyLimit: settings.limits.bodyBytes, genReqId: requestId, disableRequestLogging: true }),
    { bufferLogs: true },
  );
  const appLogger = createAppLogger();
  app.useLogger(new PinoLoggerService(appLogger));
  const fastify = app.getHttpAdapter().getInstance();
  const tokens = app.get(ApiTokenService);
  // Order matters: the rate limit first (no SQL), then the request's scopes (deadline, identity).
  registerRateLimit(fastify, settings, (authorization) => tokens.recognize(authorization));
  registerRequestScope(fastify, settings.limits.requestTimeoutMs);
  registerRequestLog(fastify, appLogger);
  registerRequestLimits(fastify, settings);
  if (settings.graphiql) registerGraphiql(fastify);
  registerWebApp(fastify);
  await app.init();
  const lane = registerCostLimit(fastify, { maxCost: settings.limits.maxCost, heavyCost: config().heavyRequestCost, heavySlots: config().heavyRequests });
  if (settings.diagnostics) reportDiagnostics(fastify);
  registerSubscriptionChecks(fastify, {
    rules: limitRules(settings),
    production: settings.production,
    authenticate: authDisabled() ? null : (authorization) => tokens.authenticate(authorization),
  });
  const deliveries = app.get(WebhookDeliveryRepository);
  const sender = app.get(WebhookDeliveryWorker);
  registerMetrics(fastify, app.get(DataSource), lane, app.get(LINEAGE_FEED_STATUS), {
    backlog: () => deliveries.backlog(),
    attemptCounts: () => sender.counts,
  });
  if (settings.demoCatalog && (await app.get(DemoCatalogSeeder).seedIfEmpty())) {
    logger.log('Empty database: loaded the demo catalog of real public models (PEDIGREE_DEMO_CATALOG=off to skip)');
  }
  await announceAccess(app, logger);
  await app.listen({ port: settings.port, host: settings.host });
  const url = await app.getUrl();
  logger.log(`Web app ${url}/, GraphQL ${url}/graphql${settings.graphiql ? `, GraphiQL ${url}/graphiql` : ''}`);
  // Also plain, for the person who just typed `npm start`.
  console.log(
    `\n  Web app   ${url}/\n  GraphQL   ${url}/graphql${settings.graphiql ? `\n  GraphiQL  ${url}/graphiql` : ''}\n  Health    ${url}/health/ready\n  Metrics   ${url}/metrics\n`,
  );
  // Machine-readable line for scripts and tests that start the server on port 0.
  if (config().readyLine) console.log(`PEDIGREE_READY ${url}`);

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
  const fixed = config().bootstrapToken;
  const token = await app.get(ApiTokenService).bootstrap(fixed ?? undefined);
  if (token && !fixed) {
    // Printed once, to the console only; it is stored as a hash and cannot be shown again.
    console.log(`\nBootstrap admin token (shown once, store it now):\n  ${token}\nIn GraphiQL, open Headers and paste: {"Authorization": "Bearer ${token}"}\n`);
  }
}

bootstrap().catch((error) => {
  // A bad setting is named with its accepted form, without a stack: it is the operator's to fix.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Pedigree failed to start: ${message}`);
  process.exit(1);
});
