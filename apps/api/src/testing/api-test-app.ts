// Starts the real API over HTTP on a fresh PostgreSQL database (or the embedded default), with accounts for every role.
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { AccountsService } from '../auth/accounts.service';
import { TokenIssuer } from '../auth/token-issuer';
import { createApp } from '../bootstrap';
import { loadConfig, type Storage } from '@campaign-ledger/runtime';
import { STORAGE } from '../infrastructure/tokens';

export interface TestAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly branchId?: string;
  /** Default: the test app's unit for every role but an administrator, who is installation-wide. */
  readonly unitId?: string | null;
}

export interface ApiTestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  /** The PostgreSQL database of a 'postgres' app; null on the embedded default. */
  readonly database: TestDatabase | null;
  /** Where the app's tables are (its database, or the embedded server's socket): for a test's own SQL. */
  readonly sqlUrl: string;
  readonly backend: TestBackend;
  readonly dataDir: string;
  /** Creates an account directly (as the system) and returns a bearer token for it. */
  signIn(account: TestAccount): Promise<string>;
  close(): Promise<void>;
}

/** `postgres`: a fresh database on the test server; `embedded`: the default `npm start` runs (PGlite in a temp DATA_DIR). */
export type TestBackend = 'postgres' | 'embedded';

export interface ApiTestAppOptions {
  readonly backend?: TestBackend;
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
  /** The unit accounts belong to when `signIn` names none (administrators excepted). */
  readonly unitId?: string;
}

export async function startApiTestApp(options: ApiTestAppOptions = {}): Promise<ApiTestApp> {
  const backend = options.backend ?? 'postgres';
  const database = backend === 'postgres' ? await createTestDatabase('cl_api') : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-api-'));
  const where = database ? { DATABASE_URL: database.url, EVENT_STORE: 'postgres' } : {};
  const config = loadConfig({
    ...where,
    DATA_DIR: dataDir,
    PORT: '0',
    PASSWORD_HASH_COST: '1024',
    JWT_SECRET: 'test-secret-test-secret-test-secret-42',
    // The projector on the main thread, where a test's clock reaches it; the thread mode has suites of its own.
    // API_TEST_PROJECTOR=thread runs every API suite with the projector in its worker thread, as production does.
    PROJECTOR: database ? (process.env.API_TEST_PROJECTOR ?? 'in-process') : 'in-process',
    ...options.env,
  });
  const app = await createApp(config, options.clock);
  await app.init();
  const http = request(app.getHttpServer());
  const accounts = app.get(AccountsService);
  const tokens = app.get(TokenIssuer);
  const created = new Set<string>();
  return {
    app,
    http,
    database,
    sqlUrl: database?.url ?? app.get<Storage>(STORAGE).readModelUrl,
    backend,
    dataDir,
    async signIn(account) {
      if (!created.has(account.username)) {
        const existing = await accounts.findByUsername(account.username);
        if (!existing) {
          const unitId = account.unitId !== undefined ? account.unitId : account.role === 'administrator' ? null : (options.unitId ?? 'U1');
          await accounts.execute(
            {
              type: 'CreateAccount',
              data: {
                accountId: `acc-${account.username}`,
                username: account.username,
                displayName: account.username,
                role: account.role,
                unitId,
                branchId: account.branchId ?? null,
              },
            },
            { actor: { id: 'system', role: 'system' } },
            { password: account.password },
          );
        }
        created.add(account.username);
      }
      // Tokens are minted as the log-in route does, so that suites do not trip its rate limit (tested on its own).
      const signedIn = await accounts.findByUsername(account.username);
      if (!signedIn) throw new Error(`no account ${account.username}`);
      return tokens.issue(signedIn);
    },
    async close() {
      await app.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
