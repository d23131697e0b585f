// Progress on stderr: a bar on a terminal, plain lines (at most one a second, plus the last) everywhere else.
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io';

export interface Progress {
  /** `rate`, when given, is shown as units per second (e.g. events/s). */
  update(done: number, total: number | null, rate?: number): void;
  finish(): void;
}

export function createProgress(io: CliIo, label: string, unit = 'events'): Progress {
  return io.stderr.isTTY ? barProgress(io, label, unit) : lineProgress(io, label, unit);
}

function barProgress(io: CliIo, label: string, unit: string): Progress {
  let bar: SingleBar | null = null;
  let knownTotal: number | null = null;
  return {
    update(done, total, rate) {
      const payload = { rate: rate === undefined ? '' : ` | ${Math.round(rate)} ${unit}/s` };
      if (!bar) {
        knownTotal = total;
        const format =
          total === null ? `${label} {value} ${unit}{rate}` : `${label} [{bar}] {percentage}% | {value}/{total} ${unit}{rate} | {eta_formatted} left`;
        bar = new SingleBar({ stream: io.stderr, format, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
        bar.start(total ?? done, done, payload);
        return;
      }
      if (knownTotal !== null && done > knownTotal) bar.setTotal(done);
      if (knownTotal === null) bar.setTotal(done);
      bar.update(done, payload);
    },
    finish() {
      bar?.stop();
    },
  };
}

function lineProgress(io: CliIo, label: string, unit: string): Progress {
  let lastAt = 0;
  let last: { done: number; total: number | null; rate?: number } | null = null;
  let printed: number | null = null;
  const print = ({ done, total, rate }: { done: number; total: number | null; rate?: number }) => {
    const share = total ? ` (${Math.min(100, Math.floor((done / total) * 100))}%)` : '';
    const speed = rate === undefined ? '' : `, ${Math.round(rate)} ${unit}/s`;
    io.stderr.write(`${label}: ${done}${total !== null ? `/${total}` : ''} ${unit}${share}${speed}\n`);
    printed = done;
  };
  return {
    update(done, total, rate) {
      last = { done, total, rate };
      const now = Date.now();
      if (now - lastAt >= 1000) {
        lastAt = now;
        print(last);
      }
    },
    finish() {
      if (last && printed !== last.done) print(last);
    },
  };
}

export interface TransferProgressUpdate {
  readonly events: number;
  readonly total: number | null;
  readonly files?: { readonly done: number; readonly total: number | null };
}

/** An export's or import's progress: the events, then the evidence files, each shown as its own bar (or lines). */
export function createTransferProgress(io: CliIo, label: string): { update(progress: TransferProgressUpdate): void; finish(): void } {
  const events = createProgress(io, label);
  let files: Progress | null = null;
  return {
    update(progress) {
      if (!progress.files) {
        events.update(progress.events, progress.total);
        return;
      }
      if (!files) {
        events.finish();
        files = createProgress(io, `${label} evidence`, 'files');
      }
      files.update(progress.files.done, progress.files.total);
    },
    finish() {
      (files ?? events).finish();
    },
  };
}
