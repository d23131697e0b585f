// Lint: the Nx module boundaries (who may import whom) are the rule that matters here.
import nx from '@nx/eslint-plugin';

const frameworkAndIo = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  '@electric-sql/*',
  '@kurrent/*',
  'express',
  'react',
  'react-*',
  'node:*',
  'fs',
  'path',
  'crypto',
  'net',
  'http',
  'child_process',
  'uuid',
  'class-validator',
  'class-transformer',
];

const constraints = (extraForTests) => [
  // The domain is pure TypeScript: no framework, no database, no I/O.
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util', ...extraForTests],
    bannedExternalImports: extraForTests.length ? [] : frameworkAndIo,
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...extraForTests] },
  // The API's request and answer types, shared with the web app: types only, over the domain's.
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contract'], bannedExternalImports: frameworkAndIo },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contract', 'type:data-access', ...extraForTests] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contract', 'type:data-access', 'type:feature', ...extraForTests] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contract', 'type:data-access', 'type:testing'] },
  // Apps depend on libs, never on another app, and no lib depends on an app.
  { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:campaign', onlyDependOnLibsWithTags: ['scope:campaign', 'scope:shared'] },
];
// allowCircularSelfDependency: inside apps/api the @api/* alias replaces deep relative imports (../../).
const boundaries = (extraForTests) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: false, allowCircularSelfDependency: true, depConstraints: constraints(extraForTests) },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', '.nx/**', 'test-output/**', '**/vite.config.*'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  // The web app reads the API through the contract's types: nothing it handles is untyped.
  { files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx', 'libs/api-contract/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  // Tests may also use the shared test helpers (a fresh database per suite) and test-only code.
  { files: ['**/*.spec.ts', '**/*.spec.tsx', '**/testing/**/*.ts', '**/testing.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(['type:testing']) } },
];
