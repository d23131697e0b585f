import { createHash } from 'node:crypto';
import { InMemoryEventStore, formatPosition, hashEvent, type RecordedEvent } from '@campaign-ledger/event-store';
import { ArrayEventStore } from '../testing/array-event-store';
import { seedLedger } from '../testing/ledger-fixture';
import { CHECKPOINT_EVERY, computeDigest, formatLegacyDigest, parseDigest, parseManifest, rootOf, verifyAgainstDigest } from './digest';
import { DigestScopeError, InvalidDigestError, InvalidManifestError } from './errors';
import type { LogScope } from './verify-log';

const actor = { id: 'acc-admin', role: 'administrator' };
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The log with new positions, as a restore into another database gives it. */
const restored = (events: readonly RecordedEvent[]) =>
  new ArrayEventStore(events.map((event, i) => ({ ...event, globalPosition: BigInt(1000 + i), logPosition: { commit: 77n, prepare: BigInt(1000 + i) } })));

/** The log as written before recording times were sealed: no metadata.recordedAt, every chain rehashed. */
function legacy(events: readonly RecordedEvent[]): RecordedEvent[] {
  const heads = new Map<string, string>();
  return events.map((event) => {
    const { recordedAt: _sealed, ...metadata } = event.metadata;
    const previousHash = heads.get(event.streamId) ?? null;
    const unsealed = { ...event, metadata, previousHash };
    const hash = hashEvent(unsealed);
    heads.set(event.streamId, hash);
    return { ...unsealed, hash };
  });
}

describe('ledger digest', () => {
  let memory: InMemoryEventStore;

  beforeEach(async () => {
    memory = new InMemoryEventStore();
    await seedLedger(memory);
  });

  it("is v2:all:<events>:<SHA-256 over every event's hash and recording time, a line each, in log order>", async () => {
    const all = await memory.readAll();
    const result = await computeDigest(memory, { pageSize: 4 });
    const root = sha(`campaign-ledger/digest/v2\nall\n${all.map((event) => `${event.hash} ${event.recordedAt.toISOString()}\n`).join('')}`);
    expect(result.digest).toBe(`v2:all:12:${root}`);
    expect(result).toMatchObject({ scope: 'all', events: 12, streams: 6, root, position: all[11].logPosition });
    expect(result.manifest).toMatchObject({
      version: 2,
      digest: result.digest,
      scope: 'all',
      events: 12,
      root,
      position: formatPosition(all[11].logPosition),
      checkpoints: [],
    });
    expect(result.manifest.streams.map((s) => s.streamId)).toEqual([
      'audit-reads-acc-aud',
      'branchWork-c1:b1',
      'branchWork-c1:b2',
      'branchWork-c2:b1',
      'campaign-c1',
      'organisation-u1',
    ]);
    expect(result.manifest.streams.find((s) => s.streamId === 'campaign-c1')).toEqual({ streamId: 'campaign-c1', ...(await memory.streamHead('campaign-c1')) });
    expect(rootOf(result.manifest.streams)).toBe(result.headsRoot);
  });

  it('of an empty log covers 0 events', async () => {
    const result = await computeDigest(new InMemoryEventStore());
    expect(result.digest).toBe(`v2:all:0:${sha('campaign-ledger/digest/v2\nall\n')}`);
  });

  it('parses v2 and the older v1, nothing else', () => {
    expect(parseDigest(` v2:unit.U1:42:${'A'.repeat(64)}\n`)).toEqual({ version: 'v2', scope: 'unit.U1', events: 42, root: 'a'.repeat(64) });
    expect(parseDigest(` v1:5/6:${'A'.repeat(64)}\n`)).toEqual({ version: 'v1', position: { commit: 5n, prepare: 6n }, root: 'a'.repeat(64) });
    expect(() => parseDigest('v3:all:1:' + 'a'.repeat(64))).toThrow(/version v3 is not supported/);
    expect(() => parseDigest('v2:all:1:abc')).toThrow(/64 hex digits/);
    expect(() => parseDigest('v2:1/1:' + 'a'.repeat(64))).toThrow(InvalidDigestError);
    expect(() => parseDigest('v1:1/1:abc')).toThrow(/64 hex digits/);
    expect(() => parseDigest('hello')).toThrow(/not a ledger digest.*expected v2:<scope>:<events>:<64 hex digits>/);
  });

  it('still holds after the log grew', async () => {
    const taken = await computeDigest(memory);
    await memory.append('campaign-c1', [{ type: 'StageOpened', data: { stageId: 's2' } }], { expectedRevision: 'any', metadata: { actor } });
    await memory.append('campaign-c9', [{ type: 'CampaignPlanned', data: {} }], { expectedRevision: 'no_stream', metadata: { actor } });
    const check = await verifyAgainstDigest(memory, taken.digest);
    expect(check).toMatchObject({ ok: true, version: 'v2', rootMatches: true, eventsAtDigest: 12, eventsAtDigestThen: 12, eventsSince: 2, differences: [] });
    expect(check.message).toBe('the log up to event 12 is unchanged, recording times included (12 events); 2 appended since');
  });

  it('survives a faithful restore (new log positions), where a v1 digest of the same log does not', async () => {
    const all = await memory.readAll();
    const taken = await computeDigest(memory);
    const copy = restored(all);
    expect(await verifyAgainstDigest(copy, taken.digest, { manifest: taken.manifest })).toMatchObject({ ok: true, rootMatches: true, eventsSince: 0 });
    expect((await computeDigest(copy)).digest).toBe(taken.digest);

    const v1 = formatLegacyDigest(all[11].logPosition, taken.headsRoot);
    expect(await verifyAgainstDigest(memory, v1)).toMatchObject({ ok: true, version: 'v1', rootMatches: true });
    const moved = await verifyAgainstDigest(copy, v1);
    expect(moved).toMatchObject({ ok: false, rootMatches: false });
    expect(moved.message).toContain('a v1 digest does not survive an export and import');
  });

  it('names only the stream that lost its last event when the log grew since (appends slide under the count)', async () => {
    const taken = await computeDigest(memory);
    await memory.append('campaign-c1', [{ type: 'StageOpened', data: { stageId: 's2' } }], { expectedRevision: 'any', metadata: { actor } });
    await memory.append('campaign-c9', [{ type: 'CampaignPlanned', data: {} }], { expectedRevision: 'no_stream', metadata: { actor } });
    const store = new ArrayEventStore(await memory.readAll());
    store.rows.splice(
      store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b1' && row.revision === 3),
      1,
    );
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(check).toMatchObject({ ok: false, rootMatches: false, eventsAtDigest: 12, eventsSince: 1 });
    expect(check.differences).toEqual([
      expect.objectContaining({ streamId: 'branchWork-c1:b1', kind: 'head_changed', message: 'revision 3 was the head, now 2: events deleted' }),
    ]);
  });

  it('fails when the last event of a stream was deleted, and the manifest names the stream', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    store.rows.splice(
      store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b2'),
      1,
    );
    const last = store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b1' && row.revision === 3);
    store.rows.splice(last, 1);

    const blind = await verifyAgainstDigest(store, taken.digest);
    expect(blind).toMatchObject({ ok: false, rootMatches: false, differences: [], eventsAtDigest: 10, eventsAtDigestThen: 12 });
    expect(blind.verify.ok).toBe(true); // the chains alone cannot see a cut-off tail
    expect(blind.message).toContain('it now holds only 10 event(s) there: events were deleted');
    expect(blind.message).toContain('keep the manifest');

    const named = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(named.differences).toEqual([
      expect.objectContaining({
        streamId: 'branchWork-c1:b1',
        kind: 'head_changed',
        expected: expect.objectContaining({ revision: 3 }),
        actual: expect.objectContaining({ revision: 2 }),
      }),
      expect.objectContaining({ streamId: 'branchWork-c1:b2', kind: 'head_missing', actual: null }),
    ]);
    expect(named.message).toContain('2 stream(s) differ');
  });

  it('fails when an event was re-timed, even one written before recording times were sealed', async () => {
    const old = legacy(await memory.readAll());
    const taken = await computeDigest(new ArrayEventStore(old));
    const store = new ArrayEventStore(old);
    const row = store.rows.findIndex((r) => r.streamId === 'campaign-c1' && r.revision === 1);
    store.rows[row] = { ...store.rows[row], recordedAt: new Date(store.rows[row].recordedAt.getTime() - 3_600_000) };
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    // Nothing in an unsealed event records its time: the chains verify, only the digest sees it.
    expect(check.verify.ok).toBe(true);
    expect(check).toMatchObject({ ok: false, rootMatches: false, differences: [], firstDifference: { fromEvent: 1, toEvent: 12 } });
    expect(check.message).toContain('no stream head differs from the manifest: events were re-timed, reordered or replaced in place');

    // A sealed event re-timed is named by the chain check as well.
    const sealed = new ArrayEventStore(await memory.readAll());
    sealed.rows[row] = { ...sealed.rows[row], recordedAt: new Date(0) };
    const named = await verifyAgainstDigest(sealed, (await computeDigest(memory)).digest);
    expect(named.rootMatches).toBe(false);
    expect(named.verify.broken).toEqual([
      expect.objectContaining({ streamId: 'campaign-c1', revision: 1, reason: 'recorded_at_mismatch', actual: '1970-01-01T00:00:00.000Z' }),
    ]);
  });

  it('fails when events of two streams swap places in the log, though every chain and head is the same', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    [store.rows[2], store.rows[1]] = [store.rows[1], store.rows[2]];
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(check.verify.ok).toBe(true);
    expect(check).toMatchObject({ ok: false, rootMatches: false, differences: [] });
  });

  it("names the stretch of the log where a long log first differs, by the manifest's checkpoints", async () => {
    const long = new InMemoryEventStore();
    await long.append(
      'bulk',
      Array.from({ length: 2 * CHECKPOINT_EVERY + 500 }, (_, n) => ({ type: 'Counted', data: { n } })),
      { expectedRevision: 'no_stream', metadata: { actor } },
    );
    const taken = await computeDigest(long);
    expect(taken.manifest.checkpoints.map((mark) => mark.events)).toEqual([CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY]);
    const store = new ArrayEventStore(await long.readAll());
    const at = CHECKPOINT_EVERY + 499;
    store.rows[at] = { ...store.rows[at], recordedAt: new Date(0) };
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(check.firstDifference).toEqual({ fromEvent: CHECKPOINT_EVERY + 1, toEvent: 2 * CHECKPOINT_EVERY });
    expect(check.message).toContain(`the first difference lies in events ${CHECKPOINT_EVERY + 1}..${2 * CHECKPOINT_EVERY} in log order`);
  });

  it('fails when an event before the digest was altered, naming the stream and the broken place', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    const row = store.rows.find((r) => r.streamId === 'organisation-u1' && r.revision === 1);
    Object.assign(row as object, { data: { ...(row?.data as object), name: '李四' } });
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    // The stored hash and time are unchanged, so the root still matches: the chain check is what catches it.
    expect(check.ok).toBe(false);
    expect(check.verify.broken).toEqual([expect.objectContaining({ streamId: 'organisation-u1', revision: 1, reason: 'hash_mismatch' })]);
  });

  it('names a stream inserted before the digest', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    const copy = { ...store.rows[0], streamId: 'organisation-u2', id: '00000000-0000-7000-8000-00000000000a' };
    store.rows.splice(1, 0, copy);
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(check.differences).toEqual([expect.objectContaining({ streamId: 'organisation-u2', kind: 'stream_added' })]);
    expect(check).toMatchObject({ rootMatches: false, eventsSince: 1 });
  });

  it('refuses a manifest that does not belong to the digest', async () => {
    const taken = await computeDigest(memory);
    const forged = { ...taken.manifest, streams: taken.manifest.streams.slice(1) };
    await expect(verifyAgainstDigest(memory, taken.digest, { manifest: forged })).rejects.toThrow(InvalidManifestError);
    const legacyManifest = { format: 'campaign-ledger/manifest', version: 1, digest: 'x', position: '1/1', root: 'x', events: 1, streams: [] };
    await expect(verifyAgainstDigest(memory, taken.digest, { manifest: parseManifest(legacyManifest) })).rejects.toThrow(
      /use the manifest written with this digest/,
    );
    expect(() => parseManifest({ hello: 1 })).toThrow(/not a ledger manifest/);
    expect(() => parseManifest({ ...taken.manifest, checkpoints: undefined })).toThrow(/checkpoints/);
  });

  describe('of a scope', () => {
    /** One unit's streams: its organisation and every plan, learnt from the events before (a stream's first event). */
    const unitScope = (unitId: string, seen: string[] = []): LogScope => {
      const plans = new Set<string>();
      return {
        label: `unit.${unitId}`,
        includes(event) {
          seen.push(event.id);
          if (event.type === 'CampaignPlanned') plans.add(event.streamId);
          return event.streamId === `organisation-${unitId}` || plans.has(event.streamId);
        },
      };
    };

    it('covers only the events the scope includes, asking once per event in log order, and carries its label', async () => {
      const seen: string[] = [];
      const taken = await computeDigest(memory, { scope: unitScope('u1', seen) });
      expect(seen).toEqual((await memory.readAll()).map((event) => event.id));
      expect(taken.digest).toMatch(/^v2:unit\.u1:5:[0-9a-f]{64}$/);
      expect(taken.manifest.streams.map((s) => s.streamId)).toEqual(['campaign-c1', 'organisation-u1']);

      // Events outside the scope may change; the scope's digest still holds.
      const store = new ArrayEventStore(await memory.readAll());
      store.rows.splice(
        store.rows.findIndex((row) => row.streamId === 'branchWork-c2:b1'),
        1,
      );
      const calls: string[] = [];
      const check = await verifyAgainstDigest(store, taken.digest, { scope: unitScope('u1', calls) });
      expect(check).toMatchObject({ ok: true, scope: 'unit.u1', rootMatches: true, eventsAtDigest: 5, verify: { scope: 'unit.u1', events: 5 } });
      expect(calls).toHaveLength(11);
      expect(check.message).toContain('the log up to event 5 of scope unit.u1 is unchanged');
    });

    it('refuses to check a digest against another scope, and labels that cannot stand in a digest', async () => {
      const taken = await computeDigest(memory, { scope: unitScope('u1') });
      await expect(verifyAgainstDigest(memory, taken.digest)).rejects.toThrow(DigestScopeError);
      await expect(verifyAgainstDigest(memory, taken.digest)).rejects.toThrow(/was taken for scope "unit.u1", not "all": verify it with the scope it names/);
      const whole = await computeDigest(memory);
      await expect(verifyAgainstDigest(memory, whole.digest, { scope: unitScope('u1') })).rejects.toThrow(/taken for scope "all", not "unit.u1"/);
      const v1 = formatLegacyDigest({ commit: 1n, prepare: 1n }, whole.headsRoot);
      await expect(verifyAgainstDigest(memory, v1, { scope: unitScope('u1') })).rejects.toThrow(/a v1 digest covers the whole log/);
      await expect(computeDigest(memory, { scope: { label: 'unit:u1', includes: () => true } })).rejects.toThrow(/without ':' or white space/);
    });
  });
});
