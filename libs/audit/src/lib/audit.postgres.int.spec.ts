// The audit tools against a real PostgreSQL, with tampering done the way it would be: raw SQL on the events table.
import { PassThrough, Readable } from 'node:stream';
import { Pool } from 'pg';
import { PostgresEventStore, hashEvent } from '@campaign-ledger/event-store';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { seedLedger } from '../testing/ledger-fixture';
import { computeDigest, verifyAgainstDigest } from './digest';
import { ImportLineError, StoreNotEmptyError } from './errors';
import { exportLog, importLog } from './ndjson';
import { PostgresRestoreTarget } from './restore-target';
import { verifyLog } from './verify-log';

interface Ledger {
  database: TestDatabase;
  store: PostgresEventStore;
  pool: Pool;
}

async function openLedger(): Promise<Ledger> {
  const database = await createTestDatabase('cl_audit');
  const store = await PostgresEventStore.connect(database.url);
  return { database, store, pool: quietPool(new Pool({ connectionString: database.url, max: 3 })) };
}

async function closeLedger(ledger: Ledger): Promise<void> {
  await ledger.pool.end();
  await ledger.store.close();
  await ledger.database.drop();
}

async function exportText(store: PostgresEventStore): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportLog(store, sink, undefined, { pageSize: 4 });
  sink.end();
  return Buffer.concat(chunks).toString('utf8');
}

const actor = { id: 'acc-admin', role: 'administrator' };

/** Waits until readAll shows `count` events: it hides rows newer than any transaction running on the (shared) server. */
async function untilVisible(store: PostgresEventStore, count: number): Promise<void> {
  for (let waited = 0; (await store.readAll()).length < count; waited += 200) {
    if (waited > 50_000) throw new Error(`only ${(await store.readAll()).length} of ${count} events visible after 50 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('audit on PostgreSQL', () => {
  let ledger: Ledger;

  beforeEach(async () => {
    ledger = await openLedger();
    await untilVisible(ledger.store, await seedLedger(ledger.store));
  });

  afterEach(async () => {
    await closeLedger(ledger);
  });

  const sql = (text: string, values: unknown[] = []) => ledger.pool.query(text, values);
  const eventAt = async (streamId: string, revision: number) => (await ledger.store.readStream(streamId, { fromRevision: revision, maxCount: 1 }))[0];

  it('finds nothing wrong with an untouched log', async () => {
    expect(await verifyLog(ledger.store, undefined, { pageSize: 5 })).toMatchObject({ ok: true, events: 12, streams: 6, brokenCount: 0 });
  });

  it('names a row whose data was changed with UPDATE', async () => {
    const target = await eventAt('branchWork-c1:b1', 1);
    await sql(`UPDATE events SET data = jsonb_set(data, '{reason}', '"材料已补齐"') WHERE stream_id = $1 AND revision = 1`, ['branchWork-c1:b1']);
    const report = await verifyLog(ledger.store);
    expect(report.broken).toEqual([expect.objectContaining({ streamId: 'branchWork-c1:b1', revision: 1, eventId: target.id, reason: 'hash_mismatch' })]);
  });

  it('names the gap a DELETE leaves mid-stream', async () => {
    await sql('DELETE FROM events WHERE stream_id = $1 AND revision = 1', ['campaign-c1']);
    const report = await verifyLog(ledger.store);
    expect(report.broken).toEqual([expect.objectContaining({ streamId: 'campaign-c1', revision: 2, reason: 'revision_gap', expected: '1' })]);
  });

  it('finds a DELETE of the last row of a stream against an earlier digest, naming the stream with the manifest', async () => {
    const taken = await computeDigest(ledger.store);
    await ledger.store.append('campaign-c1', [{ type: 'StageOpened', data: { stageId: 's2' } }], { expectedRevision: 2, metadata: { actor } });
    await untilVisible(ledger.store, 13);
    await sql('DELETE FROM events WHERE stream_id = $1 AND revision = 3', ['branchWork-c1:b1']);
    expect((await verifyLog(ledger.store)).ok).toBe(true);
    const check = await verifyAgainstDigest(ledger.store, taken.digest, { manifest: taken.manifest });
    // The digest counts events: the one appended since slides under the count of the one deleted.
    expect(check).toMatchObject({ ok: false, rootMatches: false, eventsSince: 0, eventsAtDigest: 12, eventsAtDigestThen: 12 });
    expect(check.differences).toEqual([
      expect.objectContaining({
        streamId: 'branchWork-c1:b1',
        kind: 'head_changed',
        expected: expect.objectContaining({ revision: 3 }),
        actual: expect.objectContaining({ revision: 2 }),
      }),
    ]);
  });

  it('names a forged row INSERTed mid-stream by shifting revisions, and one appended with a bogus hash', async () => {
    const first = await eventAt('campaign-c1', 0);
    await sql('UPDATE events SET revision = revision + 1000 WHERE stream_id = $1 AND revision >= 1', ['campaign-c1']);
    await sql('UPDATE events SET revision = revision - 999 WHERE stream_id = $1 AND revision >= 1000', ['campaign-c1']);
    const forged = {
      id: '0190f0f0-0000-7000-8000-00000000f0f0',
      streamId: 'campaign-c1',
      revision: 1,
      type: 'StageOpened',
      schemaVersion: 1,
      data: { campaignId: 'c1', stageId: 'forged' },
      metadata: first.metadata,
      previousHash: first.hash,
    };
    await sql(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [forged.streamId, 1, forged.id, forged.type, 1, JSON.stringify(forged.data), JSON.stringify(forged.metadata), forged.previousHash, hashEvent(forged)],
    );
    const head = await eventAt('organisation-u1', 1);
    await sql(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
      VALUES ('organisation-u1', 2, '0190f0f0-0000-7000-8000-00000000f0f1', 'MemberJoined', 1, '{"memberId":"ghost"}', $1, $2, $3)`,
      [JSON.stringify(head.metadata), head.hash, 'b'.repeat(64)],
    );
    await untilVisible(ledger.store, 14);

    const report = await verifyLog(ledger.store);
    expect(report.broken.map((b) => `${b.streamId}@${b.revision}:${b.reason}`)).toEqual([
      // The forgery copied the first event's sealed recording time; its row got the time of the INSERT.
      'campaign-c1@1:recorded_at_mismatch',
      'campaign-c1@1:log_order',
      'campaign-c1@2:previous_hash_mismatch',
      'campaign-c1@2:hash_mismatch',
      'campaign-c1@3:hash_mismatch',
      'organisation-u1@2:hash_mismatch',
    ]);
    expect(report.broken[0].eventId).toBe(forged.id);
  });

  it('names a recorded_at changed with UPDATE, with both times, and a digest taken before says CHANGED', async () => {
    const taken = await computeDigest(ledger.store);
    const target = await eventAt('campaign-c1', 1);
    await sql(`UPDATE events SET recorded_at = '2020-01-01T00:00:00Z' WHERE stream_id = $1 AND revision = 1`, ['campaign-c1']);
    const report = await verifyLog(ledger.store);
    expect(report.broken).toEqual([
      expect.objectContaining({
        streamId: 'campaign-c1',
        revision: 1,
        eventId: target.id,
        reason: 'recorded_at_mismatch',
        expected: target.metadata.recordedAt,
        actual: '2020-01-01T00:00:00.000Z',
      }),
    ]);
    expect(await ledger.store.verifyStream('campaign-c1')).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: 'recorded_at_mismatch' } });
    const check = await verifyAgainstDigest(ledger.store, taken.digest, { manifest: taken.manifest });
    expect(check).toMatchObject({ ok: false, rootMatches: false, differences: [] });
  });

  it('round-trips through NDJSON into an empty database: same hashes, same contents, same recording times, same digest', async () => {
    await ledger.store.append('branchWork-c1:b2', [{ type: 'QuantityReported', data: { subjectId: 'm-9', amount: 1.5, note: '半' } }], {
      expectedRevision: 'any',
      idempotencyKey: 'report-42',
      metadata: { actor, reason: '补报', correlationId: 'corr-1', causationId: 'cause-1' },
    });
    await untilVisible(ledger.store, 13);
    const text = await exportText(ledger.store);
    const copy = await openLedger();
    try {
      const result = await importLog(copy.store, Readable.from([text]), undefined, { target: new PostgresRestoreTarget(copy.pool), batchSize: 2 });
      await untilVisible(copy.store, 13);
      const strip = (e: Awaited<ReturnType<PostgresEventStore['readAll']>>[number]) => ({
        id: e.id,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        previousHash: e.previousHash,
        hash: e.hash,
        recordedAt: e.recordedAt.toISOString(),
      });
      expect((await copy.store.readAll()).map(strip)).toEqual((await ledger.store.readAll()).map(strip));
      const recorded = async (pool: Pool) => (await pool.query('SELECT event_id, recorded_at FROM events ORDER BY transaction_id, position')).rows;
      expect(await recorded(copy.pool)).toEqual(await recorded(ledger.pool));
      const original = await computeDigest(ledger.store);
      expect(result.digest.digest).toBe(original.digest);
      expect(result.exportedDigest).toBe(original.digest);
      expect((await computeDigest(copy.store)).digest).toBe(original.digest);
      expect(result.digest.manifest.streams).toEqual(original.manifest.streams);
      expect(await verifyLog(copy.store)).toMatchObject({ ok: true, events: 13 });
      // The restored idempotency key still replays instead of appending twice.
      const retry = await copy.store.append('branchWork-c1:b2', [{ type: 'QuantityReported', data: {} }], {
        expectedRevision: 'any',
        idempotencyKey: 'report-42',
        metadata: { actor },
      });
      expect(retry).toMatchObject({ replayed: true, firstRevision: 1 });
      // A second import is refused.
      await expect(importLog(copy.store, Readable.from([text]), undefined, { target: new PostgresRestoreTarget(copy.pool) })).rejects.toThrow(
        StoreNotEmptyError,
      );
    } finally {
      await closeLedger(copy);
    }
  });

  it('imports nothing when a line does not keep its hash', async () => {
    const text = await exportText(ledger.store);
    const altered = text.replace('"材料不全"', '"材料齐全"');
    const copy = await openLedger();
    try {
      const failure = importLog(copy.store, Readable.from([altered]), undefined, { target: new PostgresRestoreTarget(copy.pool) });
      await expect(failure).rejects.toThrow(ImportLineError);
      await expect(failure).rejects.toThrow(/^line 7: branchWork-c1:b1@1/);
      expect((await copy.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(0);
    } finally {
      await closeLedger(copy);
    }
  });
});
