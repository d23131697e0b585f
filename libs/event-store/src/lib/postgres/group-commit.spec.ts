import { EventStoreUnavailableError } from '../errors';
import { GroupCommit, type AppendRequest, type AppendRows } from './group-commit';

const request = (streamId: string, previousRevision = -1): AppendRequest => ({
  streamId,
  key: null,
  previousRevision,
  previousHash: null,
  metadataJson: '{}',
  recordedAt: '2026-03-01T09:30:00.000Z',
  batchJson: '[]',
  events: 1,
  conditions: [],
});
const rowsFor = (r: AppendRequest): AppendRows => [{ position: '1', transaction_id: '1', revision: r.previousRevision + 1 }];

/** A fake database: statements stay open until the test releases them. */
function fakeDatabase() {
  const open: { requests: readonly AppendRequest[]; finish(error?: unknown): void }[] = [];
  const one = (r: AppendRequest) =>
    new Promise<AppendRows>((resolve, reject) => {
      open.push({ requests: [r], finish: (error) => (error ? reject(error) : resolve(rowsFor(r))) });
    });
  const many = (rs: readonly AppendRequest[]) =>
    new Promise<Map<string, AppendRows>>((resolve, reject) => {
      open.push({ requests: rs, finish: (error) => (error ? reject(error) : resolve(new Map(rs.map((r) => [r.streamId, rowsFor(r)])))) });
    });
  return { open, one, many };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends alone while a lane is free, then everything that waited in one statement, one append per stream', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.one, db.many, { lanes: 1 });
    const first = group.submit(request('a'));
    const waiting = [group.submit(request('b')), group.submit(request('c')), group.submit(request('b', 0))];
    expect(db.open.map((s) => s.requests.map((r) => r.streamId))).toEqual([['a']]);
    db.open.shift()!.finish();
    await first;
    await tick();
    expect(db.open.map((s) => s.requests.map((r) => r.streamId))).toEqual([['b', 'c']]);
    db.open.shift()!.finish();
    await tick();
    // b's second append chained to revision 0, which the first b just wrote: it is sent on its own next.
    expect(db.open.map((s) => s.requests.map((r) => `${r.streamId}@${r.previousRevision}`))).toEqual([['b@0']]);
    db.open.shift()!.finish();
    expect((await Promise.all(waiting)).map((rows) => rows[0].revision)).toEqual([0, 0, 1]);
    expect(group.stats).toEqual({ statements: 3, appends: 4, fallbacks: 0 });
  });

  it('never has two appends of one stream in flight, even with a lane free', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.one, db.many, { lanes: 2 });
    const first = group.submit(request('s', 2));
    const second = group.submit(request('s', 2));
    const other = group.submit(request('t'));
    expect(db.open.map((st) => st.requests.map((r) => r.streamId))).toEqual([['s'], ['t']]);
    db.open.shift()!.finish();
    expect((await first)[0].revision).toBe(3);
    expect(await second).toEqual([]);
    db.open.shift()!.finish();
    await other;
    await tick();
    expect(db.open).toHaveLength(0);
  });

  it('sends a large append at once, outside the lanes', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.one, db.many, { lanes: 1, largeAppend: 16 });
    void group.submit(request('small'));
    void group.submit({ ...request('large'), events: 100 });
    void group.submit({ ...request('large-2'), events: 17 });
    void group.submit(request('waits'));
    expect(db.open.map((s) => s.requests.map((r) => r.streamId))).toEqual([['small'], ['large'], ['large-2']]);
  });

  it('answers a waiting append overtaken on its stream at once, with nothing written', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.one, db.many, { lanes: 1 });
    const winner = group.submit(request('s', 4));
    const loser = group.submit(request('s', 4));
    db.open.shift()!.finish();
    expect(await winner).toEqual([{ position: '1', transaction_id: '1', revision: 5 }]);
    expect(await loser).toEqual([]);
    expect(db.open).toHaveLength(0);
  });

  it('sends each append alone when a shared statement fails, and fails them all when the database is unreachable', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.one, db.many, { lanes: 1 });
    const blocker = group.submit(request('x'));
    const pair = [group.submit(request('y')), group.submit(request('z'))];
    db.open.shift()!.finish();
    await blocker;
    await tick();
    db.open.shift()!.finish(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await tick();
    expect(db.open.map((s) => s.requests.map((r) => r.streamId))).toEqual([['y']]);
    db.open.shift()!.finish(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await tick();
    db.open.shift()!.finish();
    const settled = await Promise.allSettled(pair);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
    expect(group.stats.fallbacks).toBe(1);
    await tick();

    const blocker2 = group.submit(request('x', 0));
    const pair2 = [group.submit(request('y', 0)), group.submit(request('z', 0))];
    db.open.shift()!.finish();
    await blocker2;
    await tick();
    db.open.shift()!.finish(new EventStoreUnavailableError('postgres event store unavailable: connection terminated'));
    const down = await Promise.allSettled(pair2);
    expect(down.map((s) => (s as PromiseRejectedResult).reason)).toEqual([expect.any(EventStoreUnavailableError), expect.any(EventStoreUnavailableError)]);
    expect(db.open).toHaveLength(0);
  });
});
