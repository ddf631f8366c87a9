import { choice, factor, flag, integer, percent, Setting, text, url } from './setting';

const production = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';
const notInProduction = (env: NodeJS.ProcessEnv) => !production(env);
const MS_DAY = 86_400_000;

/**
 * Every variable the registry reads, in the order of the README's table. Adding one here and not
 * in the README (or the reverse) fails `config.readme.spec.ts`.
 */
export const SETTINGS = {
  databaseUrl: url('DATABASE_URL', 'Use this PostgreSQL server (15 or later) instead of the embedded one, e.g. `postgres://user:pw@db:5432/pedigree`.', [
    'postgres',
    'postgresql',
  ]),
  dataDir: text('PEDIGREE_DATA_DIR', '.data', 'Where the embedded PostgreSQL keeps its data (`<dir>/postgres`) and where the audit signing key is generated.'),
  embeddedPort: integer('PEDIGREE_PG_PORT', 54329, 'Port of the embedded PostgreSQL. It listens on 127.0.0.1 only.', { min: 1, max: 65535 }),
  embeddedDatabase: text('PEDIGREE_PG_DATABASE', 'pedigree', 'Database the registry uses inside the embedded PostgreSQL.', {
    pattern: /^[a-z_][a-z0-9_]{0,62}$/,
    accepted: 'a lower-case identifier, e.g. pedigree',
  }),
  host: text('HOST', '127.0.0.1', 'Address the API listens on.'),
  port: integer('PORT', 4000, 'Port the API listens on. `0` picks a free port.', { min: 0, max: 65535 }),
  demoCatalog: flag('PEDIGREE_DEMO_CATALOG', true, 'on', 'Load the demo catalog into an empty database on first start.'),
  graphiql: flag('PEDIGREE_GRAPHIQL', notInProduction, 'on (off when `NODE_ENV=production`)', 'Serve GraphiQL at `/graphiql`.'),
  introspection: flag('PEDIGREE_INTROSPECTION', notInProduction, 'on (off when `NODE_ENV=production`)', 'Schema introspection.'),
  poolSize: integer('PEDIGREE_DB_POOL', 20, 'Connection pool size.', { min: 1, max: 1000 }),
  acquireTimeoutMs: integer(
    'PEDIGREE_DB_ACQUIRE_TIMEOUT_MS',
    5000,
    'How long a request waits for a free pool connection before it is answered `UNAVAILABLE`.',
    { min: 1, max: 600_000 },
  ),
  statementTimeoutMs: integer(
    'PEDIGREE_STATEMENT_TIMEOUT_MS',
    30000,
    'PostgreSQL `statement_timeout` for every API connection; a statement over it is answered `TIMEOUT`.',
    { min: 1, max: MS_DAY },
  ),
  requestTimeoutMs: integer(
    'PEDIGREE_REQUEST_TIMEOUT_MS',
    10000,
    'Deadline of one GraphQL request. At the deadline its running SQL is cancelled and it is answered `TIMEOUT`.',
    { min: 1, max: MS_DAY },
  ),
  perspective: text('PEDIGREE_PERSPECTIVE', null, 'Default `perspective` country (ISO alpha-2) for `exposure.foreign`.', {
    pattern: /^[A-Za-z]{2}$/,
    accepted: 'an ISO 3166-1 alpha-2 code such as FR',
  }),
  ownershipExposureThreshold: percent(
    'PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD',
    25,
    'Effective ownership share (percent, above 0, at most 100) from which an owner of a publisher counts in exposure reports, directly or through chains of stakes.',
  ),
  waiverMaxDays: integer('PEDIGREE_WAIVER_MAX_DAYS', 365, 'Longest a policy waiver may run, in days from its grant; every waiver needs an expiry.', {
    min: 1,
    max: 3650,
  }),
  policyWorker: flag(
    'PEDIGREE_POLICY_WORKER',
    true,
    'on',
    'Re-evaluate policies in the background when upstream facts change. Every instance may run it; each queued change is processed once.',
  ),
  policyWorkerPollMs: integer('PEDIGREE_POLICY_WORKER_POLL_MS', 1000, 'How often an idle policy worker looks for queued changes and lapsed waivers.', {
    min: 10,
    max: 600_000,
  }),
  policyBatchSize: integer('PEDIGREE_POLICY_BATCH', 500, 'Subjects the policy worker evaluates per transaction.', { min: 1, max: 10_000 }),
  alertsWorker: flag(
    'PEDIGREE_ALERTS_WORKER',
    true,
    'on',
    'Deliver webhooks, send digests and `waiver.expiring`, turn lineage changes into `exposure.changed` events, verify the audit trail and prune old events in this instance. Every instance may run it; each delivery is sent by one, each lineage change processed by one.',
  ),
  exposureWorkerPollMs: integer(
    'PEDIGREE_EXPOSURE_WORKER_POLL_MS',
    1000,
    'How often an idle alerts worker looks for asserted or retracted lineage edges whose `exposure.changed` events are still to be written.',
    { min: 10, max: 600_000 },
  ),
  webhookAllowHosts: text(
    'PEDIGREE_WEBHOOK_ALLOW_HOSTS',
    null,
    'Comma-separated host names or IP addresses that webhooks may reach over plain `http` or at private, loopback or link-local addresses, e.g. `receiver.internal,10.0.0.7`. Others need `https` and a public address.',
    { pattern: /^[A-Za-z0-9.:[\]_-]+(,[A-Za-z0-9.:[\]_-]+)*$/, accepted: 'host names or IP addresses separated by commas' },
  ),
  webhookTimeoutMs: integer(
    'PEDIGREE_WEBHOOK_TIMEOUT_MS',
    10000,
    'Time limit of one delivery attempt, connection included; at most 1 MiB of the answer is read.',
    { min: 100, max: 300_000 },
  ),
  webhookMaxAttempts: integer(
    'PEDIGREE_WEBHOOK_MAX_ATTEMPTS',
    15,
    'Attempts of one delivery before it is dead-lettered (`replayWebhookDelivery` sends it again).',
    { min: 1, max: 100 },
  ),
  webhookBackoffBaseMs: integer(
    'PEDIGREE_WEBHOOK_BACKOFF_BASE_MS',
    10000,
    'Delay before the second attempt; each later delay doubles, up to `PEDIGREE_WEBHOOK_BACKOFF_MAX_MS`, with ±25 % jitter. The defaults spread 15 attempts over about 24 hours.',
    { min: 1, max: MS_DAY },
  ),
  webhookBackoffMaxMs: integer('PEDIGREE_WEBHOOK_BACKOFF_MAX_MS', 21_600_000, 'Longest delay between two attempts of a delivery.', { min: 1, max: 7 * MS_DAY }),
  webhookConcurrency: integer('PEDIGREE_WEBHOOK_CONCURRENCY', 64, 'Deliveries one instance sends at once.', { min: 1, max: 1000 }),
  webhookPollMs: integer(
    'PEDIGREE_WEBHOOK_POLL_MS',
    1000,
    'How often an idle delivery worker looks for due deliveries; a committed event wakes it at once through NOTIFY.',
    { min: 10, max: 3_600_000 },
  ),
  webhookSecretOverlapHours: integer(
    'PEDIGREE_WEBHOOK_SECRET_OVERLAP_HOURS',
    24,
    'After `rotateWebhookSecret`, how long deliveries carry signatures with both the old and the new secret.',
    { min: 0, max: 24 * 90 },
  ),
  alertsSweepMs: integer('PEDIGREE_ALERTS_SWEEP_MS', 60000, 'How often one instance sends due digests and `waiver.expiring` events and prunes old events.', {
    min: 100,
    max: MS_DAY,
  }),
  waiverExpiringDays: integer('PEDIGREE_WAIVER_EXPIRING_DAYS', 7, 'Days before a waiver expires at which its `waiver.expiring` event is sent.', {
    min: 1,
    max: 365,
  }),
  eventRetentionDays: integer(
    'PEDIGREE_EVENT_RETENTION_DAYS',
    30,
    'Days an event is kept in the outbox once no delivery waits for it; then it is pruned with its deliveries. Audit events are never pruned.',
    { min: 1, max: 3650 },
  ),
  auditSelfVerifyMs: integer(
    'PEDIGREE_AUDIT_SELF_VERIFY_MS',
    3_600_000,
    'How often the registry verifies its own audit trail and sends `audit.verification.failed` when it does not hold; `0` turns it off.',
    { min: 0, max: 7 * MS_DAY },
  ),
  substituteParameterRange: factor(
    'PEDIGREE_SUBSTITUTE_PARAMETER_RANGE',
    4,
    "Default size window of cut-off substitutes: a candidate qualifies with a parameter count within this factor of the current model's, up or down (4 means ×4 or ÷4; greater than 1, at most 1000). `cutOffScenario(scope: { parameterRange })` overrides it.",
    1000,
  ),
  auth: flag('PEDIGREE_AUTH', true, 'on', '`off` turns authentication off for local demos: every caller is an admin. Logged loudly at start.'),
  bootstrapToken: text(
    'PEDIGREE_BOOTSTRAP_TOKEN',
    null,
    'Use this value (`pdg_` + 43 base64url characters) as the first admin token instead of printing a new one. For automation.',
    {
      pattern: /^pdg_[A-Za-z0-9_-]{43}$/,
      accepted: 'pdg_ followed by 43 base64url characters',
    },
  ),
  audit: flag(
    'PEDIGREE_AUDIT',
    true,
    'on',
    "`off` stops recording audit events. Only for measuring the trail's own cost (`npm run bench`); never in a real registry.",
  ),
  auditSigningKeyFile: text(
    'PEDIGREE_AUDIT_SIGNING_KEY_FILE',
    null,
    'Ed25519 PKCS#8 PEM key that signs audit tree heads. Unset: `<PEDIGREE_DATA_DIR>/audit-signing-key.pem`, generated on first start.',
  ),
  sigstoreTrustedRootFile: text(
    'PEDIGREE_SIGSTORE_TRUSTED_ROOT',
    null,
    'Sigstore trusted root (`trusted_root.json`, or `{ source, expires, trustedRoot }`) for verifying `sigstore`-method model signatures offline. Unset: the public-good root bundled with this build, whose TUF metadata expired on 2026-06-22. See [docs/signatures.md](docs/signatures.md#the-sigstore-method-offline).',
  ),
  auditHeadIntervalMs: integer('PEDIGREE_AUDIT_HEAD_INTERVAL_MS', 60000, 'How often a new signed tree head is made (when the chain grew).', {
    min: 100,
    max: MS_DAY,
  }),
  auditChainIntervalMs: integer('PEDIGREE_AUDIT_CHAIN_INTERVAL_MS', 200, 'How often committed audit events are chained.', { min: 10, max: 600_000 }),
  maxDepth: integer('PEDIGREE_MAX_DEPTH', 12, 'Deepest selection a query may nest, fragments included.', { min: 1, max: 1000 }),
  maxAliases: integer('PEDIGREE_MAX_ALIASES', 30, 'Aliased fields per request, `__typename` included.', { min: 1, max: 100_000 }),
  maxCost: integer(
    'PEDIGREE_MAX_COST',
    50000,
    'Largest estimated cost of one request: list sizes (`first`, from literals or variables) times what each item selects, plus the weight of lineage walks and rollups. See [Limits](#limits-and-what-a-refusal-looks-like).',
    { min: 1, max: 1e9 },
  ),
  heavyRequestCost: integer(
    'PEDIGREE_HEAVY_REQUEST_COST',
    2000,
    'Requests estimated at this cost or more are expensive: only `PEDIGREE_HEAVY_REQUESTS` of them run at once, the rest wait their turn (within their deadline).',
    { min: 1, max: 1e9 },
  ),
  heavyRequests: integer('PEDIGREE_HEAVY_REQUESTS', 2, 'How many expensive requests run at once.', { min: 1, max: 1000 }),
  maxDirectives: integer('PEDIGREE_MAX_DIRECTIVES', 20, 'Directives per request.', { min: 1, max: 10_000 }),
  maxBatch: integer('PEDIGREE_MAX_BATCH', 10, 'Operations per batched request.', { min: 1, max: 1000 }),
  bodyBytes: integer('PEDIGREE_MAX_BODY_BYTES', 1048576, 'Request body size limit; a larger body is answered 413 `PAYLOAD_TOO_LARGE`.', {
    min: 1024,
    max: 1024 * 1024 * 1024,
  }),
  ratePerMinute: integer('PEDIGREE_RATE_LIMIT_PER_MINUTE', 6000, 'Requests per minute per verified token.', { min: 1, max: 1e9 }),
  anonymousRatePerMinute: integer(
    'PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE',
    600,
    'Requests per minute per client address without a verified token (no token, or an unknown, expired or revoked one).',
    { min: 1, max: 1e9 },
  ),
  logLevel: choice('PEDIGREE_LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const, 'info', 'Level of the JSON logs.'),
  lineageIndex: choice(
    'PEDIGREE_LINEAGE_INDEX',
    ['memory', 'cte'] as const,
    'memory',
    '`memory`: lineage walks are answered from an in-process index loaded at start and kept fresh across instances; `cte`: a recursive CTE per walk (no start-up load). See [Scale](#scale-the-in-memory-lineage-index-and-several-instances).',
  ),
  lineagePollMs: integer(
    'PEDIGREE_LINEAGE_POLL_MS',
    500,
    "How often each instance reads the lineage change feed even without a notification; NOTIFY normally brings other instances' writes within milliseconds, the poll covers what a dropped connection lost.",
    { min: 10, max: 3_600_000 },
  ),
  diagnostics: flag(
    'PEDIGREE_DIAGNOSTICS',
    false,
    'off',
    'Adds `extensions.diagnostics.sqlQueries` (the SQL statements a request ran) to every response. For tests and profiling.',
  ),
  readyLine: flag('PEDIGREE_READY_LINE', false, 'off', 'Print `PEDIGREE_READY <url>` once listening, for scripts that start the server on port 0.'),
  logMigrations: flag('PEDIGREE_LOG_MIGRATIONS', true, 'on', 'Print each migration as it runs.'),
  production: nodeEnv(),
} as const;

function nodeEnv(): Setting<boolean> {
  return {
    name: 'NODE_ENV',
    shownDefault: 'unset',
    meaning: '`production` turns off introspection and GraphiQL (unless enabled), field suggestions and detailed errors, and turns on CSRF protection.',
    // Other values (development, test) are common in shells and mean "not production".
    read: (raw) => raw?.trim() === 'production',
  };
}
