// Lint: the Nx module boundaries (who may import whom) are the rule that matters here.
import nx from '@nx/eslint-plugin';

const frameworkAndIo = [
  '@nestjs/*', 'typeorm', 'pg', 'pg-*', '@electric-sql/*', '@kurrent/*', 'express', 'react', 'react-*',
  'node:*', 'fs', 'path', 'crypto', 'net', 'http', 'child_process', 'uuid', 'class-validator', 'class-transformer',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', '.nx/**', 'test-output/**', '**/vite.config.*'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          depConstraints: [
            // The domain is pure TypeScript: no framework, no database, no I/O.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: frameworkAndIo },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:feature'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:testing'] },
            // Apps depend on libs, never on another app, and no lib depends on an app.
            { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:campaign', onlyDependOnLibsWithTags: ['scope:campaign', 'scope:shared'] },
          ],
        },
      ],
    },
  },
];
