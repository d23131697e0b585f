// The one behaviour every EventStore adapter must show; each adapter's spec runs it with its own harness.
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, IdempotencyKeyReusedError, InvalidAppendError } from '../lib/errors';
import { comparePositions, formatPosition, parsePosition } from '../lib/position';
import { readStreams, type AppendOptions, type EventStore, type ExpectedRevision, type LogPosition, type RecordedEvent, type Subscription } from '../lib/types';

export interface ContractHarness {
  store: EventStore;
  /** Changes one stored event's data behind the store's back (raw SQL); absent when the backend cannot (KurrentDB). */
  tamper?: (streamId: string, revision: number) => Promise<void>;
  /** Changes one stored event's recording time (not its metadata) behind the store's back; absent when the backend cannot. */
  tamperRecordedAt?: (streamId: string, revision: number, recordedAt: Date) => Promise<void>;
  /** Appends one event inside a transaction that stays open until the returned release() is called (PostgreSQL only): proves the subscriber does not skip a late commit. */
  appendHeldOpen?: (streamId: string, type: string) => Promise<{ release(): Promise<void> }>;
  /** A second store instance on the same backend (for restart-from-checkpoint tests); optional. */
  reopen?: () => Promise<EventStore>;
  close(): Promise<void>;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const actor = { id: 'user-1', role: 'administrator' };
const metadata = { actor };

/** The clock the harness must give the store: events record this instant as occurredAt and as recordedAt (sealed). */
export const CONTRACT_CLOCK_INSTANT = '2026-03-01T09:30:00.000Z';
export const contractClock = { now: () => new Date(CONTRACT_CLOCK_INSTANT) };

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collects a run's events (by stream prefix) from a live subscription. */
function follow(store: EventStore, prefix: string, from: LogPosition | null = null, batchSize?: number) {
  const seen: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription: Subscription = store.subscribeToAll({
    from,
    batchSize,
    onEvents: async (events) => {
      seen.push(...events.filter((event) => event.streamId.startsWith(prefix)));
    },
    onError: (error) => errors.push(error),
  });
  return { seen, errors, subscription };
}

function expectOrderedPerStream(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(comparePositions(events[i - 1].logPosition, events[i].logPosition)).toBe(-1);
  const last = new Map<string, number>();
  for (const event of events) {
    expect(event.revision).toBe((last.get(event.streamId) ?? -1) + 1);
    last.set(event.streamId, event.revision);
  }
}

export function describeEventStoreContract(name: string, createHarness: () => Promise<ContractHarness>): void {
  describe(`${name} (event-store contract)`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    const run = `c${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
    let streamCount = 0;
    const newStream = (label = 's') => `${run}-${label}-${++streamCount}`;
    const append = (streamId: string, count: number, options: Partial<AppendOptions> = {}) =>
      store.append(
        streamId,
        Array.from({ length: count }, (_, i) => ({ type: 'ThingHappened', data: { n: i, text: `event ${i}` } })),
        { expectedRevision: 'any', metadata, ...options },
      );
    // The log may hold back events while unrelated transactions run (PostgreSQL's xmin rule): a sentinel appended
    // now becomes visible only after every event committed before it.
    const runEvents = async (prefix: string) => {
      const sentinel = await store.append(`sentinel-${run}`, [{ type: 'Sentinel', data: null }], { expectedRevision: 'any', metadata });
      for (const deadline = Date.now() + 10_000; ;) {
        const log = await store.readAll();
        if (log.some((event) => event.id === sentinel.eventIds[0])) return log.filter((event) => event.streamId.startsWith(prefix));
        if (Date.now() > deadline) throw new Error('timed out waiting for the log to show the sentinel');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    beforeAll(async () => {
      harness = await createHarness();
      store = harness.store;
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
    }, 60_000);

    it('appends and reads a stream forwards and backwards, and the log in append order', async () => {
      const a = newStream();
      const b = newStream();
      await append(a, 3, { expectedRevision: 'no_stream' });
      await append(b, 2, { expectedRevision: 'no_stream' });
      await append(a, 2, { expectedRevision: 2 });

      const forwards = await store.readStream(a);
      expect(forwards.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(forwards.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 0, 1]);
      expect((await store.readStream(a, { fromRevision: 2, maxCount: 2 })).map((e) => e.revision)).toEqual([2, 3]);
      expect((await store.readStream(a, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
      expect((await store.readStream(a, { direction: 'backwards', fromRevision: 3, maxCount: 2 })).map((e) => e.revision)).toEqual([3, 2]);
      expect(await store.readStream(newStream('missing'))).toEqual([]);

      const log = (await runEvents(run)).filter((e) => e.streamId === a || e.streamId === b);
      expect(log.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'a3', 'a4']);
      for (let i = 1; i < log.length; i++) expect(comparePositions(log[i - 1].logPosition, log[i].logPosition)).toBe(-1);

      const all = await store.readAll();
      const i = all.findIndex((e) => e.id === log[2].id);
      const page = await store.readAll({ from: all[i].logPosition, maxCount: 2 });
      expect(page.map((e) => e.id)).toEqual(all.slice(i + 1, i + 3).map((e) => e.id));
      expect(await store.streamHead(a)).toEqual({ revision: 4, hash: forwards[4].hash });
      expect(await store.streamHead(newStream('missing'))).toBeNull();
    });

    it('reads several streams from their own revisions at once, each exactly as readStream does', async () => {
      const a = newStream();
      const b = newStream();
      const missing = newStream('missing');
      await append(a, 4, { expectedRevision: 'no_stream' });
      await append(b, 2, { expectedRevision: 'no_stream' });
      const read = await readStreams(store, [
        { streamId: a, fromRevision: 2 },
        { streamId: b, fromRevision: 0 },
        { streamId: missing, fromRevision: 0 },
      ]);
      expect([...read.keys()].sort()).toEqual([a, b, missing].sort());
      expect(read.get(a)).toEqual(await store.readStream(a, { fromRevision: 2 }));
      expect(read.get(b)).toEqual(await store.readStream(b));
      expect(read.get(missing)).toEqual([]);
      expect((await readStreams(store, [{ streamId: b, fromRevision: 2 }])).get(b)).toEqual([]);
    });

    describe('expected revision', () => {
      const refused = async (streamId: string, expectedRevision: ExpectedRevision) => {
        const before = await store.readStream(streamId);
        const logBefore = (await runEvents(run)).length;
        const error = await append(streamId, 2, { expectedRevision }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect((error as ConcurrencyError).streamId).toBe(streamId);
        expect(await store.readStream(streamId)).toEqual(before);
        expect((await runEvents(run)).length).toBe(logBefore);
        return error as ConcurrencyError;
      };

      it('no_stream: accepted on a new stream, refused on an existing one', async () => {
        const s = newStream();
        expect((await append(s, 1, { expectedRevision: 'no_stream' })).nextRevision).toBe(0);
        expect((await refused(s, 'no_stream')).actual).toBe(0);
      });

      it('exists: accepted on an existing stream, refused on a new one', async () => {
        const s = newStream();
        expect((await refused(s, 'exists')).actual).toBe('no_stream');
        await append(s, 1, { expectedRevision: 'no_stream' });
        const result = await append(s, 2, { expectedRevision: 'exists' });
        expect([result.firstRevision, result.nextRevision]).toEqual([1, 2]);
      });

      it('a number: accepted at the head, refused when stale, ahead, or the stream is new', async () => {
        const s = newStream();
        await refused(s, 0);
        await append(s, 2, { expectedRevision: 'no_stream' });
        expect((await append(s, 1, { expectedRevision: 1 })).nextRevision).toBe(2);
        expect((await refused(s, 1)).actual).toBe(2);
        expect((await refused(s, 0)).actual).toBe(2);
        await refused(s, 7);
        expect((await append(s, 1, { expectedRevision: 2 })).nextRevision).toBe(3);
      });

      it('any: accepted on a new and on an existing stream', async () => {
        const s = newStream();
        expect((await append(s, 1, { expectedRevision: 'any' })).nextRevision).toBe(0);
        expect((await append(s, 2, { expectedRevision: 'any' })).nextRevision).toBe(2);
      });
    });

    describe('conditions on other streams (alsoExpect)', () => {
      it('appends while the other streams are where the caller read them', async () => {
        const [plan, roster, work] = [newStream('plan'), newStream('roster'), newStream('work')];
        await append(plan, 3, { expectedRevision: 'no_stream' });
        const result = await append(work, 1, {
          expectedRevision: 'no_stream',
          alsoExpect: [
            { streamId: plan, revision: 2 },
            { streamId: roster, revision: -1 },
          ],
        });
        expect(result.nextRevision).toBe(0);
        await append(roster, 1, { expectedRevision: 'no_stream' });
        expect(
          (
            await append(work, 1, {
              expectedRevision: 0,
              alsoExpect: [
                { streamId: plan, revision: 2 },
                { streamId: roster, revision: 0 },
              ],
            })
          ).nextRevision,
        ).toBe(1);
      });

      it('refuses, names the stream that moved and writes nothing when one has moved on, does not exist or is behind', async () => {
        const [plan, work] = [newStream('plan'), newStream('work')];
        await append(plan, 2, { expectedRevision: 'no_stream' });
        await append(work, 1, { expectedRevision: 'no_stream' });
        const logBefore = (await runEvents(run)).length;
        for (const [revision, expected, actual] of [
          [0, 0, 1],
          [-1, 'no_stream', 1],
          [5, 5, 1],
        ] as const) {
          for (const expectedRevision of [0, 'any', 'exists'] as const) {
            const error = await append(work, 1, { expectedRevision, alsoExpect: [{ streamId: plan, revision }] }).then(
              () => null,
              (e: unknown) => e,
            );
            expect(error).toBeInstanceOf(ConcurrencyError);
            expect(error).toMatchObject({ streamId: plan, expected, actual });
          }
        }
        const missing = newStream('missing');
        const error = await append(work, 1, { expectedRevision: 0, alsoExpect: [{ streamId: missing, revision: 0 }] }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ streamId: missing, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(work)).toHaveLength(1);
        expect((await runEvents(run)).length).toBe(logBefore);
      });

      it('a stored idempotency key still replays after the other stream moved', async () => {
        const [plan, work] = [newStream('plan'), newStream('work')];
        await append(plan, 1, { expectedRevision: 'no_stream' });
        const key = `${run}-key-${randomUUID()}`;
        const first = await append(work, 1, { expectedRevision: 'no_stream', idempotencyKey: key, alsoExpect: [{ streamId: plan, revision: 0 }] });
        await append(plan, 1, { expectedRevision: 0 });
        const again = await append(work, 1, { expectedRevision: 'no_stream', idempotencyKey: key, alsoExpect: [{ streamId: plan, revision: 0 }] });
        expect(again).toEqual({ ...first, replayed: true });
        expect(await store.readStream(work)).toHaveLength(1);
      });

      it('refuses malformed conditions before writing', async () => {
        const work = newStream('work');
        for (const alsoExpect of [
          [{ streamId: work, revision: -1 }],
          [{ streamId: 'x', revision: -2 }],
          [{ streamId: '', revision: 0 }],
          [
            { streamId: 'x', revision: 0 },
            { streamId: 'x', revision: 0 },
          ],
          Array.from({ length: 11 }, (_, i) => ({ streamId: `x${i}`, revision: 0 })),
        ]) {
          await expect(append(work, 1, { alsoExpect })).rejects.toBeInstanceOf(InvalidAppendError);
        }
        expect(await store.readStream(work)).toEqual([]);
      });
    });

    it('records the full envelope: ids, type, schema version, metadata from the clock, chain, positions', async () => {
      const s = newStream();
      const result = await store.append(
        s,
        [
          { type: 'TaskCompleted', data: { taskId: 't-1', nested: { list: [1, 2, 3] } }, schemaVersion: 2 },
          { type: 'StageOpened', data: null },
        ],
        {
          expectedRevision: 'no_stream',
          metadata: { actor, correlationId: 'corr-1', causationId: 'cause-1', reason: 'because the client asked' },
        },
      );
      const events = await store.readStream(s);
      expect(events).toHaveLength(2);
      expect(result.replayed).toBe(false);
      expect(result.streamId).toBe(s);
      expect([result.firstRevision, result.nextRevision]).toEqual([0, 1]);
      expect(result.eventIds).toEqual(events.map((e) => e.id));
      expect(result.globalPosition).toBe(events[1].globalPosition);
      expect(comparePositions(result.logPosition, events[1].logPosition)).toBe(0);

      const [first, second] = events;
      for (const event of events) {
        expect(event.id).toMatch(UUID_V7);
        expect(event.streamId).toBe(s);
        expect(event.metadata).toEqual({
          actor,
          occurredAt: CONTRACT_CLOCK_INSTANT,
          correlationId: 'corr-1',
          causationId: 'cause-1',
          reason: 'because the client asked',
          recordedAt: CONTRACT_CLOCK_INSTANT,
        });
        expect(event.recordedAt).toBeInstanceOf(Date);
        expect(event.recordedAt.toISOString()).toBe(CONTRACT_CLOCK_INSTANT);
        expect(typeof event.globalPosition).toBe('bigint');
        expect(typeof event.logPosition.commit).toBe('bigint');
        expect(typeof event.logPosition.prepare).toBe('bigint');
      }
      expect(first).toMatchObject({ type: 'TaskCompleted', schemaVersion: 2, revision: 0, data: { taskId: 't-1', nested: { list: [1, 2, 3] } } });
      expect(second).toMatchObject({ type: 'StageOpened', schemaVersion: 1, revision: 1, data: null });
      expect(second.globalPosition > first.globalPosition).toBe(true);
      expect(comparePositions(first.logPosition, second.logPosition)).toBe(-1);
      expect(parsePosition(formatPosition(second.logPosition))).toEqual(second.logPosition);

      const defaults = await append(newStream(), 1);
      const [plain] = await store.readStream(defaults.streamId);
      expect(plain.metadata.correlationId).toMatch(UUID_V7);
      expect(plain.metadata.causationId).toBeNull();
      expect(plain.metadata.occurredAt).toBe(CONTRACT_CLOCK_INSTANT);
    });

    it('links each event to the previous one by hash, and verifyStream accepts the chain', async () => {
      const s = newStream();
      await append(s, 3, { expectedRevision: 'no_stream' });
      await append(s, 2, { expectedRevision: 2 });
      const events = await store.readStream(s);
      expect(events[0].previousHash).toBeNull();
      for (let i = 1; i < events.length; i++) expect(events[i].previousHash).toBe(events[i - 1].hash);
      expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
      for (const event of events) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.verifyStream(s)).toMatchObject({ ok: true, checked: 5, lastHash: events[4].hash });
      expect(await store.verifyStream(newStream('missing'))).toMatchObject({ ok: true, checked: 0, lastHash: null });
    });

    describe('idempotency keys', () => {
      it('a retry returns the first result and writes nothing', async () => {
        const s = newStream();
        const key = `${run}-key-${randomUUID()}`;
        const first = await append(s, 2, { expectedRevision: 'no_stream', idempotencyKey: key });
        const again = await append(s, 2, { expectedRevision: 'no_stream', idempotencyKey: key });
        expect(again).toEqual({ ...first, replayed: true });
        const any = await append(s, 2, { expectedRevision: 'any', idempotencyKey: key });
        expect(any).toEqual({ ...first, replayed: true });
        expect(await store.readStream(s)).toHaveLength(2);
        const ids = (await runEvents(s)).map((e) => e.id);
        expect(ids).toEqual(first.eventIds);
      });

      it('a retry with a stale expected revision still replays', async () => {
        const s = newStream();
        await append(s, 1, { expectedRevision: 'no_stream' });
        const key = `${run}-key-${randomUUID()}`;
        const first = await append(s, 1, { expectedRevision: 0, idempotencyKey: key });
        await append(s, 1, { expectedRevision: 1 });
        const again = await append(s, 1, { expectedRevision: 0, idempotencyKey: key });
        expect(again).toEqual({ ...first, replayed: true });
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('refuses a key already used on another stream', async () => {
        const key = `${run}-key-${randomUUID()}`;
        const a = newStream();
        const b = newStream();
        await append(a, 1, { idempotencyKey: key });
        await expect(append(b, 1, { idempotencyKey: key })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
        expect(await store.readStream(b)).toEqual([]);
      });

      it('concurrent retries with one key write once', async () => {
        const s = newStream();
        const key = `${run}-key-${randomUUID()}`;
        const results = await Promise.all(Array.from({ length: 8 }, () => append(s, 1, { expectedRevision: 'any', idempotencyKey: key })));
        expect(results.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(results.map((r) => r.eventIds[0])).size).toBe(1);
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    it('20 concurrent writers on one stream: every accepted event once, revisions contiguous', async () => {
      const s = newStream('race');
      const accepted: string[] = [];
      let conflicts = 0;
      const writer = async (w: number) => {
        for (let k = 0; k < 4; k++) {
          for (;;) {
            const head = await store.streamHead(s);
            try {
              const result = await store.append(s, [{ type: 'Raced', data: { w, k } }], {
                expectedRevision: head ? head.revision : 'no_stream',
                metadata,
              });
              accepted.push(...result.eventIds);
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              conflicts += 1;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
      const events = await store.readStream(s);
      expect(events).toHaveLength(80);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 80 }, (_, i) => i));
      expect(events.map((e) => e.id).sort()).toEqual([...accepted].sort());
      expect(new Set(accepted).size).toBe(80);
      expect(await store.verifyStream(s)).toMatchObject({ ok: true, checked: 80 });
      expect(conflicts).toBeGreaterThan(0);
    });

    it('a live subscriber sees appends to 100 streams exactly once, each stream in order', async () => {
      const prefix = `${run}-live-`;
      const live = follow(store, prefix);
      await waitFor('the subscriber to catch up', () => live.subscription.caughtUp);
      const held = harness.appendHeldOpen ? await harness.appendHeldOpen(`${prefix}held`, 'CommittedLate') : null;
      const streams = Array.from({ length: 100 }, (_, i) => `${prefix}${i}`);
      let expected = held ? 1 : 0;
      try {
        await Promise.all(
          streams.map(async (streamId, i) => {
            for (let k = 0; k < 3; k++) {
              const count = i % 3 === 0 ? 2 : 1;
              const result = await store.append(
                streamId,
                Array.from({ length: count }, (_, n) => ({ type: 'Counted', data: { i, k, n } })),
                { expectedRevision: k === 0 ? 'no_stream' : (await store.streamHead(streamId))!.revision, metadata },
              );
              expected += result.eventIds.length;
            }
          }),
        );
        if (held) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          // Nothing committed after the open transaction began may be delivered before it.
          expect(live.seen).toHaveLength(0);
        }
      } finally {
        await held?.release();
      }
      await waitFor(`${expected} events`, () => live.seen.length >= expected || live.errors.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await live.subscription.stop();
      expect(live.errors).toEqual([]);
      expect(live.seen).toHaveLength(expected);
      expect(new Set(live.seen.map((e) => e.id)).size).toBe(expected);
      expectOrderedPerStream(live.seen);
      if (held) expect(live.seen[0].type).toBe('CommittedLate');
      const log = await runEvents(prefix);
      expect(live.seen.map((e) => e.id)).toEqual(log.map((e) => e.id));
    });

    it('a subscriber restarted from its stored checkpoint misses nothing and repeats nothing', async () => {
      const prefix = `${run}-resume-`;
      const streams = Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
      const appendRound = () => Promise.all(streams.map((s) => append(s, 2)));
      await appendRound();
      await appendRound();

      const first: RecordedEvent[] = [];
      let subscription: Subscription | null = null;
      let stopping: Promise<void> | null = null;
      subscription = store.subscribeToAll({
        batchSize: 7,
        onEvents: async (events) => {
          first.push(...events.filter((e) => e.streamId.startsWith(prefix)));
          if (first.length >= 15 && !stopping) stopping = subscription!.stop();
        },
      });
      await waitFor('the first subscriber to stop', () => stopping !== null);
      await stopping;
      const checkpoint = formatPosition(subscription.position!);
      expect(first.length).toBeGreaterThanOrEqual(15);
      expect(first.length).toBeLessThan(40);

      await appendRound();
      if (harness.reopen) store = await harness.reopen();
      const second = follow(store, prefix, parsePosition(checkpoint), 5);
      await waitFor('the rest of the log', () => first.length + second.seen.length >= 60 || second.errors.length > 0);
      await appendRound();
      await waitFor('events appended after the restart', () => first.length + second.seen.length >= 80 || second.errors.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await second.subscription.stop();
      expect(second.errors).toEqual([]);
      const union = [...first, ...second.seen].map((e) => e.id);
      expect(new Set(union).size).toBe(union.length);
      expectOrderedPerStream([...first, ...second.seen]);
      expect(union).toEqual((await runEvents(prefix)).map((e) => e.id));
    });

    it('verifyStream names the first tampered event', async () => {
      if (!harness.tamper) {
        console.warn(`${name}: backend cannot alter stored events; tamper detection not exercised`);
        return;
      }
      const s = newStream('tamper');
      await append(s, 4, { expectedRevision: 'no_stream' });
      const events = await store.readStream(s);
      await harness.tamper(s, 2);
      const result = await store.verifyStream(s);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.firstBroken).toMatchObject({ revision: 2, eventId: events[2].id, reason: 'hash_mismatch' });
      expect(result.checked).toBe(2);
    });

    it('seals the recording time from its clock: one instant per append, reported by every read, checked by verifyStream', async () => {
      const s = newStream('timed');
      await append(s, 3, { expectedRevision: 'no_stream' });
      await append(s, 1, { expectedRevision: 2 });
      const events = await store.readStream(s);
      for (const event of [...events, ...(await runEvents(s))]) {
        expect(event.metadata.recordedAt).toBe(CONTRACT_CLOCK_INSTANT);
        expect(event.recordedAt.toISOString()).toBe(CONTRACT_CLOCK_INSTANT);
      }
      expect(await store.verifyStream(s)).toMatchObject({ ok: true, checked: 4 });
      if (!harness.tamperRecordedAt) {
        console.warn(`${name}: backend cannot alter a stored recording time; recorded_at_mismatch not exercised`);
        return;
      }
      const moved = new Date(Date.parse(CONTRACT_CLOCK_INSTANT) - 86_400_000);
      await harness.tamperRecordedAt(s, 1, moved);
      expect((await store.readStream(s, { fromRevision: 1, maxCount: 1 }))[0].recordedAt.toISOString()).toBe(moved.toISOString());
      const result = await store.verifyStream(s);
      expect(result).toMatchObject({
        ok: false,
        checked: 1,
        firstBroken: { revision: 1, eventId: events[1].id, reason: 'recorded_at_mismatch', expected: CONTRACT_CLOCK_INSTANT, actual: moved.toISOString() },
      });
    });

    it('reports its status', async () => {
      const status = await store.status();
      expect(status.ok).toBe(true);
      expect(status.backend).toBe(store.backend);
    });
  });
}
