import { backoffDelay, RETRY_BACKOFF } from './backoff';

describe('backoff schedule', () => {
  it('doubles from 1 s up to 30 s without jitter', () => {
    const plain = { ...RETRY_BACKOFF, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, plain))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(0, plain)).toBe(1_000);
  });

  it('spreads each wait by at most ±20 %, never past 30 s', () => {
    expect(backoffDelay(1, RETRY_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(1, RETRY_BACKOFF, () => 1)).toBe(1_200);
    expect(backoffDelay(3, RETRY_BACKOFF, () => 0.5)).toBe(4_000);
    expect(backoffDelay(6, RETRY_BACKOFF, () => 1)).toBe(30_000);
    expect(backoffDelay(6, RETRY_BACKOFF, () => 0)).toBe(24_000);
    for (let n = 1; n <= 10; n++) {
      const wait = backoffDelay(n, RETRY_BACKOFF);
      const plain = Math.min(1_000 * 2 ** (n - 1), 30_000);
      expect(wait).toBeGreaterThanOrEqual(plain * 0.8 - 1);
      expect(wait).toBeLessThanOrEqual(Math.min(plain * 1.2 + 1, 30_000));
    }
  });

  it('keeps a server that stays away to a handful of attempts: 6 in the first 30 s, about 8 in 90 s', () => {
    const attemptsWithin = (ms: number, random: () => number) => {
      let at = 0;
      let attempts = 0;
      for (let failures = 1; ; failures++) {
        at += backoffDelay(failures, RETRY_BACKOFF, random);
        if (at > ms) return attempts;
        attempts += 1;
      }
    };
    // The first attempt at once, then retries: at most 5 more within 30 s even with the shortest waits.
    expect(attemptsWithin(30_000, () => 0)).toBeLessThanOrEqual(5);
    expect(attemptsWithin(90_000, () => 0)).toBeLessThanOrEqual(8);
  });
});
