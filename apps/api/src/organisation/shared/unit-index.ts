// The list of registered units, kept in its own small stream beside the organisation streams.
// Not a domain fact: it exists so GET /api/units needs no scan of the whole log. `UnitIndexed` is appended
// once per unit (idempotency key `unit-index:<unitId>`) right after `UnitRegistered`, and again harmlessly on
// any retry, so a crash between the two appends is repaired by registering the unit again.
import type { UnitSummary } from '@campaign-ledger/api-contract';
import type { Actor, EventStore } from '@campaign-ledger/event-store';

export const UNIT_INDEX_STREAM = 'unit-index';

export type UnitIndexed = { type: 'UnitIndexed'; data: { unitId: string; name: string; code: string } };

/** A unit as GET /api/units answers it (the contract's): what the index keeps of it. */
export type { UnitSummary };

/** The index entry of a unit, as one appends it: the event, its metadata and the key that records it once. */
export function unitIndexEntry(unit: UnitSummary, actor: Actor) {
  const event: UnitIndexed = { type: 'UnitIndexed', data: { unitId: unit.unitId, name: unit.name, code: unit.code } };
  return { streamId: UNIT_INDEX_STREAM, events: [event], metadata: { actor, reason: 'unit registered' }, idempotencyKey: `unit-index:${unit.unitId}` };
}

/** For seeders and tests, which write straight to a store: the API indexes through the aggregate store (RegisterUnitHandler). */
export async function indexUnit(store: EventStore, unit: UnitSummary, actor: Actor): Promise<void> {
  const entry = unitIndexEntry(unit, actor);
  await store.append(entry.streamId, entry.events, { expectedRevision: 'any', metadata: entry.metadata, idempotencyKey: entry.idempotencyKey });
}

export async function readUnitIndex(store: EventStore): Promise<UnitSummary[]> {
  const units = new Map<string, UnitSummary>();
  for (const event of await store.readStream(UNIT_INDEX_STREAM)) {
    if (event.type !== 'UnitIndexed') continue;
    const { unitId, name, code } = (event as unknown as UnitIndexed).data;
    if (!units.has(unitId)) units.set(unitId, { unitId, name, code });
  }
  return [...units.values()];
}
