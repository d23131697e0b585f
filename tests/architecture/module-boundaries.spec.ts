// The Nx module boundaries hold: the domain imports no framework or database, libs never import apps.
// ESLint runs in a child process (its config loader needs native dynamic import, which jest's VM lacks).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
jest.setTimeout(180_000);

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; message: string }[];
}

function lint(args: string[], stdin?: string): LintResult[] {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout.trim().startsWith('[')) throw new Error(`eslint did not run: ${run.stderr || run.stdout}`);
  return JSON.parse(run.stdout) as LintResult[];
}

const probe = (source: string, filePath: string) => lint(['--stdin', '--stdin-filename', join(root, filePath)], source)[0];

describe('module boundaries (@nx/enforce-module-boundaries)', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; compute it first so the rule cannot silently skip.
    const nx = spawnSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (nx.status !== 0) throw new Error(`nx could not compute the project graph: ${nx.stderr}`);
  });

  it('the whole workspace lints clean', () => {
    const errors = lint(['apps', 'libs', 'tests', 'tools']).flatMap((result) =>
      result.messages.filter((m) => m.severity === 2).map((m) => `${result.filePath.replace(root, '')}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  });

  it('refuses a framework or database import in the domain', () => {
    const result = probe(
      "import { Injectable } from '@nestjs/common';\nimport { Pool } from 'pg';\nexport const x = [Injectable, Pool];\n",
      'libs/domain/src/boundary-probe.ts',
    );
    expect(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries')).toHaveLength(2);
  });

  it('refuses a library importing an app', () => {
    const result = probe(
      "import { createApp } from '../../../apps/api/src/bootstrap';\nexport const x = createApp;\n",
      'libs/event-store/src/boundary-probe.ts',
    );
    expect(result.messages.some((m) => m.ruleId === '@nx/enforce-module-boundaries')).toBe(true);
  });
});
