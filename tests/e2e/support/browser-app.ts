// The browser suites' world: the web app built (when its sources are newer than the build), the real API on a fresh
// PostgreSQL with the demo office seeded, serving that build over HTTP, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lock } from 'proper-lockfile';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '@campaign-ledger/runtime';
import { seedDemoIfEmpty } from '../../../apps/api/src/demo/demo-seeder';
import { startApiTestApp, type ApiTestApp } from '../../../apps/api/src/testing/api-test-app';

export const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'test-output/screenshots');
export const DEMO_CAMPAIGN = 'demo-sdp-2009';

const WEB_SOURCES = [join(ROOT, 'apps/web/src'), join(ROOT, 'apps/web/index.html'), join(ROOT, 'apps/web/vite.config.mts')];
const WEB_DIST = join(ROOT, 'dist/apps/web');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium to drive: CHROMIUM_PATH when set, else the distribution's. Null when there is none (the suites skip and say so). */
export function findChromium(): string | null {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** `describe` when Chromium is there; otherwise `describe.skip`, with a warning that says why and how to run it. */
export function describeInChromium(name: string, body: () => void): void {
  const executable = findChromium();
  if (!executable) {
    const why =
      `[e2e] SKIPPED "${name}": no Chromium at ${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : '/usr/bin/chromium, /usr/bin/chromium-browser or /usr/bin/google-chrome'}. ` +
      'Install it (apt-get install chromium) or point CHROMIUM_PATH at a Chromium to run the browser tests.';
    console.warn(why);
    // Jest drops the console of a suite that runs no test when several workers run: say it on stderr as well.
    process.stderr.write(`${why}\n`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

const isStale = () => {
  const built = join(WEB_DIST, 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < Math.max(...WEB_SOURCES.map(newestMtime));
};

function viteBuild(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
      {
        // jest runs with NODE_ENV=test, which vite would carry into the bundle: React's development build, several
        // times slower to render than the production build the product serves.
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build exited with ${code}:\n${output}`))));
  });
}

/**
 * Builds dist/apps/web when it is missing or older than apps/web (one suite at a time: the build empties the folder),
 * then serves a private copy of it, so that another build or `npm run build` during the run cannot pull files away.
 */
export async function ensureWebBuild(): Promise<string> {
  const lockPath = join(tmpdir(), 'campaign-ledger-web-build');
  mkdirSync(lockPath, { recursive: true });
  const release = await lock(lockPath, { realpath: false, stale: 180_000, retries: { retries: 400, minTimeout: 250, maxTimeout: 500 } });
  try {
    if (isStale()) {
      const started = Date.now();
      await viteBuild();
      console.log(`[e2e] built the web app into dist/apps/web in ${Date.now() - started} ms (it was missing or older than apps/web)`);
    }
    const copy = mkdtempSync(join(tmpdir(), 'cl-web-'));
    cpSync(WEB_DIST, copy, { recursive: true });
    return copy;
  } finally {
    await release();
  }
}

export interface BrowserApp {
  readonly baseUrl: string;
  readonly api: ApiTestApp;
  readonly browser: Browser;
  /** A desktop (or, with a viewport, phone) browser context in Chinese, on office time. */
  newContext(options?: { width?: number; height?: number }): Promise<BrowserContext>;
  /** A bearer token for a demo account, minted without the (rate-limited) log-in route. */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  return startWith({ DEMO_SEED: undefined }, async (api) => {
    const seeded = await seedDemoIfEmpty(api.app, loadConfig({ DATABASE_URL: api.sqlUrl, DEMO_SEED: 'true' }));
    if (!seeded.seeded) throw new Error(`the demo office was not seeded: ${seeded.why}`);
    const token = (username: string) => api.signIn({ username, password: 'unused: the account exists', role: 'leading_group' });
    return { token, ready: async (baseUrl) => waitForProjection(baseUrl, await token('leader')) };
  });
}

/**
 * The API on a fresh PostgreSQL database serving the built web app, and Chromium. `prepare` runs before the API
 * listens (a seed) and gives the token maker; `ready` runs once it listens (the seed projected).
 */
async function startWith(
  env: { DEMO_SEED?: string },
  prepare: (api: ApiTestApp) => Promise<{ token: (username: string) => Promise<string>; ready?: (baseUrl: string) => Promise<void> }>,
): Promise<BrowserApp> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium');
  const web = await ensureWebBuild();
  const api = await startApiTestApp({ env: { WEB_DIST: web, ...(env.DEMO_SEED === undefined ? {} : { DEMO_SEED: env.DEMO_SEED }) } });
  let browser: Browser | null = null;
  try {
    const { token, ready } = await prepare(api);
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    await ready?.(baseUrl);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const launched = browser;
    return {
      baseUrl,
      api,
      browser: launched,
      token,
      newContext: ({ width = 1366, height = 900 } = {}) =>
        launched.newContext({
          baseURL: baseUrl,
          viewport: { width, height },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          isMobile: width < 600,
          hasTouch: width < 600,
        }),
      async close() {
        await launched.close().catch(() => undefined);
        await api.close();
        rmSync(web, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await api.close();
    rmSync(web, { recursive: true, force: true });
    throw error;
  }
}

/** The read models project the seed in the background: the overview answers once the campaign is in them. */
async function waitForProjection(baseUrl: string, token: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/campaigns/${DEMO_CAMPAIGN}/overview`, { headers: { Authorization: `Bearer ${token}` } });
    if (response.ok) {
      const body = (await response.json()) as { totals?: { done?: number } };
      if ((body.totals?.done ?? 0) > 0) return;
    }
    if (Date.now() > deadline) throw new Error(`the demo campaign was not projected within 30 s (last answer ${response.status})`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function logInThroughForm(page: Page, username: string, password: string, home: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === home, { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

/** One part of a page (scrolled into view by playwright, which waits for it to be still). */
export async function screenshotOf(part: Locator, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await part.screenshot({ path, animations: 'disabled' });
  return path;
}

/** Calls the API from inside the page with the page's own session, as a script on it could. */
export function fetchFromPage(page: Page, path: string, init: { method?: string; json?: unknown; form?: Record<string, string> } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${sessionStorage.getItem('ledger.token') ?? ''}` };
      let body: BodyInit | undefined;
      if (init.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (init.form) {
        const form = new FormData();
        for (const [k, v] of Object.entries(init.form)) form.append(k, v);
        form.append('evidence', new Blob(['forged'], { type: 'text/plain' }), 'forged.txt');
        body = form;
      }
      const response = await fetch(path, { method: init.method ?? 'GET', headers, body });
      const text = await response.text();
      return { status: response.status, text };
    },
    { path, init },
  );
}

/** Write controls the pages render only for roles that may write; an auditor must meet none of them. */
export const WRITE_CONTROLS = [
  '[data-testid="complete-button"]',
  '[data-testid="reopen-button"]',
  '[data-testid="record-session"]',
  '[data-testid="make-up-button"]',
  '[data-testid^="three-ones-cell-"]',
  '[data-testid^="open-stage-"]',
  '[data-testid^="close-stage-"]',
  '[data-testid="complete-submit"]',
  '[data-testid="reopen-submit"]',
  '[data-testid="session-submit"]',
  'input[type="file"]',
].join(', ');

/**
 * A fresh installation as `DEMO_SEED=false` leaves it: the real API on an empty PostgreSQL database (no unit, no
 * account, no campaign) serving the built web app, and Chromium. `token` creates the account it names when it is not
 * there (an administrator of no unit unless told otherwise), as `ledger account create` would, and mints its token.
 */
export async function startEmptyBrowserApp(): Promise<BrowserApp> {
  return startWith({ DEMO_SEED: 'false' }, async (api) => ({
    token: (username: string) => api.signIn({ username, password: `${username}-unused-password`, role: 'administrator' }),
  }));
}

/** A page already signed in (token minted without the rate-limited log-in), in the language asked for. */
export async function signedIn(world: BrowserApp, username: string, options: { width: number; height: number; lang: 'zh' | 'en' }) {
  const context = await world.newContext({ width: options.width, height: options.height });
  const page = await context.newPage();
  const token = await world.token(username);
  const account = await (await fetch(`${world.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
  await page.goto('/login');
  await page.evaluate(
    ({ token, account, lang }) => {
      sessionStorage.setItem('ledger.token', token);
      sessionStorage.setItem('ledger.account', JSON.stringify(account));
      localStorage.setItem('ledger.lang', lang);
    },
    { token, account, lang: options.lang },
  );
  return { context, page, token };
}
