import { startLiveFeed, STREAM_CLOSED, type LiveMode, type StreamLike } from './live-feed';

/** A read the test answers when it wants: the server's figure at the moment the read began. */
interface PendingRead {
  readonly figureAtStart: number;
  answer(value?: number): Promise<void>;
}

class FakeStream implements StreamLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  closed = false;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = STREAM_CLOSED;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  push(figure: number) {
    this.listeners.get('overview')?.({ data: JSON.stringify({ figure }) } as MessageEvent<string>);
  }
  fail(closed: boolean) {
    if (closed) this.readyState = STREAM_CLOSED;
    this.onerror?.({} as Event);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function harness(options: { withPushData?: boolean; streamUrl?: string | null } = {}) {
  let serverFigure = 0;
  const reads: PendingRead[] = [];
  const shown: number[] = [];
  const modes: LiveMode[] = [];
  const errors: unknown[] = [];
  const streams: FakeStream[] = [];
  const feed = startLiveFeed<number>({
    fetch: () =>
      new Promise<number>((resolve) => {
        const figureAtStart = serverFigure;
        reads.push({
          figureAtStart,
          answer: async (value = figureAtStart) => {
            resolve(value);
            await settle();
          },
        });
      }),
    streamUrl: options.streamUrl === undefined ? '/stream' : options.streamUrl,
    fromEvent: options.withPushData === false ? undefined : (text) => (JSON.parse(text) as { figure: number }).figure,
    pollMs: 1_500,
    retryStreamMs: 30_000,
    openStream: () => {
      const stream = new FakeStream();
      streams.push(stream);
      return stream;
    },
    onData: (value) => shown.push(value),
    onError: (error) => void (error && errors.push(error)),
    onMode: (mode) => modes.push(mode),
  });
  return {
    feed,
    reads,
    shown,
    modes,
    errors,
    streams,
    moveServer(figure: number) {
      serverFigure = figure;
    },
    last: () => shown[shown.length - 1],
  };
}

describe('live feed (pushed, else polled)', () => {
  it('a push that arrives while an older read runs wins: the older answer is dropped and a fresh read follows', async () => {
    const h = harness();
    h.streams[0].open(); // the first read is still running: the catch-up read waits for it
    expect(h.reads).toHaveLength(1);
    await h.reads[0].answer(); // figure 0, begun before the subscription: another read follows it
    expect(h.shown).toEqual([0]);
    expect(h.reads).toHaveLength(2);

    // A completion lands and is pushed while that read, begun before it, is still out.
    h.moveServer(1);
    h.streams[0].push(1);
    expect(h.last()).toBe(1);
    await h.reads[1].answer(); // answers 0: older than what is shown, dropped
    expect(h.last()).toBe(1);
    expect(h.reads).toHaveLength(3);
    await h.reads[2].answer(); // begun after the push
    expect(h.shown).toEqual([0, 1, 1]);
    expect(h.reads).toHaveLength(3);
    h.feed.close();
  });

  it('without push data, the running read still shows its answer (never starved by pushes) and one more read follows', async () => {
    const h = harness({ withPushData: false });
    h.streams[0].open();
    h.moveServer(1);
    h.streams[0].push(1);
    h.moveServer(2);
    h.streams[0].push(2);
    expect(h.reads).toHaveLength(1);
    await h.reads[0].answer(); // begun at 0: newer than nothing, so shown
    expect(h.shown).toEqual([0]);
    expect(h.reads).toHaveLength(2); // the pushes (and the open) fold into one more read
    await h.reads[1].answer();
    expect(h.shown).toEqual([0, 2]);
    expect(h.reads).toHaveLength(2);
    h.feed.close();
  });

  it('a failed read is reported, and the next good one clears it', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const feed = startLiveFeed<number>({
      fetch: async () => {
        if (fail) throw new Error('503');
        return 7;
      },
      streamUrl: null,
      pollMs: 60_000,
      retryStreamMs: 30_000,
      onData: () => undefined,
      onError: (e) => errors.push(e),
      onMode: () => undefined,
    });
    await settle();
    expect(errors.map((e) => (e as Error | null)?.message ?? null)).toEqual(['503']);
    fail = false;
    await feed.refresh();
    expect(errors[errors.length - 1]).toBeNull();
    feed.close();
  });

  it('a fetch that throws at once is reported, and the next read still goes out', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const feed = startLiveFeed<number>({
      fetch: () => {
        calls += 1;
        if (calls === 1) throw new Error('no network');
        return Promise.resolve(3);
      },
      streamUrl: null,
      pollMs: 60_000,
      retryStreamMs: 30_000,
      onData: (v) => errors.push(v),
      onError: (e) => void (e && errors.push(e)),
      onMode: () => undefined,
    });
    await feed.refresh();
    expect(calls).toBe(2);
    expect(errors.map((e) => (e instanceof Error ? e.message : e))).toEqual(['no network', 3]);
    feed.close();
  });

  describe('on a timer', () => {
    beforeEach(() => void jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
    afterEach(() => void jest.useRealTimers());

    it('polls while the stream fails, stops polling when it opens, and opens a new stream after a closed one', async () => {
      const h = harness();
      await h.reads[0].answer();
      h.streams[0].fail(false); // a hiccup: EventSource reconnects by itself, meanwhile poll
      expect(h.modes).toEqual(['connecting', 'polling']);
      jest.advanceTimersByTime(1_500);
      expect(h.reads).toHaveLength(2);
      await h.reads[1].answer();
      h.streams[0].open();
      expect(h.modes[h.modes.length - 1]).toBe('live');
      await h.reads[2].answer();
      jest.advanceTimersByTime(6_000);
      expect(h.reads).toHaveLength(3); // no polling while live

      h.streams[0].fail(true); // the server closed it: poll, and try a new stream later
      expect(h.streams[0].closed).toBe(true);
      jest.advanceTimersByTime(29_999);
      expect(h.streams).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(h.streams).toHaveLength(2);
      h.feed.close();
      expect(h.streams[1].closed).toBe(true);
    });

    it('waits twice as long after each stream the server closes, and starts from the shortest wait once one opens', async () => {
      const h = harness();
      await h.reads[0].answer();
      const closeAndCount = (stream: number, wait: number) => {
        h.streams[stream].fail(true);
        jest.advanceTimersByTime(wait - 1);
        const before = h.streams.length;
        jest.advanceTimersByTime(1);
        return [before, h.streams.length];
      };
      expect(closeAndCount(0, 30_000)).toEqual([1, 2]);
      expect(closeAndCount(1, 60_000)).toEqual([2, 3]);
      expect(closeAndCount(2, 120_000)).toEqual([3, 4]);
      expect(closeAndCount(3, 240_000)).toEqual([4, 5]);
      expect(closeAndCount(4, 240_000)).toEqual([5, 6]); // at most 8 × 30 s
      h.streams[5].open();
      expect(closeAndCount(5, 30_000)).toEqual([6, 7]);
      h.feed.close();
    });

    it('polls only when there is no stream URL; after close nothing more is shown or read', async () => {
      const h = harness({ streamUrl: null });
      expect(h.streams).toHaveLength(0);
      expect(h.modes).toEqual(['connecting', 'polling']);
      await h.reads[0].answer();
      jest.advanceTimersByTime(1_500);
      expect(h.reads).toHaveLength(2);
      h.feed.close();
      await h.reads[1].answer(5);
      jest.advanceTimersByTime(15_000);
      expect(h.shown).toEqual([0]);
      expect(h.reads).toHaveLength(2);
    });

    it('while the server cannot be reached: offline, each poll waits twice as long (up to 30 s), and live again once the stream opens', async () => {
      const asked: number[] = [];
      const modes: LiveMode[] = [];
      let reachable = false;
      const streams: FakeStream[] = [];
      const started = Date.now();
      const feed = startLiveFeed<number>({
        fetch: async () => {
          asked.push(Date.now() - started);
          if (!reachable) throw new Error('unreachable');
          return 1;
        },
        streamUrl: '/stream',
        pollMs: 1_500,
        retryStreamMs: 30_000,
        unreachable: () => true,
        openStream: () => {
          const stream = new FakeStream();
          streams.push(stream);
          return stream;
        },
        onData: () => undefined,
        onError: () => undefined,
        onMode: (mode) => modes.push(mode),
      });
      await settle();
      streams[0].fail(true); // the stream is refused too (a proxy's 502): a new one in 30 s, polled meanwhile
      expect(modes).toEqual(['connecting', 'offline']);
      for (let i = 0; i < 60; i++) {
        await jest.advanceTimersByTimeAsync(1_000);
      }
      // 0 s, then 1.5, 3, 6, 12, 24 s apart (30 s at most): 6 reads in the first minute rather than 40.
      expect(asked.map((ms) => Math.round(ms / 100) / 10)).toEqual([0, 1.5, 4.5, 10.5, 22.5, 46.5]);
      expect(streams).toHaveLength(2); // opened at 30 s: it probes from now on, no more polls
      await jest.advanceTimersByTimeAsync(60_000);
      expect(asked).toHaveLength(6);
      reachable = true;
      streams[1].open();
      await settle();
      expect(modes[modes.length - 1]).toBe('live');
      expect(asked).toHaveLength(7); // read once it opened
      const reads = asked.length;
      await jest.advanceTimersByTimeAsync(60_000);
      expect(asked).toHaveLength(reads); // no polling while live
      feed.close();
    });

    it('wake (back online) connects and reads at once instead of waiting out the backoff', async () => {
      const h = harness();
      await h.reads[0].answer();
      h.streams[0].fail(true); // refused: the next stream would wait 30 s
      jest.advanceTimersByTime(1_500);
      expect(h.reads).toHaveLength(2);
      h.feed.wake();
      expect(h.streams).toHaveLength(2);
      expect(h.streams[0].closed).toBe(true);
      await h.reads[1].answer(); // the read out when it woke is followed by one more
      expect(h.reads).toHaveLength(3);
      h.streams[1].open();
      expect(h.modes[h.modes.length - 1]).toBe('live');
      h.feed.close();
    });

    it("refresh after the user's own write: the poll read already out is followed by one more, and refresh resolves after it", async () => {
      const h = harness({ streamUrl: null });
      await h.reads[0].answer();
      jest.advanceTimersByTime(1_500); // a poll read goes out
      expect(h.reads).toHaveLength(2);
      h.moveServer(1); // the user's write lands
      let refreshed = false;
      const refreshing = h.feed.refresh().then(() => void (refreshed = true));
      await h.reads[1].answer(); // begun before the write
      expect(refreshed).toBe(false);
      expect(h.reads).toHaveLength(3);
      await h.reads[2].answer();
      await refreshing;
      expect(h.last()).toBe(1);
      expect(h.reads).toHaveLength(3);
      h.feed.close();
    });
  });
});
