// The projector in a worker thread of the API, on a real PostgreSQL: it projects what the in-process fold would, it
// is started again after a crash and takes its own lease back, it gives the lease back when stopped, and it says why
// when it cannot start.
import { ProjectorLease, projectInMemory, type CheckpointMoved } from '@campaign-ledger/projections';
import { loadConfig } from '@campaign-ledger/runtime';
import {
  appendTrickle,
  databaseTables,
  demoTestBed,
  memoryTables,
  readWholeLog,
  waitForCheckpoint,
  type ReadModelTestBed,
} from '../testing/read-model-fixtures';
import { ProjectorThread } from './projector-thread';

jest.setTimeout(90_000);

describe('the projector in a worker thread', () => {
  let bed: ReadModelTestBed;
  let thread: ProjectorThread | null = null;
  const errors: string[] = [];
  const notices: string[] = [];

  const startThread = async (owner = 'api-projector-test', databaseUrl = bed.database.url, leaseTtlMs = 5_000) => {
    const config = loadConfig({ DATABASE_URL: databaseUrl, EVENT_STORE: 'postgres', PROJECTOR: 'thread', DATA_DIR: '/tmp/cl-projector-thread-test' });
    thread = new ProjectorThread({
      config,
      owner,
      leaseTtlMs,
      poolSize: 2,
      restartDelayMs: 100,
      onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
      onNotice: (line) => notices.push(line),
    });
    const moved: CheckpointMoved[] = [];
    thread.onCheckpoint((m) => moved.push(m));
    await thread.start();
    return { thread, moved };
  };

  beforeEach(async () => {
    errors.length = 0;
    notices.length = 0;
    bed = await demoTestBed();
  });
  afterEach(async () => {
    await thread?.stop();
    thread = null;
    await bed.close();
  });

  it('projects the log into the same rows as the in-memory fold, reporting each checkpoint and its status', async () => {
    const { thread: t, moved } = await startThread();
    await waitForCheckpoint(bed.sql, bed.store);
    const log = await readWholeLog(bed.store);
    expect(await databaseTables(bed.sql)).toEqual(memoryTables(projectInMemory(log)));
    expect(moved.reduce((n, m) => n + m.applied, 0)).toBe(log.length);
    expect(moved[moved.length - 1].position).toEqual(log[log.length - 1].logPosition);
    const status = await t.status();
    expect(status).toMatchObject({ me: 'api-projector-test', state: 'active', eventsBehind: 0 });
    expect(status.lease?.owner).toBe('api-projector-test');
    expect(errors).toEqual([]);
  });

  it('killed while it works, it is started again, takes its own lease back and leaves the rows a rebuild would', async () => {
    // A lease of a minute: had the new thread to wait for the old lease to expire, it would not catch up in time.
    const { thread: t } = await startThread('api-projector-test', bed.database.url, 60_000);
    await waitForCheckpoint(bed.sql, bed.store);
    const writing = appendTrickle(bed.store, bed.today, 60);
    await new Promise((r) => setTimeout(r, 50));
    await t.kill();
    await writing;
    // Events after the kill: only a thread started again can project them.
    const reached = await appendTrickle(bed.store, bed.today, 5, { from: 60 });
    await waitForCheckpoint(bed.sql, bed.store, { reached });
    expect(t.starts).toBe(2);
    expect(notices.join('\n')).toMatch(/projector thread exited .*starting it again/);
    expect(await databaseTables(bed.sql)).toEqual(memoryTables(projectInMemory(await readWholeLog(bed.store))));
    expect((await t.status()).lease?.owner).toBe('api-projector-test');
  });

  it('gives the lease back when stopped, so that another projector can take it at once', async () => {
    const { thread: t } = await startThread();
    await waitForCheckpoint(bed.sql, bed.store);
    await t.stop();
    thread = null;
    await expect(t.status()).rejects.toThrow(/not running/);
    expect(await new ProjectorLease(bed.sql, 'next-process', 5_000).acquire()).toBe(true);
  });

  it('says why it cannot start when the database cannot be reached', async () => {
    const url = new URL(bed.database.url);
    url.pathname = '/cl_no_such_database_for_the_projector_thread';
    await expect(startThread('api-projector-test', url.toString())).rejects.toThrow(/the projector thread could not start: .*cl_no_such_database/);
    await new Promise((r) => setTimeout(r, 300));
    expect(thread?.starts).toBe(1);
    expect(notices).toEqual([]);
    await thread?.stop();
    thread = null;
  });
});
