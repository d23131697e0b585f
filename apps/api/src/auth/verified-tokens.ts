// Bearer tokens whose signature has been checked, kept until they expire. Checking an HMAC signature (and decoding
// the token twice over, as jsonwebtoken does) was the largest cost of the guard on every request; the account
// behind the token is still read on every request, so a disabled account or a changed role takes effect as before.

interface Verified {
  readonly sub: string;
  readonly expiresAtMs: number;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly capacity = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The subject of a token verified before and not yet expired; undefined otherwise (verify it again). */
  subjectOf(token: string): string | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.nowMs()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.sub;
  }

  /** Remembers a verified token until its `exp` (seconds since the epoch); tokens without `exp` are not kept. */
  remember(token: string, payload: { sub: string; exp?: number }): void {
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string') return;
    if (this.entries.size >= this.capacity) {
      // Oldest first (a Map iterates in insertion order): the tokens least likely to be seen again.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { sub: payload.sub, expiresAtMs: payload.exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
