// The adapter's own logic (envelope, chain, races, idempotency records, $all filtering) over a fake client.
import { jsonEvent } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, IdempotencyKeyReusedError, InvalidAppendError } from '../errors';
import { InMemoryEventStore } from '../memory/in-memory-event-store';
import type { AppendOptions, Clock, RecordedEvent } from '../types';
import { FakeKurrentDbClient } from './fake-kurrentdb-client.testing';
import { KurrentDbEventStore, idempotencyStreamId } from './kurrentdb-event-store';
import { StreamHeadCache } from './stream-head-cache';

const clock: Clock = { now: () => new Date('2026-11-24T10:00:00.000Z') };
const by = (expectedRevision: AppendOptions['expectedRevision'], extra: Partial<AppendOptions> = {}): AppendOptions => ({
  expectedRevision,
  metadata: { actor: { id: 'u-1', role: 'organiser' }, correlationId: 'c-1', reason: 'test' },
  ...extra,
});

describe('KurrentDbEventStore (fake client)', () => {
  let fake: FakeKurrentDbClient;
  let store: KurrentDbEventStore;

  beforeEach(() => {
    fake = new FakeKurrentDbClient();
    store = new KurrentDbEventStore(fake.asClient(), clock, { timeoutMs: 1000 });
  });

  afterEach(() => store.close());

  it('stores our envelope and reads back events whose chain verifies', async () => {
    const first = await store.append(
      'campaign-1',
      [
        { type: 'CampaignOpened', data: { name: 'A' } },
        { type: 'Noted', data: null },
      ],
      by('no_stream'),
    );
    await store.append('campaign-1', [{ type: 'Noted', data: 'text', schemaVersion: 2 }], by(1));
    expect(first).toMatchObject({ streamId: 'campaign-1', firstRevision: 0, nextRevision: 1, replayed: false });

    const stored = fake.log[0];
    expect(stored.id).toBe(first.eventIds[0]);
    expect(stored.metadata).toMatchObject({ schemaVersion: 1, revision: 0, previousHash: null, $correlationId: 'c-1' });

    const events = await store.readStream('campaign-1');
    expect(events.map((event) => [event.revision, event.type, event.data])).toEqual([
      [0, 'CampaignOpened', { name: 'A' }],
      [1, 'Noted', null],
      [2, 'Noted', 'text'],
    ]);
    expect(events[0].metadata).toEqual({
      actor: { id: 'u-1', role: 'organiser' },
      occurredAt: '2026-11-24T10:00:00.000Z',
      correlationId: 'c-1',
      causationId: null,
      reason: 'test',
      recordedAt: '2026-11-24T10:00:00.000Z',
    });
    // The sealed instant, not the server's own `created`.
    expect(events.map((event) => event.recordedAt.toISOString())).toEqual(Array(3).fill('2026-11-24T10:00:00.000Z'));
    expect(fake.log[0].created.toISOString()).not.toBe('2026-11-24T10:00:00.000Z');
    expect(events[2].schemaVersion).toBe(2);
    expect(events[1].previousHash).toBe(events[0].hash);
    expect(events[0].globalPosition).toBe(events[0].logPosition.prepare);
    await expect(store.verifyStream('campaign-1')).resolves.toMatchObject({ ok: true, checked: 3, lastHash: events[2].hash });
    await expect(store.streamHead('campaign-1')).resolves.toEqual({ revision: 2, hash: events[2].hash });
  });

  it("reports the server's time for an event written before recording times were sealed, and verifies it as before", async () => {
    const { hashEvent } = await import('../hashing');
    const metadata = { actor: { id: 'u-1', role: 'organiser' }, occurredAt: '2025-01-01T00:00:00.000Z', correlationId: 'c-0', causationId: null };
    const legacy = {
      id: '01900000-0000-7000-8000-000000000001',
      streamId: 'old',
      revision: 0,
      type: 'Noted',
      schemaVersion: 1,
      data: { n: 1 },
      metadata,
      previousHash: null,
    };
    await fake.asClient().appendToStream(
      'old',
      jsonEvent({
        id: legacy.id,
        type: legacy.type,
        data: legacy.data,
        metadata: { ...metadata, schemaVersion: 1, revision: 0, previousHash: null, hash: hashEvent(legacy), $correlationId: 'c-0' },
      }),
    );
    const [event] = await store.readStream('old');
    expect(event.metadata).toEqual(metadata);
    expect(event.recordedAt).toEqual(fake.log[0].created);
    await expect(store.verifyStream('old')).resolves.toMatchObject({ ok: true, checked: 1 });
  });

  it('computes the same hashes as the in-memory backend for the same events', async () => {
    const memory = new InMemoryEventStore(clock);
    const appended = await store.append('s', [{ type: 'A', data: { x: 1 } }], by('no_stream'));
    const [ours] = await store.readStream('s');
    // Same ids are needed for the same hash: replay the stored event through the in-memory chain by hand.
    const { hashEvent } = await import('../hashing');
    expect(hashEvent({ ...ours, previousHash: null })).toBe(ours.hash);
    await memory.append('s', [{ type: 'A', data: { x: 1 } }], by('no_stream'));
    const [theirs] = await memory.readStream('s');
    expect(hashEvent({ ...theirs, id: appended.eventIds[0] })).toBe(ours.hash);
  });

  it('maps a wrong expected revision to ConcurrencyError', async () => {
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    await expect(store.append('s', [{ type: 'A', data: {} }], by('no_stream'))).rejects.toMatchObject({
      constructor: ConcurrencyError,
      actual: 0,
    });
    await expect(store.append('s', [{ type: 'A', data: {} }], by(5))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('other', [{ type: 'A', data: {} }], by('exists'))).rejects.toMatchObject({ actual: 'no_stream' });
  });

  it('detects a stale cached head through the server and reports the conflict', async () => {
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    // Another process appends: our cache still says revision 0.
    const other = new KurrentDbEventStore(fake.asClient(), clock);
    await other.append('s', [{ type: 'B', data: {} }], by(0));
    await expect(store.append('s', [{ type: 'C', data: {} }], by(0))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.verifyStream('s')).resolves.toMatchObject({ ok: true, checked: 2 });
  });

  it('skips the head read when the cache holds the expected revision', async () => {
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    fake.calls = [];
    await store.append('s', [{ type: 'B', data: {} }], by(0));
    expect(fake.calls).toEqual(['append s']);
  });

  it('retries an `any` append that loses a race, keeping its event ids and the chain intact', async () => {
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    const other = new KurrentDbEventStore(fake.asClient(), clock);
    fake.beforeAppend = async () => {
      await other.append('s', [{ type: 'Sneaky', data: {} }], by(0));
    };
    const result = await store.append('s', [{ type: 'Mine', data: {} }], by('any'));
    expect(result).toMatchObject({ firstRevision: 2, nextRevision: 2 });
    const events = await store.readStream('s');
    expect(events.map((event) => event.type)).toEqual(['A', 'Sneaky', 'Mine']);
    expect(events[2].id).toBe(result.eventIds[0]);
    await expect(store.verifyStream('s')).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  it('does not retry a numeric expected revision that loses a race', async () => {
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    const other = new KurrentDbEventStore(fake.asClient(), clock);
    fake.beforeAppend = async () => {
      await other.append('s', [{ type: 'Sneaky', data: {} }], by(0));
    };
    await expect(store.append('s', [{ type: 'Mine', data: {} }], by(0))).rejects.toMatchObject({ constructor: ConcurrencyError, actual: 1 });
  });

  it('reserves the idempotency record streams', async () => {
    await expect(store.append('idempotency-x', [{ type: 'A', data: {} }], by('any'))).rejects.toBeInstanceOf(InvalidAppendError);
  });

  describe('idempotency', () => {
    it('returns the first result with replayed: true and writes nothing more', async () => {
      const first = await store.append('s', [{ type: 'A', data: {} }], by('no_stream', { idempotencyKey: 'k' }));
      const again = await store.append('s', [{ type: 'A', data: {} }], by('no_stream', { idempotencyKey: 'k' }));
      expect(again).toEqual({ ...first, replayed: true });
      expect((await store.readStream('s')).length).toBe(1);
      const records = fake.log.filter((event) => event.streamId === idempotencyStreamId('k')).map((event) => event.type);
      expect(records).toEqual(['IdempotencyPending', 'IdempotencyCompleted']);
      const [event] = await store.readStream('s');
      expect(event.metadata.idempotencyKey).toBe('k');
    });

    it('refuses the same key on another stream', async () => {
      await store.append('s', [{ type: 'A', data: {} }], by('any', { idempotencyKey: 'k' }));
      await expect(store.append('t', [{ type: 'A', data: {} }], by('any', { idempotencyKey: 'k' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('completes a record left pending by an append that happened (crash before "completed")', async () => {
      const eventId = '0190b5a0-0000-7000-8000-000000000001';
      const recordStream = idempotencyStreamId('k');
      await fake.appendToStream(
        recordStream,
        jsonEvent({
          type: 'IdempotencyPending',
          data: { kind: 'pending', streamId: 's', expectedRevision: 'no_stream', headRevision: -1, eventIds: [eventId] },
        }),
      );
      await fake.appendToStream('s', jsonEvent({ id: eventId, type: 'A', data: {}, metadata: { hash: 'h', revision: 0 } }));

      const result = await store.append('s', [{ type: 'A', data: {} }], by('no_stream', { idempotencyKey: 'k' }));
      expect(result).toMatchObject({ replayed: true, firstRevision: 0, nextRevision: 0, eventIds: [eventId] });
      expect((await store.readStream('s')).length).toBe(1);
      expect(fake.log.filter((event) => event.streamId === recordStream).map((event) => event.type)).toEqual(['IdempotencyPending', 'IdempotencyCompleted']);
    });

    it('appends afresh when the pending append never happened (crash before the events)', async () => {
      const recordStream = idempotencyStreamId('k');
      await fake.appendToStream(
        recordStream,
        jsonEvent({
          type: 'IdempotencyPending',
          data: { kind: 'pending', streamId: 's', expectedRevision: 'no_stream', headRevision: -1, eventIds: ['0190b5a0-0000-7000-8000-000000000009'] },
        }),
      );
      const result = await store.append('s', [{ type: 'A', data: {} }], by('no_stream', { idempotencyKey: 'k' }));
      expect(result).toMatchObject({ replayed: false, firstRevision: 0 });
      const again = await store.append('s', [{ type: 'A', data: {} }], by('no_stream', { idempotencyKey: 'k' }));
      expect(again).toEqual({ ...result, replayed: true });
      await expect(store.verifyStream('s')).resolves.toMatchObject({ ok: true, checked: 1 });
    });

    it('writes once when two writers race with the same key', async () => {
      const other = new KurrentDbEventStore(fake.asClient(), clock);
      await store.append('s', [{ type: 'Start', data: {} }], by('no_stream'));
      let otherResult: Awaited<ReturnType<typeof other.append>> | undefined;
      // Our pending record is written; before our events land, the other writer runs with the same key.
      fake.beforeAppend = async (streamName) => {
        if (streamName !== 's') {
          fake.beforeAppend = async (inner) => {
            if (inner === 's') otherResult = await other.append('s', [{ type: 'Pay', data: {} }], by('any', { idempotencyKey: 'k' }));
          };
        }
      };
      const ours = await store.append('s', [{ type: 'Pay', data: {} }], by('any', { idempotencyKey: 'k' }));
      const types = (await store.readStream('s')).map((event) => event.type);
      expect(types).toEqual(['Start', 'Pay']);
      expect(otherResult).toBeDefined();
      expect([ours.replayed, otherResult?.replayed].sort()).toEqual([false, true]);
      expect(ours.eventIds).toEqual(otherResult?.eventIds);
    });
  });

  describe('$all', () => {
    async function seed() {
      await store.append(
        'a',
        [
          { type: 'A1', data: {} },
          { type: 'A2', data: {} },
        ],
        by('no_stream', { idempotencyKey: 'key-a' }),
      );
      await fake.appendToStream('$system', jsonEvent({ type: 'Sys', data: {} }));
      await fake.appendToStream('x', jsonEvent({ type: '$metadata', data: {} }));
      await fake.appendToStream('foreign', jsonEvent({ type: 'NotOurs', data: {} }));
      await store.append('b', [{ type: 'B1', data: {} }], by('no_stream'));
    }

    it('readAll hides system events, idempotency records and foreign events, from an exclusive position', async () => {
      await seed();
      const all = await store.readAll();
      expect(all.map((event) => event.type)).toEqual(['A1', 'A2', 'B1']);
      const after = await store.readAll({ from: all[0].logPosition });
      expect(after.map((event) => event.type)).toEqual(['A2', 'B1']);
      expect((await store.readAll({ from: all[0].logPosition, maxCount: 1 })).map((event) => event.type)).toEqual(['A2']);
      expect(await store.readAll({ from: all[2].logPosition })).toEqual([]);
    });

    it('readAll keeps paging past hidden events to fill maxCount', async () => {
      const small = new KurrentDbEventStore(fake.asClient(), clock, { readAllPageSize: 1 });
      await seed();
      expect((await small.readAll({ maxCount: 3 })).map((event) => event.type)).toEqual(['A1', 'A2', 'B1']);
    });

    it('subscribeToAll delivers in order, in batches, one batch at a time, then live; stop() ends it', async () => {
      await seed();
      const seen: string[] = [];
      let inFlight = 0;
      let overlapped = false;
      const subscription = store.subscribeToAll({
        batchSize: 2,
        onEvents: async (events: readonly RecordedEvent[]) => {
          inFlight += 1;
          if (inFlight > 1) overlapped = true;
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(...events.map((event) => event.type));
          inFlight -= 1;
        },
      });
      await waitFor(() => seen.length === 3);
      await store.append('b', [{ type: 'B2', data: {} }], by(0));
      await waitFor(() => seen.length === 4);
      expect(seen).toEqual(['A1', 'A2', 'B1', 'B2']);
      expect(overlapped).toBe(false);
      const last = (await store.readStream('b')).at(-1) as RecordedEvent;
      expect(subscription.position).toEqual(last.logPosition);
      await waitFor(() => subscription.caughtUp);
      await subscription.stop();
      await subscription.finished;
    });

    it('subscribeToAll resumes after a checkpoint and reports a failing handler to onError', async () => {
      await seed();
      const [, second] = await store.readAll();
      const onError = jest.fn();
      const subscription = store.subscribeToAll({
        from: second.logPosition,
        onEvents: async (events) => {
          expect(events.map((event) => event.type)).toEqual(['B1']);
          throw new Error('handler failed');
        },
        onError,
      });
      await subscription.finished;
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'handler failed' }));
    });
  });

  it('status reports the head of $all', async () => {
    await expect(store.status()).resolves.toMatchObject({ backend: 'kurrentdb', ok: true, detail: 'connected; $all is empty' });
    await store.append('s', [{ type: 'A', data: {} }], by('no_stream'));
    await expect(store.status()).resolves.toMatchObject({ ok: true, detail: expect.stringMatching(/^connected; \$all at \d+\/\d+$/) });
  });

  it('reads a missing stream as empty', async () => {
    await expect(store.readStream('nope')).resolves.toEqual([]);
    await expect(store.streamHead('nope')).resolves.toBeNull();
    await expect(store.verifyStream('nope')).resolves.toMatchObject({ ok: true, checked: 0 });
  });

  it('reads backwards and from a revision', async () => {
    await store.append(
      's',
      [0, 1, 2, 3].map((n) => ({ type: 'N', data: { n } })),
      by('no_stream'),
    );
    const revisions = (events: RecordedEvent[]) => events.map((event) => event.revision);
    expect(revisions(await store.readStream('s', { direction: 'backwards' }))).toEqual([3, 2, 1, 0]);
    expect(revisions(await store.readStream('s', { direction: 'backwards', fromRevision: 2, maxCount: 2 }))).toEqual([2, 1]);
    expect(revisions(await store.readStream('s', { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
    expect(await store.readStream('s', { maxCount: 0 })).toEqual([]);
  });
});

describe('StreamHeadCache', () => {
  it('evicts the least recently used head and never goes back in revision', () => {
    const cache = new StreamHeadCache(2);
    cache.set('a', { revision: 1, hash: 'a1' });
    cache.set('b', { revision: 1, hash: 'b1' });
    cache.get('a');
    cache.set('c', { revision: 0, hash: 'c0' });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ revision: 1, hash: 'a1' });
    cache.set('a', { revision: 0, hash: 'a0' });
    expect(cache.get('a')).toEqual({ revision: 1, hash: 'a1' });
    expect(cache.size).toBe(2);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
