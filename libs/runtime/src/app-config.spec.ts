import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded PGlite store in ./.data on port 3000', () => {
    const config = loadConfig({});
    expect(config.eventStore).toBe('pglite');
    expect(config.databaseUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.dataDir.endsWith('.data')).toBe(true);
  });

  it('uses PostgreSQL for events when DATABASE_URL is set and EVENT_STORE is not', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ledger' }).eventStore).toBe('postgres');
  });

  it('says what to fix for every bad setting at once', () => {
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ EVENT_STORE: 'kurrentdb', PORT: 'eighty' });
    } catch (error) {
      expect((error as Error).message).toContain('KURRENTDB_URL');
      expect((error as Error).message).toContain('PORT must be an integer');
    }
    expect(() => loadConfig({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE must be one of/);
  });

  it('projects in a worker thread when the database is a server, on the main thread otherwise', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/ledger';
    expect(loadConfig({}).projector).toBe('in-process');
    expect(loadConfig({ EVENT_STORE: 'memory' }).projector).toBe('in-process');
    expect(loadConfig({ DATABASE_URL: url }).projector).toBe('thread');
    expect(loadConfig({ DATABASE_URL: url, PROJECTOR: 'in-process' }).projector).toBe('in-process');
    expect(() => loadConfig({ PROJECTOR: 'thread' })).toThrow(/PROJECTOR=thread needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: url, PROJECTOR: 'fork' })).toThrow(/PROJECTOR must be thread or in-process/);
  });

  it('keeps one append statement in flight by default, and says what to fix in EVENT_STORE_APPEND_LANES', () => {
    expect(loadConfig({}).appendLanes).toBe(1);
    expect(loadConfig({ EVENT_STORE_APPEND_LANES: '2' }).appendLanes).toBe(2);
    expect(() => loadConfig({ EVENT_STORE_APPEND_LANES: '0' })).toThrow(/EVENT_STORE_APPEND_LANES must be an integer 1..16/);
  });

  it('lets every token expire (TOKEN_TTL, default 12 h) and says what to fix', () => {
    expect(loadConfig({}).tokenTtlSeconds).toBe(12 * 3600);
    expect(loadConfig({ TOKEN_TTL: '30m' }).tokenTtlSeconds).toBe(1800);
    expect(() => loadConfig({ TOKEN_TTL: 'forever' })).toThrow(/TOKEN_TTL must be a duration/);
    expect(() => loadConfig({ TOKEN_TTL: '90d' })).toThrow(/TOKEN_TTL must be a duration/);
  });

  it('believes X-Forwarded-For only when TRUST_PROXY says so', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'a;b' })).toThrow(/TRUST_PROXY must be/);
    expect(() => loadConfig({ TRUST_PROXY: 'bogus' })).toThrow(/TRUST_PROXY must be/);
    expect(loadConfig({ TRUST_PROXY: '::1, 192.168.0.0/16' }).trustProxy).toBe('::1, 192.168.0.0/16');
  });

  it('reads the projector and read-model settings as integers in range, and says what to fix', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/ledger';
    expect(loadConfig({})).toMatchObject({ projectorLeaseTtlMs: 10_000, projectorBatchIntervalMs: 50, readModelPoolSize: 2 });
    expect(loadConfig({ DATABASE_URL: url }).readModelPoolSize).toBe(4);
    expect(loadConfig({ PROJECTOR_LEASE_TTL_MS: '30000', PROJECTOR_BATCH_INTERVAL_MS: '0', READ_MODEL_POOL_SIZE: '8' })).toMatchObject({
      projectorLeaseTtlMs: 30_000,
      projectorBatchIntervalMs: 0,
      readModelPoolSize: 8,
    });
    expect(() => loadConfig({ PROJECTOR_LEASE_TTL_MS: '10s' })).toThrow(
      /PROJECTOR_LEASE_TTL_MS must be an integer 1000..3600000 \(milliseconds\) \(got "10s"\)/,
    );
    expect(() => loadConfig({ PROJECTOR_BATCH_INTERVAL_MS: '-1' })).toThrow(/PROJECTOR_BATCH_INTERVAL_MS must be an integer 0..60000/);
    expect(() => loadConfig({ READ_MODEL_POOL_SIZE: '0' })).toThrow(/READ_MODEL_POOL_SIZE must be an integer 1..100/);
    expect(() => loadConfig({ READ_MODEL_POOL_SIZE: 'many' })).toThrow(ConfigError);
  });

  it('seeds the demo office by default only on the embedded store (DEMO_SEED), and refuses anything but true or false', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/ledger';
    expect(loadConfig({}).demoSeed).toBe(true);
    expect(loadConfig({ DATABASE_URL: url }).demoSeed).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO_SEED: 'true' }).demoSeed).toBe(true);
    expect(loadConfig({ DEMO_SEED: 'false' }).demoSeed).toBe(false);
    expect(loadConfig({ DEMO_SEED: '' }).demoSeed).toBe(false);
    expect(() => loadConfig({ DEMO_SEED: 'yes' })).toThrow(/DEMO_SEED must be true or false \(got "yes"\)/);
  });

  it('keeps office days in Asia/Shanghai unless OFFICE_TIME_ZONE names another IANA zone', () => {
    expect(loadConfig({}).officeTimeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ OFFICE_TIME_ZONE: 'Europe/Berlin' }).officeTimeZone).toBe('Europe/Berlin');
    expect(() => loadConfig({ OFFICE_TIME_ZONE: 'Beijing' })).toThrow(/OFFICE_TIME_ZONE must be an IANA time zone name .* \(got "Beijing"\)/);
    expect(() => loadConfig({ OFFICE_TIME_ZONE: '+08:00' })).toThrow(/OFFICE_TIME_ZONE/);
  });

  it('serves the web app from WEB_DIST when set', () => {
    expect(loadConfig({}).webDist).toBeNull();
    expect(loadConfig({ WEB_DIST: '/srv/ledger/web' }).webDist).toBe('/srv/ledger/web');
  });

  it('arms a crash point only for the crash tests (LEDGER_FAULT), and only a known one', () => {
    expect(loadConfig({}).crashAt).toBeNull();
    expect(loadConfig({ LEDGER_FAULT: 'after-commit-before-answer' }).crashAt).toBe('after-commit-before-answer');
    expect(() => loadConfig({ LEDGER_FAULT: 'after-commit' })).toThrow(
      /LEDGER_FAULT \(crash tests only\) must be one of after-claim-before-write, after-commit-before-answer/,
    );
  });
});
