// Crash points for the tests that kill the API at an exact moment: a child process started with LEDGER_FAULT set, read
// into the configuration (AppConfig.crashAt) like every other setting. Test-only: never set in a real installation.
import type { CrashPoint } from '@campaign-ledger/runtime';

export type { CrashPoint };

/** Dies at once, as kill -9 would, when the configuration arms this point. */
export function crashPoint(armed: CrashPoint | null, point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
