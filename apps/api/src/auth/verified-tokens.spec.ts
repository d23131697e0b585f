import { claimsOf, VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  let now = 1_000_000;
  const clock = () => now;
  const claims = (sub: string, exp = now / 1000 + 60) => ({ sub, ep: 0, exp });

  it('answers the claims of a remembered token until it expires, then forgets it', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('t1', claims('acc-1'));
    expect(tokens.claimsOf('t1')?.sub).toBe('acc-1');
    expect(tokens.claimsOf('t2')).toBeUndefined();
    now += 60_000;
    expect(tokens.claimsOf('t1')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('accepts only tokens that carry a subject, an epoch and an expiry', () => {
    expect(claimsOf({ sub: 'acc-1', ep: 2, exp: 10, role: 'x' })).toEqual({ sub: 'acc-1', ep: 2, exp: 10 });
    expect(claimsOf({ sub: 'acc-1', ep: 0 })).toBeNull();
    expect(claimsOf({ sub: 'acc-1', exp: 10 })).toBeNull();
    expect(claimsOf(null)).toBeNull();
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens(2, clock);
    tokens.remember('a', claims('A'));
    tokens.remember('b', claims('B'));
    tokens.remember('c', claims('C'));
    expect(tokens.size).toBe(2);
    expect(tokens.claimsOf('a')).toBeUndefined();
    expect([tokens.claimsOf('b')?.sub, tokens.claimsOf('c')?.sub]).toEqual(['B', 'C']);
  });
});
