// Our own deadline around every KurrentDB call: the client can wait for ever on a peer that accepts and never answers.
import { EventStoreUnavailableError } from '../errors';

/**
 * Settles like `promise`, or rejects with EventStoreUnavailableError naming `operation` after `ms`.
 * The timer never keeps the process alive, and a late rejection of `promise` is swallowed.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`timeout must be a positive number of ms, got ${ms}`);
  // The abandoned call may still fail later; that must not become an unhandled rejection.
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new EventStoreUnavailableError(`KurrentDB ${operation} did not answer within ${ms} ms`));
    }, ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
