// Starts the real API over HTTP on a fresh PostgreSQL database, with accounts for every role.
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
import { loadConfig } from '@campaign-ledger/runtime';

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
  readonly database: TestDatabase;
  readonly dataDir: string;
  /** Creates an account directly (as the system) and returns a bearer token for it. */
  signIn(account: TestAccount): Promise<string>;
  close(): Promise<void>;
}

export interface ApiTestAppOptions {
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
  /** The unit accounts belong to when `signIn` names none (administrators excepted). */
  readonly unitId?: string;
}

export async function startApiTestApp(options: ApiTestAppOptions = {}): Promise<ApiTestApp> {
  const database = await createTestDatabase('cl_api');
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-api-'));
  const config = loadConfig({
    DATABASE_URL: database.url, EVENT_STORE: 'postgres', DATA_DIR: dataDir, PORT: '0', PASSWORD_HASH_COST: '1024',
    JWT_SECRET: 'test-secret-test-secret-test-secret-42',
    // The projector on the main thread, where a test's clock reaches it; the thread mode has suites of its own.
    // API_TEST_PROJECTOR=thread runs every API suite with the projector in its worker thread, as production does.
    PROJECTOR: process.env.API_TEST_PROJECTOR ?? 'in-process', ...options.env,
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
                accountId: `acc-${account.username}`, username: account.username, displayName: account.username, role: account.role,
                unitId, branchId: account.branchId ?? null,
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
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
