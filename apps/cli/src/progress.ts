// Progress on stderr: a bar on a terminal, plain lines (at most one a second, plus the last) everywhere else.
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io';

export interface Progress {
  update(done: number, total: number | null): void;
  finish(): void;
}

export function createProgress(io: CliIo, label: string, unit = 'events'): Progress {
  return io.stderr.isTTY ? barProgress(io, label, unit) : lineProgress(io, label, unit);
}

function barProgress(io: CliIo, label: string, unit: string): Progress {
  let bar: SingleBar | null = null;
  let knownTotal: number | null = null;
  return {
    update(done, total) {
      if (!bar) {
        knownTotal = total;
        const format = total === null ? `${label} {value} ${unit}` : `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`;
        bar = new SingleBar({ stream: io.stderr, format, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
        bar.start(total ?? done, done);
        return;
      }
      if (knownTotal !== null && done > knownTotal) bar.setTotal(done);
      if (knownTotal === null) bar.setTotal(done);
      bar.update(done);
    },
    finish() {
      bar?.stop();
    },
  };
}

function lineProgress(io: CliIo, label: string, unit: string): Progress {
  let lastAt = 0;
  let last: { done: number; total: number | null } | null = null;
  let printed: number | null = null;
  const print = ({ done, total }: { done: number; total: number | null }) => {
    const share = total ? ` (${Math.min(100, Math.floor((done / total) * 100))}%)` : '';
    io.stderr.write(`${label}: ${done}${total !== null ? `/${total}` : ''} ${unit}${share}\n`);
    printed = done;
  };
  return {
    update(done, total) {
      last = { done, total };
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
