// The API as `npm start` runs it, in a child process of the test: so that a test can send it SIGTERM, kill -9 it at an
// exact moment (LEDGER_FAULT) and start it again on the same data. Compiled on the fly (ts-node, transpile only), as
// the projector thread is under jest.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves when the process has exited, with its code or the signal that ended it, and when. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  signal(signal: NodeJS.Signals): void;
}

/** Starts the API with `env` (on top of a quiet test default) and waits for its "is running at" line. */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ApiProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register', join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        PORT: '0',
        PASSWORD_HASH_COST: '1024',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, at: Date.now() })),
  );
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const look = () => {
      const match = /is running at (http:\/\/[\d.]+:\d+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`the API exited (${code ?? signal}) before it started:\n${text}`));
    });
  });
  return { url, pid: child.pid as number, output: () => text, exited, signal: (signal) => child.kill(signal) };
}

/** Signs in through the API and returns the bearer token. */
export async function signInOver(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
