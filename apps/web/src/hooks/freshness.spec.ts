import type { Freshness } from '@campaign-ledger/api-contract';
import { startFreshnessPoll, type FreshnessState } from './freshness';

const FRESH: Freshness = { ok: true, delayed: false, eventsBehind: 0, secondsBehind: 0, heldBack: null };
const DELAYED: Freshness = { ok: true, delayed: true, eventsBehind: 40, secondsBehind: 17, heldBack: null };

class Unreachable extends Error {}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Questions the test answers when it wants, each with what the server says then. */
function harness() {
  const asked: { answer: (f: Freshness) => void; fail: (e: unknown) => void; signal: AbortSignal }[] = [];
  const states: FreshnessState['kind'][] = [];
  const poll = startFreshnessPoll({
    read: (signal) => new Promise<Freshness>((answer, fail) => void asked.push({ answer, fail, signal })),
    unreachable: (e) => e instanceof Unreachable,
    onState: (s) => states.push(s.kind),
    everyMs: 10_000,
    maxBackoffMs: 60_000,
    timeoutMs: 8_000,
  });
  return { poll, asked, states };
}

describe('freshness poll', () => {
  beforeEach(() => void jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => void jest.useRealTimers());

  it('asks every 10 s, one question at a time, and says delayed, then fresh again', async () => {
    const h = harness();
    expect(h.asked).toHaveLength(1);
    jest.advanceTimersByTime(7_000); // still unanswered: no second question
    h.poll.checkNow();
    expect(h.asked).toHaveLength(1);
    h.asked[0].answer(DELAYED);
    await settle();
    expect(h.states).toEqual(['delayed']);
    jest.advanceTimersByTime(9_999);
    expect(h.asked).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(h.asked).toHaveLength(2);
    h.asked[1].answer(FRESH);
    await settle();
    expect(h.states).toEqual(['delayed', 'fresh']);
    h.poll.close();
  });

  it('says offline when the server cannot be reached or does not answer in time, backs off, and recovers', async () => {
    const h = harness();
    h.asked[0].fail(new Unreachable());
    await settle();
    expect(h.states).toEqual(['offline']);
    jest.advanceTimersByTime(10_000); // 1st failure: 10 s
    expect(h.asked).toHaveLength(2);
    jest.advanceTimersByTime(8_000); // no answer in 8 s: aborted, counted as unreachable
    expect(h.asked[1].signal.aborted).toBe(true);
    h.asked[1].fail(new DOMException('aborted', 'AbortError'));
    await settle();
    expect(h.states).toEqual(['offline', 'offline']);
    jest.advanceTimersByTime(19_999); // 2nd failure: 20 s
    expect(h.asked).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(h.asked).toHaveLength(3);
    h.asked[2].answer(FRESH);
    await settle();
    expect(h.states[h.states.length - 1]).toBe('fresh');
    jest.advanceTimersByTime(10_000); // back to every 10 s
    expect(h.asked).toHaveLength(4);
    h.poll.close();
  });

  it('an error answer from a reachable server hides the offline banner; after close nothing is asked or said', async () => {
    const h = harness();
    h.asked[0].fail(new Unreachable());
    await settle();
    h.poll.checkNow();
    h.asked[1].fail(new Error('500'));
    await settle();
    expect(h.states).toEqual(['offline', 'fresh']);
    h.poll.close();
    jest.advanceTimersByTime(120_000);
    expect(h.asked).toHaveLength(2);
    expect(h.states).toHaveLength(2);
  });
});
