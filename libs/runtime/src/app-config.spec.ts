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
});
