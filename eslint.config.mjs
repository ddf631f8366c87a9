// ESLint for the whole repository (npm run lint). typescript-eslint's recommended rules, plus the
// house rules a type checker cannot see: SQL stays in repositories, recursive walks in the one
// lineage-graph implementation, configuration in @pedigree/config.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

const SQL = String.raw`/\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW|FUNCTION)|COPY\s+\()/`;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data*/**', 'coverage/**', 'libs/interop/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Fastify and Mercurius hooks are typed loosely by their libraries; `any` is confined to those seams.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through @pedigree/config (one validated schema, documented in the README).' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.repository.ts', 'migrations/**', '**/*.spec.ts', 'test/**', 'libs/testing/**', 'apps/seed/src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `TemplateElement[value.raw=${SQL}]`, message: 'SQL lives in *.repository.ts files (and migrations).' },
        { selector: `Literal[value=${SQL}]`, message: 'SQL lives in *.repository.ts files (and migrations).' },
      ],
    },
  },
  {
    files: ['**/*.repository.ts'],
    ignores: ['libs/lineage/src/lineage-graph.cte.repository.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TemplateElement[value.raw=/WITH\\s+RECURSIVE\\s+(walk|up|down|ancestors|descendants)\\b/i]',
          message: 'Lineage walks go through the LineageGraph interface (lineage-graph.cte.repository.ts), not ad-hoc recursive SQL.',
        },
      ],
    },
  },
  {
    // Where the environment is read on purpose: the one schema, tools that pass it on to children, tests.
    files: [
      'libs/config/**',
      'libs/database/src/database.config.ts',
      'apps/seed/**',
      'apps/cli/**',
      'test/**',
      'bench/**',
      // A stand-alone receiver for users to copy; it is not part of the registry.
      'examples/**',
      'libs/testing/**',
      '**/*.spec.ts',
      'jest.config.js',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // An expect behind a condition passes silently when the condition is false; an expect outside
    // a test (or a hook) never runs as part of one. The contract suite is a spec in all but name.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.contract.ts'],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: { 'jest/no-conditional-expect': 'error', 'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['itWhereGraphviz'] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
  },
);
