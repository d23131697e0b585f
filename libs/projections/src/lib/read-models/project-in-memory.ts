import type { RecordedEvent } from '@campaign-ledger/event-store';
import { MemoryRows } from '../rows/row-set';
import type { ReadModelSnapshot } from '../queries/source';
import { projectEvents } from './read-models.projection';

/** Folds events (in log order) into a fresh in-memory read model: the same rows the database would hold. */
export function projectInMemory(events: readonly RecordedEvent[], into: MemoryRows = new MemoryRows()): ReadModelSnapshot {
  projectEvents(into, events);
  return { rows: into };
}
