// Pages through the whole log in log order, optionally up to (and including) a position.
import { comparePositions, type EventStore, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';

export const DEFAULT_PAGE_SIZE = 1000;

export interface ReadLogOptions {
  readonly pageSize?: number;
  /** Inclusive upper bound; events after it are not read. */
  readonly until?: LogPosition | null;
}

export async function* readLog(store: EventStore, options: ReadLogOptions = {}): AsyncGenerator<readonly RecordedEvent[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const until = options.until ?? null;
  let from: LogPosition | null = null;
  for (;;) {
    const page = await store.readAll({ from, maxCount: pageSize });
    // A short page is not proof of the end on every backend; an empty one is.
    if (page.length === 0) return;
    if (until) {
      const cut = page.findIndex((event) => comparePositions(event.logPosition, until) > 0);
      if (cut >= 0) {
        if (cut > 0) yield page.slice(0, cut);
        return;
      }
    }
    yield page;
    from = page[page.length - 1].logPosition;
  }
}
