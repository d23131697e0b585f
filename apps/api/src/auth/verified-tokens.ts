// Bearer tokens whose signature has been checked, kept until they expire. Checking an HMAC signature (and decoding
// the token twice over, as jsonwebtoken does) was the largest cost of the guard on every request; the account
// behind the token is still read on every request, so a disabled account, a changed password or a changed role takes
// effect as before.
export interface TokenClaims {
  readonly sub: string;
  /** The account's token epoch when the token was issued; a password change or disabling moves the account's on. */
  readonly ep: number;
  readonly exp: number;
}

interface Verified {
  readonly claims: TokenClaims;
  readonly expiresAtMs: number;
}

/** The claims every token of ours carries; null for anything else (a token without expiry is never accepted). */
export function claimsOf(payload: unknown): TokenClaims | null {
  const p = payload as Partial<TokenClaims> | null;
  if (!p || typeof p.sub !== 'string' || typeof p.exp !== 'number' || typeof p.ep !== 'number') return null;
  return { sub: p.sub, ep: p.ep, exp: p.exp };
}

export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly capacity = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The claims of a token verified before and not yet expired; undefined otherwise (verify it again). */
  claimsOf(token: string): TokenClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.nowMs()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers a verified token until its `exp` (seconds since the epoch). */
  remember(token: string, claims: TokenClaims): void {
    if (this.entries.size >= this.capacity) {
      // Oldest first (a Map iterates in insertion order): the tokens least likely to be seen again.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { claims, expiresAtMs: claims.exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
