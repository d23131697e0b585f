import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('answers the subject of a remembered token until it expires, then forgets it', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('t1', { sub: 'acc-1', exp: now / 1000 + 60 });
    expect(tokens.subjectOf('t1')).toBe('acc-1');
    expect(tokens.subjectOf('t2')).toBeUndefined();
    now += 60_000;
    expect(tokens.subjectOf('t1')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('does not keep tokens without an expiry', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('forever', { sub: 'acc-1' });
    expect(tokens.subjectOf('forever')).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens(2, clock);
    const exp = now / 1000 + 60;
    tokens.remember('a', { sub: 'A', exp });
    tokens.remember('b', { sub: 'B', exp });
    tokens.remember('c', { sub: 'C', exp });
    expect(tokens.size).toBe(2);
    expect(tokens.subjectOf('a')).toBeUndefined();
    expect([tokens.subjectOf('b'), tokens.subjectOf('c')]).toEqual(['B', 'C']);
  });
});
