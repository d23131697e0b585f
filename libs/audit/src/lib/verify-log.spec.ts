import { InMemoryEventStore, hashEvent, type RecordedEvent } from '@campaign-ledger/event-store';
import { ArrayEventStore } from '../testing/array-event-store';
import { seedLedger } from '../testing/ledger-fixture';
import { verifyLog, type VerifyProgress } from './verify-log';

describe('verifyLog', () => {
  let memory: InMemoryEventStore;
  /** A copy of the seeded log whose rows the tests rewrite (the in-memory store's tamper() does not reach readAll). */
  let store: ArrayEventStore;
  const tamper = (streamId: string, revision: number, change: (event: RecordedEvent) => RecordedEvent) => {
    const index = store.rows.findIndex((row) => row.streamId === streamId && row.revision === revision);
    store.rows[index] = change(store.rows[index]);
  };

  beforeEach(async () => {
    memory = new InMemoryEventStore();
    await seedLedger(memory);
    store = new ArrayEventStore(await memory.readAll());
  });

  it('passes a sound log, counting streams and events, and reports progress in pages', async () => {
    const progress: VerifyProgress[] = [];
    const report = await verifyLog(memory, (p) => progress.push(p), { pageSize: 5, total: 12 });
    expect(report).toMatchObject({ ok: true, streams: 6, events: 12, brokenCount: 0, broken: [] });
    expect(progress.filter((p) => p.phase === 'reading').map((p) => p.events)).toEqual([5, 10, 12]);
    expect(progress.at(-1)).toEqual({ phase: 'done', events: 12, streams: 6, total: 12 });
  });

  it('names an altered event by stream, revision and id', async () => {
    tamper('branchWork-c1:b1', 1, (event) => ({ ...event, data: { ...(event.data as object), reason: '已补齐' } }));
    const [altered] = await store.readStream('branchWork-c1:b1', { fromRevision: 1, maxCount: 1 });
    const report = await verifyLog(store);
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      expect.objectContaining({ streamId: 'branchWork-c1:b1', revision: 1, eventId: altered.id, reason: 'hash_mismatch', actual: altered.hash }),
    ]);
  });

  it('reports every broken place, not only the first per stream', async () => {
    tamper('branchWork-c1:b1', 0, (event) => ({ ...event, type: 'TaskSkipped' }));
    tamper('branchWork-c1:b1', 2, (event) => ({ ...event, metadata: { ...event.metadata, actor: { id: 'intruder', role: 'administrator' } } }));
    tamper('campaign-c1', 1, (event) => ({ ...event, previousHash: 'f'.repeat(64) }));
    const report = await verifyLog(store);
    expect(report.broken.map((b) => `${b.streamId}@${b.revision}:${b.reason}`)).toEqual([
      'branchWork-c1:b1@0:hash_mismatch',
      'branchWork-c1:b1@2:hash_mismatch',
      'campaign-c1@1:previous_hash_mismatch',
      'campaign-c1@1:hash_mismatch',
    ]);
    expect(report.brokenCount).toBe(4);
  });

  it('shows a deleted event as a gap at the next revision', async () => {
    const index = store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b1' && row.revision === 1);
    store.rows.splice(index, 1);
    const report = await verifyLog(store);
    expect(report.broken).toEqual([expect.objectContaining({ streamId: 'branchWork-c1:b1', revision: 2, reason: 'revision_gap', expected: '1', actual: '2' })]);
    expect(report.broken[0].message).toContain('revision 1 is missing');
  });

  it('names a forged row inserted mid-stream and every event it displaced', async () => {
    const stream = 'campaign-c1';
    const original = store.rows.filter((row) => row.streamId === stream);
    // Shift revisions 1.. up by one and slip a well-hashed forgery in at revision 1.
    for (const row of original.filter((r) => r.revision >= 1)) Object.assign(row, { revision: row.revision + 1 });
    const forged = {
      id: '00000000-0000-7000-8000-000000000001',
      streamId: stream,
      revision: 1,
      type: 'StageOpened',
      schemaVersion: 1,
      data: { campaignId: 'c1', stageId: 'forged' },
      metadata: original[0].metadata,
      previousHash: original[0].hash,
    };
    // Stored a minute after the sealed time it copied (a fixed gap, so the mismatch never depends on the clock's millisecond).
    const storedAt = new Date(Date.parse(original[0].metadata.recordedAt as string) + 60_000);
    const row: RecordedEvent = { ...forged, hash: hashEvent(forged), recordedAt: storedAt, ...store.nextPosition() };
    store.rows.push(row);
    const report = await verifyLog(store);
    const places = report.broken.map((b) => `${b.revision}:${b.reason}`);
    expect(report.broken.every((b) => b.streamId === stream)).toBe(true);
    // The forgery copied the first event's metadata, sealed recording time included, but got a row of its own.
    expect(places).toEqual(['1:recorded_at_mismatch', '1:log_order', '2:previous_hash_mismatch', '2:hash_mismatch', '3:hash_mismatch']);
    expect(report.broken.find((b) => b.reason === 'log_order')?.eventId).toBe(forged.id);
  });

  it('names a row appended with a bogus hash', async () => {
    const head = store.rows.filter((row) => row.streamId === 'organisation-u1').at(-1) as RecordedEvent;
    store.rows.push({
      ...head,
      id: '00000000-0000-7000-8000-0000000000ff',
      revision: 2,
      previousHash: head.hash,
      hash: 'b'.repeat(64),
      data: { unitId: 'u1', memberId: 'ghost' },
      recordedAt: new Date(),
      ...store.nextPosition(),
    });
    const report = await verifyLog(store);
    expect(report.broken).toEqual([expect.objectContaining({ streamId: 'organisation-u1', revision: 2, reason: 'hash_mismatch', actual: 'b'.repeat(64) })]);
  });

  it('names an event whose stored recording time is not its sealed one, with both times', async () => {
    const [event] = await store.readStream('campaign-c1', { fromRevision: 1, maxCount: 1 });
    tamper('campaign-c1', 1, (e) => ({ ...e, recordedAt: new Date('2024-01-01T00:00:00.000Z') }));
    const report = await verifyLog(store);
    expect(report.broken).toEqual([
      expect.objectContaining({
        streamId: 'campaign-c1',
        revision: 1,
        eventId: event.id,
        reason: 'recorded_at_mismatch',
        expected: event.metadata.recordedAt,
        actual: '2024-01-01T00:00:00.000Z',
      }),
    ]);
    expect(report.broken[0].message).toContain(`stored as recorded at 2024-01-01T00:00:00.000Z but sealed as recorded at ${event.metadata.recordedAt}`);
  });

  it('checks events written before recording times were sealed exactly as before', async () => {
    const { recordedAt: _sealed, ...metadata } = (await store.readStream('organisation-u1'))[0].metadata;
    tamper('organisation-u1', 0, (e) => {
      const unsealed = { ...e, metadata };
      return { ...unsealed, hash: hashEvent(unsealed), recordedAt: new Date(0) };
    });
    tamper('organisation-u1', 1, (e) => ({ ...e, previousHash: store.rows.find((r) => r.streamId === 'organisation-u1' && r.revision === 0)?.hash ?? null }));
    const report = await verifyLog(store);
    // Revision 1 links to the rehashed revision 0 but its own hash covered the old link: a content break, no time break.
    expect(report.broken.map((b) => `${b.streamId}@${b.revision}:${b.reason}`)).toEqual(['organisation-u1@1:hash_mismatch']);
  });

  it('checks only the scope given, asking it once per event', async () => {
    tamper('branchWork-c1:b1', 1, (event) => ({ ...event, data: { altered: true } }));
    const asked: string[] = [];
    const scope = { label: 'unit.u1', includes: (event: RecordedEvent) => (asked.push(event.id), !event.streamId.startsWith('branchWork-')) };
    const progress: VerifyProgress[] = [];
    const report = await verifyLog(store, (p) => progress.push(p), { scope, total: 12 });
    expect(report).toMatchObject({ ok: true, scope: 'unit.u1', streams: 3, events: 6 });
    expect(asked).toHaveLength(12);
    expect(progress.at(-1)).toEqual({ phase: 'done', events: 12, streams: 3, total: 12 });
    expect((await verifyLog(store)).ok).toBe(false);
  });

  it('keeps at most maxReported places but counts them all', async () => {
    for (const revision of [0, 1, 2, 3]) tamper('branchWork-c1:b1', revision, (event) => ({ ...event, schemaVersion: 9 }));
    const report = await verifyLog(store, undefined, { maxReported: 2 });
    expect(report.brokenCount).toBe(4);
    expect(report.broken).toHaveLength(2);
  });
});
