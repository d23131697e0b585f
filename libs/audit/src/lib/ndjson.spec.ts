import { PassThrough, Readable } from 'node:stream';
import { InMemoryEventStore } from '@campaign-ledger/event-store';
import { ArrayEventStore } from '../testing/array-event-store';
import { seedLedger } from '../testing/ledger-fixture';
import { computeDigest } from './digest';
import { ImportFileError, ImportLineError, RestoreNotSupportedError, StoreNotEmptyError } from './errors';
import { exportLog, importLog, type TransferProgress } from './ndjson';

async function exportToText(store: InMemoryEventStore | ArrayEventStore, total?: number): Promise<{ text: string; result: Awaited<ReturnType<typeof exportLog>> }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const result = await exportLog(store, sink, undefined, { total, pageSize: 5, clock: { now: () => new Date('2024-04-01T00:00:00Z') } });
  sink.end();
  return { text: Buffer.concat(chunks).toString('utf8'), result };
}

const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line));
const edit = (text: string, index: number, change: (value: any) => any) =>
  text.trimEnd().split('\n').map((line, i) => (i === index ? JSON.stringify(change(JSON.parse(line))) : line)).join('\n') + '\n';

describe('NDJSON export and import', () => {
  let source: InMemoryEventStore;

  beforeEach(async () => {
    source = new InMemoryEventStore();
    await seedLedger(source);
  });

  it('writes a header, one line per event with its whole envelope, and a trailer with the digest', async () => {
    const { text, result } = await exportToText(source, 12);
    const [header, ...rest] = lines(text);
    const trailer = rest.pop();
    const digest = await computeDigest(source);
    expect(header).toEqual({ kind: 'header', format: 'campaign-ledger/ndjson', version: 1, exportedAt: '2024-04-01T00:00:00.000Z', backend: 'memory', events: 12 });
    expect(trailer).toEqual({ kind: 'trailer', events: 12, streams: 6, digest: digest.digest, broken: 0 });
    expect(result).toMatchObject({ events: 12, streams: 6, broken: 0 });
    const first = (await source.readAll())[0];
    expect(rest[0]).toEqual({
      kind: 'event', position: `${first.logPosition.commit}/${first.logPosition.prepare}`, globalPosition: String(first.globalPosition),
      id: first.id, streamId: first.streamId, revision: 0, type: first.type, schemaVersion: 1, data: first.data, metadata: first.metadata,
      recordedAt: first.recordedAt.toISOString(), previousHash: null, hash: first.hash,
    });
  });

  it('round-trips into an empty store with identical ids, metadata and hashes, and the same root', async () => {
    const { text } = await exportToText(source);
    const target = new ArrayEventStore();
    const progress: TransferProgress[] = [];
    const result = await importLog(target, Readable.from([text]), (p) => progress.push(p), { target: target.restoreTarget(), batchSize: 3 });
    const before = await source.readAll();
    const after = await target.readAll();
    const strip = (e: (typeof before)[number]) => ({ id: e.id, streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata, previousHash: e.previousHash, hash: e.hash });
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(result.digest.root).toBe((await computeDigest(source)).root);
    expect(result).toMatchObject({ events: 12, streams: 6 });
    expect(progress.at(-1)).toEqual({ events: 12, total: null });
  });

  it('refuses a store that is not empty', async () => {
    const { text } = await exportToText(source);
    const target = new ArrayEventStore(await source.readAll());
    await expect(importLog(target, Readable.from([text]), undefined, { target: target.restoreTarget() })).rejects.toThrow(StoreNotEmptyError);
  });

  it('says which backend cannot restore sealed events', async () => {
    const { text } = await exportToText(source);
    await expect(importLog(new InMemoryEventStore(), Readable.from([text]))).rejects.toThrow(RestoreNotSupportedError);
  });

  it('stops at an altered line, naming it, and leaves the store empty', async () => {
    const { text } = await exportToText(source);
    const altered = edit(text, 6, (event) => ({ ...event, data: { ...event.data, reason: '改过' } }));
    const target = new ArrayEventStore();
    const failure = importLog(target, Readable.from([altered]), undefined, { target: target.restoreTarget() });
    await expect(failure).rejects.toThrow(ImportLineError);
    await expect(failure).rejects.toThrow(/^line 7: branchWork-c1:b1@1 .* hashes to [0-9a-f]{64}, not the exported/);
    expect(target.rows).toHaveLength(0);
  });

  it('stops at a missing line (a revision gap) and at a truncated file', async () => {
    const { text } = await exportToText(source);
    const all = text.trimEnd().split('\n');
    const gap = [...all.slice(0, 6), ...all.slice(7)].join('\n');
    const target = new ArrayEventStore();
    await expect(importLog(target, Readable.from([gap]), undefined, { target: target.restoreTarget() }))
      .rejects.toThrow(/^line 7: branchWork-c1:b1@2 comes where revision 1 was expected/);
    const truncated = all.slice(0, -1).join('\n');
    await expect(importLog(target, Readable.from([truncated]), undefined, { target: target.restoreTarget() })).rejects.toThrow(ImportFileError);
    await expect(importLog(target, Readable.from([truncated]), undefined, { target: target.restoreTarget() })).rejects.toThrow(/truncated/);
    expect(target.rows).toHaveLength(0);
  });

  it('refuses files that are not exports', async () => {
    const target = new ArrayEventStore();
    const run = (text: string) => importLog(target, Readable.from([text]), undefined, { target: target.restoreTarget() });
    await expect(run('hello\n')).rejects.toThrow(/^line 1: not JSON/);
    await expect(run('{"kind":"event"}\n')).rejects.toThrow(/^line 1: not a Campaign Ledger export/);
    await expect(run('')).rejects.toThrow(/empty/);
    const { text } = await exportToText(source);
    await expect(run(edit(text, 2, (event) => ({ ...event, hash: undefined })))).rejects.toThrow(/^line 3: event line lacks a valid hash/);
  });
});
