// One jest run for the whole workspace: unit (*.spec.ts), database (*.int.spec.ts) and HTTP/browser (*.e2e.spec.ts).
const fs = require('node:fs');
const path = require('node:path');

const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const { compilerOptions } = require('./tsconfig.base.json');
const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  // `@api/*` → `apps/api/src/*`: a wildcard alias maps what follows it.
  if (alias.endsWith('/*')) moduleNameMapper[`^${alias.slice(0, -2).replace(/[/.]/g, '\\$&')}/(.*)$`] = `<rootDir>/${target.slice(0, -2)}/$1`;
  else moduleNameMapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = `<rootDir>/${target}`;
}

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { ...swc, swcrc: false, sourceMaps: 'inline' }] },
  // NestJS 12 and a few of its dependencies ship ESM only: compile them to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm)/)'],
  moduleNameMapper,
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 60_000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};
