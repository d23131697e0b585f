// Slow password hashing with Node's scrypt (memory-hard); stored as scrypt$N$r$p$salt$hash.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));

export interface PasswordHasherOptions {
  /** CPU/memory cost; 2^15 takes ~100 ms here. Tests may lower it. */
  readonly cost?: number;
}

export class PasswordHasher {
  private readonly cost: number;

  constructor(options: PasswordHasherOptions = {}) {
    this.cost = options.cost ?? 2 ** 15;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, 32, { N: this.cost, r: 8, p: 1, maxmem: 256 * this.cost * 8 });
    return `scrypt$${this.cost}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const N = Number(n);
    try {
      const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) });
      return timingSafeEqual(actual, expected);
    } catch {
      return false;
    }
  }
}
