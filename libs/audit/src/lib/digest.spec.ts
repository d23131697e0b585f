import { InMemoryEventStore, formatPosition } from '@campaign-ledger/event-store';
import { ArrayEventStore } from '../testing/array-event-store';
import { seedLedger } from '../testing/ledger-fixture';
import { computeDigest, parseDigest, parseManifest, rootOf, verifyAgainstDigest } from './digest';
import { InvalidDigestError, InvalidManifestError } from './errors';

const actor = { id: 'acc-admin', role: 'administrator' };

describe('ledger digest', () => {
  let memory: InMemoryEventStore;

  beforeEach(async () => {
    memory = new InMemoryEventStore();
    await seedLedger(memory);
  });

  it('is v1:<position of the last event>:<root over every stream head sorted by id>', async () => {
    const all = await memory.readAll();
    const result = await computeDigest(memory, { pageSize: 4 });
    expect(result.digest).toBe(`v1:${formatPosition(all[all.length - 1].logPosition)}:${result.root}`);
    expect(result.digest).toMatch(/^v1:\d+\/\d+:[0-9a-f]{64}$/);
    expect(result).toMatchObject({ events: 12, streams: 6 });
    expect(result.manifest.streams.map((s) => s.streamId)).toEqual(
      ['audit-reads-acc-aud', 'branchWork-c1:b1', 'branchWork-c1:b2', 'branchWork-c2:b1', 'campaign-c1', 'organisation-u1'],
    );
    expect(result.manifest.streams.find((s) => s.streamId === 'campaign-c1')).toEqual({ streamId: 'campaign-c1', ...(await memory.streamHead('campaign-c1')) });
    expect(rootOf(result.manifest.streams)).toBe(result.root);
  });

  it('of an empty log is at 0/0', async () => {
    const result = await computeDigest(new InMemoryEventStore());
    expect(result.digest).toBe(`v1:0/0:${rootOf([])}`);
  });

  it('parses only its own shape', () => {
    expect(() => parseDigest('v2:1/1:' + 'a'.repeat(64))).toThrow(InvalidDigestError);
    expect(() => parseDigest('v1:1/1:abc')).toThrow(/64 hex digits/);
    expect(() => parseDigest('hello')).toThrow(/not a ledger digest/);
    expect(parseDigest(` v1:5/6:${'A'.repeat(64)}\n`)).toEqual({ version: 'v1', position: { commit: 5n, prepare: 6n }, root: 'a'.repeat(64) });
  });

  it('still holds after the log grew', async () => {
    const taken = await computeDigest(memory);
    await memory.append('campaign-c1', [{ type: 'StageOpened', data: { stageId: 's2' } }], { expectedRevision: 'any', metadata: { actor } });
    await memory.append('campaign-c9', [{ type: 'CampaignPlanned', data: {} }], { expectedRevision: 'no_stream', metadata: { actor } });
    const check = await verifyAgainstDigest(memory, taken.digest);
    expect(check).toMatchObject({ ok: true, rootMatches: true, eventsAtDigest: 12, eventsSince: 2, differences: [] });
    expect(check.message).toContain('unchanged');
  });

  it('fails when the last event of a stream was deleted, and the manifest names the stream', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    store.rows.splice(store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b2'), 1);
    const last = store.rows.findIndex((row) => row.streamId === 'branchWork-c1:b1' && row.revision === 3);
    store.rows.splice(last, 1);

    const blind = await verifyAgainstDigest(store, taken.digest);
    expect(blind).toMatchObject({ ok: false, rootMatches: false, differences: [] });
    expect(blind.verify.ok).toBe(true); // the chains alone cannot see a cut-off tail
    expect(blind.message).toContain('keep the manifest');

    const named = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    expect(named.differences).toEqual([
      expect.objectContaining({ streamId: 'branchWork-c1:b1', kind: 'head_changed', expected: expect.objectContaining({ revision: 3 }), actual: expect.objectContaining({ revision: 2 }) }),
      expect.objectContaining({ streamId: 'branchWork-c1:b2', kind: 'head_missing', actual: null }),
    ]);
    expect(named.eventsAtDigestThen).toBe(12);
    expect(named.eventsAtDigest).toBe(10);
    expect(named.message).toContain('12 events then, 10 now');
  });

  it('fails when an event before the digest was altered, naming the stream and the broken place', async () => {
    const taken = await computeDigest(memory);
    const store = new ArrayEventStore(await memory.readAll());
    const row = store.rows.find((r) => r.streamId === 'organisation-u1' && r.revision === 1);
    Object.assign(row as object, { data: { ...(row?.data as object), name: '李四' } });
    const check = await verifyAgainstDigest(store, taken.digest, { manifest: taken.manifest });
    // The stored head hash is unchanged, so the root still matches: the chain check is what catches it.
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
  });

  it('refuses a manifest that does not belong to the digest', async () => {
    const taken = await computeDigest(memory);
    const forged = { ...taken.manifest, streams: taken.manifest.streams.slice(1) };
    await expect(verifyAgainstDigest(memory, taken.digest, { manifest: forged })).rejects.toThrow(InvalidManifestError);
    expect(() => parseManifest({ hello: 1 })).toThrow(/not a ledger manifest/);
  });
});
