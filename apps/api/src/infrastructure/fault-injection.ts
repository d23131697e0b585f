// Crash points for the tests that kill the API at an exact moment (a child process started with LEDGER_FAULT set).
// Nothing happens unless that variable names the point; it is never set in a real installation.
const armed = process.env.LEDGER_FAULT ?? '';

export type CrashPoint = 'after-claim-before-write' | 'after-commit-before-answer';

/** Dies at once, as kill -9 would, when LEDGER_FAULT names this point. */
export function crashPoint(point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
