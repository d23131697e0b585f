import type { RecordedEvent } from '@campaign-ledger/event-store';
import { completed, recordAll, reopened } from '../../testing/recorded-events';
import { base, given } from '../../testing/given-events';
import { MemoryRows, WindowRows } from '../rows/row-set';
import { snapshotSource, snapshotTables } from '../queries/source';
import { branchInstances } from './instances/instances.queries';
import { projectInMemory } from './project-in-memory';
import { projectEvents } from './read-models.projection';
import { TABLE_NAMES, type RowTypes, type TableName } from './read-models.tables';

describe('the one fold', () => {
  it('events of other kinds only move the checkpoint', () => {
    const rows = given({ type: 'AccountCreated', data: { accountId: 'a' } });
    expect(rows.get('checkpoint', { id: 'main' })).toMatchObject({ commit_pos: '1', events_applied: 1 });
    expect(TABLE_NAMES.filter((t) => t !== 'checkpoint').every((t) => rows.tables[t].size === 0)).toBe(true);
  });
});

describe('idempotency and folding through a window', () => {
  const events = recordAll([
    ...base(),
    completed('T1:branch:B1'),
    completed('T2:member:M2'),
    { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } },
    { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
    { type: 'MemberTransferred', data: { unitId: 'U1', memberId: 'M3', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-03-25', reason: null } },
    reopened('T1:branch:B1'),
    { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T3', stageId: 'S1', reason: 'x', by: 'o' } },
  ]);

  it('an event at or before the checkpoint is never applied twice', () => {
    const rows = new MemoryRows();
    expect(projectEvents(rows, events)).toBe(events.length);
    const before = JSON.stringify(snapshotTables({ rows }));
    expect(projectEvents(rows, events)).toBe(0);
    expect(projectEvents(rows, events.slice(3, 6))).toBe(0);
    expect(JSON.stringify(snapshotTables({ rows }))).toBe(before);
  });

  it('folding batch by batch through a window that loads what it misses gives the same rows as folding in memory', () => {
    const store = new MemoryRows();
    for (let i = 0; i < events.length; i += 3) {
      const batch = events.slice(i, i + 3);
      const window = new WindowRows();
      for (let attempt = 0; ; attempt += 1) {
        window.reset();
        projectEvents(window, batch);
        if (window.misses.length === 0) break;
        for (const miss of window.misses) {
          if (miss.kind === 'scan') window.addLoadedScan(miss.table, miss.where, store.scan(miss.table, miss.where as never));
          else window.addLoadedKey(miss.table, miss.where, store.get(miss.table, miss.where as never));
        }
        expect(attempt).toBeLessThan(10);
      }
      const changes = window.changes() as Record<string, RowTypes[TableName][]>;
      for (const table of TABLE_NAMES) for (const r of changes[table] ?? []) store.put(table, r as never);
    }
    const expected = projectInMemory(events as RecordedEvent[]).rows;
    const sorted = (rows: MemoryRows) =>
      Object.fromEntries(TABLE_NAMES.map((t) => [t, [...rows.tables[t].entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r)]));
    expect(sorted(store)).toEqual(sorted(expected));
  });

  it('counters agree with the instance list of every branch', async () => {
    const source = snapshotSource(projectInMemory(events));
    for (const branchId of ['B1', 'B2', '_unit']) {
      const list = await branchInstances(source, 'C1', branchId, { asOf: '2009-03-25' });
      const rows = await source.aggregate('counter', { campaign_id: 'C1', branch_id: branchId, cancelled: false }, [], ['applicable', 'done']);
      expect({ applicable: list.length, done: list.filter((i) => i.status === 'completed').length }).toEqual({
        applicable: rows[0]?.applicable ?? 0,
        done: rows[0]?.done ?? 0,
      });
    }
  });
});
