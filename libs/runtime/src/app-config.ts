// Configuration from the environment, checked once at start-up with messages that say what to fix. Nothing else in the
// product reads process.env: every setting is here, and reaches the code that uses it as a value.
import { resolve } from 'node:path';
import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone } from '@campaign-ledger/office-time';

export type EventStoreKind = 'pglite' | 'postgres' | 'kurrentdb' | 'memory';

/**
 * Where the API process runs its projector: in a worker thread of its own (so that projecting never takes the event
 * loop from requests), or on the main thread. A thread needs a database it can reach on its own: DATABASE_URL with
 * the postgres or kurrentdb event store. The embedded database (PGlite) and the memory store live in the main thread.
 */
export type ProjectorMode = 'thread' | 'in-process';

/** Where the crash tests kill the API (LEDGER_FAULT): after claiming an Idempotency-Key, or after the commit. */
export const CRASH_POINTS = ['after-claim-before-write', 'after-commit-before-answer'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Event store backend. Default: pglite when DATABASE_URL is unset, postgres when it is set. */
  readonly eventStore: EventStoreKind;
  /** PostgreSQL for the event store (EVENT_STORE=postgres) and the read models; unset = embedded PGlite. */
  readonly databaseUrl: string | null;
  readonly kurrentDbUrl: string | null;
  /** Where the embedded database and evidence files live. */
  readonly dataDir: string;
  readonly kurrentDbTimeoutMs: number;
  /** scrypt cost for password hashes (2^15 by default; tests lower it). */
  readonly passwordHashCost: number;
  /** PROJECTOR: `thread` by default when DATABASE_URL is set with the postgres or kurrentdb store, else `in-process`. */
  readonly projector: ProjectorMode;
  /**
   * EVENT_STORE_APPEND_LANES (default 1): append statements the PostgreSQL store keeps in flight at once; appends that
   * arrive meanwhile go together in the next one (group commit). One lane suits the API, whose appends all come from
   * one busy event loop: bigger groups, less work per command (docs/benchmarks.md, issue 3). The store's own default
   * for other callers is 2.
   */
  readonly appendLanes: number;
  /** TOKEN_TTL (default 12h): how long a sign-in token lives; every token expires. */
  readonly tokenTtlSeconds: number;
  /**
   * TRUST_PROXY (default off): whom to believe about the client's address in X-Forwarded-For — `true`, a number of
   * proxy hops, or addresses / subnets (`loopback`, `10.0.0.0/8`, ...), as Express's "trust proxy" setting. The log-in
   * limit per address counts that address.
   */
  readonly trustProxy: boolean | number | string;
  /** PUBLIC_METRICS=true: /api/metrics and /api/projections/status answer without a token (default: administrators only). */
  readonly publicMetrics: boolean;
  /** JWT_SECRET (≥ 32 characters): the token-signing key; unset, one is generated once and kept in the database. */
  readonly jwtSecret: string | null;
  /** PROJECTOR_LEASE_TTL_MS (default 10 000): how long the projector's lease lasts unrenewed before another process takes over. */
  readonly projectorLeaseTtlMs: number;
  /** PROJECTOR_BATCH_INTERVAL_MS (default 50): live projector batches start at least this far apart. */
  readonly projectorBatchIntervalMs: number;
  /** READ_MODEL_POOL_SIZE: connections of the read-model queries; 4 with DATABASE_URL, else 2 (PGlite's socket is one session). */
  readonly readModelPoolSize: number;
  /** DEMO_SEED: seed the demo office into an empty store; by default only on the embedded store (no DATABASE_URL). */
  readonly demoSeed: boolean;
  /** WEB_DIST: the built web app the API serves; unset, it is looked for next to the compiled API and in dist/apps/web. */
  readonly webDist: string | null;
  /** OFFICE_TIME_ZONE (default Asia/Shanghai): the IANA zone whose calendar days campaign dates, "today" and day filters are. */
  readonly officeTimeZone: string;
  /** LEDGER_FAULT, for the crash tests only: the API kills itself at this point of a request. Never set in an installation. */
  readonly crashAt: CrashPoint | null;
}

const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const SECONDS_PER: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `12h`, `7d` → seconds; NaN when not a duration. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  return match ? Number(match[1]) * SECONDS_PER[match[2] ?? 's'] : Number.NaN;
}

function parseTrustProxy(value: string | undefined, problems: string[]): boolean | number | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  // Express's own names, IPv4 / IPv6 addresses, and subnets of them.
  const known = /^(loopback|linklocal|uniquelocal|[0-9.]+(\/\d{1,2})?|[0-9a-f:]+(\/\d{1,3})?)$/i;
  if (
    text
      .split(',')
      .map((part) => part.trim())
      .every((part) => known.test(part))
  )
    return text;
  problems.push(`TRUST_PROXY must be true, false, a number of proxy hops, or addresses/subnets separated by commas (got "${value}")`);
  return false;
}

/** An integer setting within bounds; the problem names the variable and what it may be. */
function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, unit: string, problems: string[]): number {
  const text = env[name]?.trim();
  const value = text ? Number(text) : fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer ${min}..${max}${unit ? ` (${unit})` : ''} (got "${env[name]}")`);
    return fallback;
  }
  return value;
}

function parseDemoSeed(value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined) return fallback;
  const text = value.trim().toLowerCase();
  // Empty counts as false, as it always has: an installation that blanks the variable is never seeded.
  if (text === 'true') return true;
  if (text === 'false' || text === '') return false;
  problems.push(`DEMO_SEED must be true or false (got "${value}")`);
  return false;
}

function parseCrashPoint(value: string | undefined, problems: string[]): CrashPoint | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if ((CRASH_POINTS as readonly string[]).includes(text)) return text as CrashPoint;
  problems.push(`LEDGER_FAULT (crash tests only) must be one of ${CRASH_POINTS.join(', ')} or unset (got "${value}")`);
  return null;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  readonly kind = 'validation' as const;
  constructor(problems: string[]) {
    super(`configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const kurrentDbUrl = env.KURRENTDB_URL?.trim() || null;
  const kinds: EventStoreKind[] = ['pglite', 'postgres', 'kurrentdb', 'memory'];
  const requested = (env.EVENT_STORE?.trim().toLowerCase() || (databaseUrl ? 'postgres' : 'pglite')) as EventStoreKind;
  if (!kinds.includes(requested)) problems.push(`EVENT_STORE must be one of ${kinds.join(', ')} (got "${env.EVENT_STORE}")`);
  if (requested === 'postgres' && !databaseUrl) problems.push('EVENT_STORE=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/ledger)');
  if (requested === 'kurrentdb' && !kurrentDbUrl) problems.push('EVENT_STORE=kurrentdb needs KURRENTDB_URL (e.g. kurrentdb://127.0.0.1:2113?tls=false)');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be an integer 0..65535 (got "${env.PORT}")`);
  const timeout = Number(env.KURRENTDB_TIMEOUT_MS ?? 5000);
  if (!Number.isFinite(timeout) || timeout <= 0) problems.push('KURRENTDB_TIMEOUT_MS must be a positive number of milliseconds');
  const passwordHashCost = Number(env.PASSWORD_HASH_COST ?? 2 ** 15);
  if (!Number.isInteger(Math.log2(passwordHashCost)) || passwordHashCost < 2 ** 10) problems.push('PASSWORD_HASH_COST must be a power of two ≥ 1024');
  const threadable = databaseUrl !== null && (requested === 'postgres' || requested === 'kurrentdb');
  const projector = (env.PROJECTOR?.trim().toLowerCase() || (threadable ? 'thread' : 'in-process')) as ProjectorMode;
  if (projector !== 'thread' && projector !== 'in-process') problems.push(`PROJECTOR must be thread or in-process (got "${env.PROJECTOR}")`);
  else if (projector === 'thread' && !threadable) {
    problems.push(
      'PROJECTOR=thread needs DATABASE_URL with EVENT_STORE=postgres or kurrentdb (the embedded database and the memory store live in the main thread): unset PROJECTOR or set it to in-process',
    );
  }
  const appendLanes = Number(env.EVENT_STORE_APPEND_LANES ?? 1);
  if (!Number.isInteger(appendLanes) || appendLanes < 1 || appendLanes > 16)
    problems.push(`EVENT_STORE_APPEND_LANES must be an integer 1..16 (got "${env.EVENT_STORE_APPEND_LANES}")`);
  const tokenTtlSeconds = parseDuration(env.TOKEN_TTL ?? '12h');
  if (!Number.isFinite(tokenTtlSeconds) || tokenTtlSeconds < 60 || tokenTtlSeconds > 30 * 86_400) {
    problems.push(`TOKEN_TTL must be a duration from 1m to 30d, e.g. 12h or 30m (got "${env.TOKEN_TTL}")`);
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const publicMetrics = (env.PUBLIC_METRICS ?? '').trim().toLowerCase() === 'true';
  const jwtSecret = env.JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32)
    problems.push('JWT_SECRET must be at least 32 characters (or unset it: a key is then generated and kept in the database)');
  const projectorLeaseTtlMs = integerSetting(env, 'PROJECTOR_LEASE_TTL_MS', 10_000, 1_000, 3_600_000, 'milliseconds', problems);
  const projectorBatchIntervalMs = integerSetting(env, 'PROJECTOR_BATCH_INTERVAL_MS', 50, 0, 60_000, 'milliseconds', problems);
  // The embedded PGlite socket is one shared session: a small pool is all it can use.
  const readModelPoolSize = integerSetting(env, 'READ_MODEL_POOL_SIZE', databaseUrl ? 4 : 2, 1, 100, 'connections', problems);
  const demoSeed = parseDemoSeed(env.DEMO_SEED, databaseUrl === null, problems);
  const officeTimeZone = env.OFFICE_TIME_ZONE?.trim() || DEFAULT_OFFICE_TIME_ZONE;
  if (!isTimeZone(officeTimeZone))
    problems.push(`OFFICE_TIME_ZONE must be an IANA time zone name such as Asia/Shanghai or Europe/Berlin (got "${env.OFFICE_TIME_ZONE}")`);
  const crashAt = parseCrashPoint(env.LEDGER_FAULT, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    eventStore: requested,
    databaseUrl,
    kurrentDbUrl,
    dataDir: resolve(env.DATA_DIR?.trim() || '.data'),
    kurrentDbTimeoutMs: timeout,
    passwordHashCost,
    projector,
    appendLanes,
    tokenTtlSeconds,
    trustProxy,
    publicMetrics,
    jwtSecret,
    projectorLeaseTtlMs,
    projectorBatchIntervalMs,
    readModelPoolSize,
    demoSeed,
    webDist: env.WEB_DIST?.trim() ? resolve(env.WEB_DIST.trim()) : null,
    officeTimeZone,
    crashAt,
  };
}
