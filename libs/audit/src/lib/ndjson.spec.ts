import { PassThrough, Readable } from 'node:stream';
import { InMemoryEventStore, hashEvent } from '@campaign-ledger/event-store';
import { ArrayEventStore } from '../testing/array-event-store';
import { EVIDENCE_SHA, seedLedger } from '../testing/ledger-fixture';
import { computeDigest, formatLegacyDigest } from './digest';
import { ImportFileError, ImportLineError, RestoreNotSupportedError, StoreNotEmptyError } from './errors';
import { sha256Of, type BlobSource } from './evidence';
import { exportLog, importLog, type TransferProgress } from './ndjson';

async function exportToText(
  store: InMemoryEventStore | ArrayEventStore,
  total?: number,
  blobs?: BlobSource,
  onProgress?: (p: TransferProgress) => void,
): Promise<{ text: string; result: Awaited<ReturnType<typeof exportLog>> }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const result = await exportLog(store, sink, onProgress, { total, pageSize: 5, clock: { now: () => new Date('2024-04-01T00:00:00Z') }, blobs });
  sink.end();
  return { text: Buffer.concat(chunks).toString('utf8'), result };
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

/** The same export as the previous release wrote it: format version 1, no evidence lines, a v1 digest in the trailer. */
function asVersionOne(text: string, events: readonly { logPosition: { commit: bigint; prepare: bigint } }[], headsRoot: string): string {
  return (
    lines(text)
      .filter((value) => value.kind !== 'blob')
      .map((value) => {
        if (value.kind === 'header') return { ...value, version: 1 };
        if (value.kind !== 'trailer') return value;
        const { blobs: _blobs, ...trailer } = value;
        return { ...trailer, digest: formatLegacyDigest(events[events.length - 1].logPosition, headsRoot) };
      })
      .map((value) => JSON.stringify(value))
      .join('\n') + '\n'
  );
}
/** One parsed line of an export (header, event, blob or trailer), as a test alters it. */
type ExportLine = Record<string, unknown>;
const edit = (text: string, index: number, change: (value: ExportLine) => ExportLine) =>
  text
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === index ? JSON.stringify(change(JSON.parse(line))) : line))
    .join('\n') + '\n';

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
    expect(header).toEqual({
      kind: 'header',
      format: 'campaign-ledger/ndjson',
      version: 2,
      exportedAt: '2024-04-01T00:00:00.000Z',
      backend: 'memory',
      events: 12,
    });
    expect(trailer).toEqual({ kind: 'trailer', events: 12, streams: 6, digest: digest.digest, broken: 0, blobs: 0 });
    expect(digest.digest).toMatch(/^v2:all:12:/);
    // The fixture names an evidence file no store holds: reported, not written.
    expect(result).toMatchObject({
      events: 12,
      streams: 6,
      broken: 0,
      files: 0,
      missingFiles: [
        expect.objectContaining({ sha256: EVIDENCE_SHA, problem: 'missing', fileName: '会议记录.pdf', streamId: 'branchWork-c1:b1', revision: 0 }),
      ],
    });
    const first = (await source.readAll())[0];
    expect(rest[0]).toEqual({
      kind: 'event',
      position: `${first.logPosition.commit}/${first.logPosition.prepare}`,
      globalPosition: String(first.globalPosition),
      id: first.id,
      streamId: first.streamId,
      revision: 0,
      type: first.type,
      schemaVersion: 1,
      data: first.data,
      metadata: first.metadata,
      recordedAt: first.recordedAt.toISOString(),
      previousHash: null,
      hash: first.hash,
    });
  });

  it('round-trips into an empty store with identical ids, metadata, hashes and recording times: the same v2 digest', async () => {
    const { text } = await exportToText(source);
    const target = new ArrayEventStore();
    const progress: TransferProgress[] = [];
    const result = await importLog(target, Readable.from([text]), (p) => progress.push(p), { target: target.restoreTarget(), batchSize: 3 });
    const before = await source.readAll();
    const after = await target.readAll();
    const strip = (e: (typeof before)[number]) => ({
      id: e.id,
      streamId: e.streamId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      previousHash: e.previousHash,
      hash: e.hash,
      recordedAt: e.recordedAt.toISOString(),
    });
    expect(after.map(strip)).toEqual(before.map(strip));
    const original = await computeDigest(source);
    expect(result.digest.digest).toBe(original.digest);
    expect(result.exportedDigest).toBe(original.digest);
    expect((await computeDigest(target)).digest).toBe(original.digest);
    expect(result).toMatchObject({ events: 12, streams: 6, files: 0, missingFiles: [expect.objectContaining({ sha256: EVIDENCE_SHA })] });
    expect(progress.at(-1)).toEqual({ events: 12, total: null });
  });

  it('restores the recording times of events written before they were sealed too', async () => {
    const heads = new Map<string, string>();
    const old = new ArrayEventStore(
      (await source.readAll()).map((event, i) => {
        const { recordedAt: _sealed, ...metadata } = event.metadata;
        const unsealed = { ...event, metadata, previousHash: heads.get(event.streamId) ?? null, recordedAt: new Date(Date.UTC(2020, 0, 1 + i, 8, 0, 0, 123)) };
        const hash = hashEvent(unsealed);
        heads.set(event.streamId, hash);
        return { ...unsealed, hash };
      }),
    );
    const { text } = await exportToText(old);
    const target = new ArrayEventStore();
    const result = await importLog(target, Readable.from([text]), undefined, { target: target.restoreTarget() });
    expect((await target.readAll()).map((e) => e.recordedAt.toISOString())).toEqual((await old.readAll()).map((e) => e.recordedAt.toISOString()));
    expect(result.digest.digest).toBe((await computeDigest(old)).digest);
  });

  it('carries the evidence files the events name and restores them byte for byte', async () => {
    const minutes = Buffer.from('%PDF-1.4 支部委员会会议记录\n');
    const real = sha256Of(minutes);
    const files = new InMemoryEventStore();
    await files.append(
      'branchWork-c3:b1',
      [
        {
          type: 'TaskCompleted',
          data: {
            evidence: [
              { fileName: '会议记录.pdf', sha256: real, size: minutes.length, contentType: 'application/pdf' },
              { fileName: '照片.jpg', sha256: 'c'.repeat(64), size: 5, contentType: 'image/jpeg' },
            ],
          },
        },
      ],
      { expectedRevision: 'no_stream', metadata: { actor: { id: 'acc-sec', role: 'secretary' } } },
    );
    const store = new ArrayEventStore(await source.readAll());
    store.rows.push(...(await files.readAll()).map((e) => ({ ...e, ...store.nextPosition() })));
    store.blobs.set(EVIDENCE_SHA, minutes); // stored under a name that is not its hash: damaged
    store.blobs.set(real, minutes);
    const exportProgress: TransferProgress[] = [];
    const { text, result } = await exportToText(store, 13, store.blobStore(), (p) => exportProgress.push(p));
    expect(result).toMatchObject({ events: 13, files: 1, fileBytes: minutes.length });
    expect(result.missingFiles.map((f) => [f.sha256, f.problem])).toEqual([
      [EVIDENCE_SHA, 'damaged'],
      ['c'.repeat(64), 'missing'],
    ]);
    expect(exportProgress.at(-1)).toEqual({ events: 13, total: 13, files: { done: 3, total: 3 } });
    const all = lines(text);
    expect(all.at(-2)).toEqual({ kind: 'blob', sha256: real, size: minutes.length, base64: minutes.toString('base64') });
    expect(all.at(-1)).toMatchObject({ kind: 'trailer', events: 13, blobs: 1 });

    const target = new ArrayEventStore();
    target.blobs.set('c'.repeat(64), Buffer.from('photo')); // already there: not missing
    const imported = await importLog(target, Readable.from([text]), undefined, { target: target.restoreTarget() });
    expect(target.blobs.get(real)?.equals(minutes)).toBe(true);
    expect(imported).toMatchObject({ events: 13, files: 1, missingFiles: [expect.objectContaining({ sha256: EVIDENCE_SHA, fileName: '会议记录.pdf' })] });
  });

  it('refuses a backup whose evidence file was altered, naming the file and the line, and imports nothing', async () => {
    const minutes = Buffer.from('minutes of the branch meeting');
    const real = sha256Of(minutes);
    const files = new InMemoryEventStore();
    await files.append(
      'branchWork-c3:b1',
      [{ type: 'TaskCompleted', data: { evidence: [{ fileName: '会议记录.pdf', sha256: real, size: minutes.length }] } }],
      { expectedRevision: 'no_stream', metadata: { actor: { id: 'acc-sec', role: 'secretary' } } },
    );
    const store = new ArrayEventStore(await files.readAll());
    store.blobs.set(real, minutes);
    const { text } = await exportToText(store, undefined, store.blobStore());
    const blobLine = lines(text).findIndex((value) => value.kind === 'blob');
    const run = async (altered: string) => {
      const target = new ArrayEventStore();
      const failure = importLog(target, Readable.from([altered]), undefined, { target: target.restoreTarget() });
      await expect(failure).rejects.toThrow(ImportLineError);
      await failure.catch(() => undefined);
      expect(target.rows).toHaveLength(0);
      expect(target.blobs.size).toBe(0);
      return failure.catch((error: Error) => error.message);
    };
    const content = await run(edit(text, blobLine, (line) => ({ ...line, base64: Buffer.from('minutes of the branch meetinG').toString('base64') })));
    expect(content).toMatch(
      new RegExp(`^line ${blobLine + 1}: evidence file 会议记录.pdf \\(sha256 ${real}\\) does not match its line: .*nothing was imported$`),
    );
    expect(await run(edit(text, blobLine, (line) => ({ ...line, size: Number(line.size) + 1 })))).toContain(`the line says ${minutes.length + 1} bytes`);
    await expect(
      importLog(new ArrayEventStore(), Readable.from([edit(text, blobLine + 1, (t) => ({ ...t, blobs: 2 }))]), undefined, {
        target: new ArrayEventStore().restoreTarget(),
      }),
    ).rejects.toThrow(/the trailer says 2 evidence files but the file holds 1/);
  });

  it('still imports a version 1 file (no evidence files, a v1 digest in the trailer)', async () => {
    const { text } = await exportToText(source);
    const target = new ArrayEventStore();
    const original = await computeDigest(source);
    const v1 = asVersionOne(text, await source.readAll(), original.headsRoot);
    const result = await importLog(target, Readable.from([v1]), undefined, { target: target.restoreTarget() });
    expect(result).toMatchObject({ events: 12, files: 0, header: { version: 1 } });
    expect(result.exportedDigest).toMatch(/^v1:/);
    // Version 1 lines carried the recording time as well: it is put back, so the restored log has the v2 digest of the source.
    expect(result.digest.digest).toBe(original.digest);
    await expect(
      importLog(new ArrayEventStore(), Readable.from([asVersionOne(text, await source.readAll(), 'f'.repeat(64))]), undefined, {
        target: new ArrayEventStore().restoreTarget(),
      }),
    ).rejects.toThrow(/the imported events fold to [0-9a-f]{64}, the trailer's digest to f{64}/);
  });

  it('refuses an event line whose recording time is not its sealed one, or that has none', async () => {
    const { text } = await exportToText(source);
    const target = new ArrayEventStore();
    const run = (altered: string) => importLog(target, Readable.from([altered]), undefined, { target: target.restoreTarget() });
    await expect(run(edit(text, 4, (event) => ({ ...event, recordedAt: '2000-01-01T00:00:00.000Z' })))).rejects.toThrow(
      /^line 5: campaign-c1@1 .* says recorded at 2000-01-01T00:00:00.000Z but was sealed as recorded at /,
    );
    await expect(run(edit(text, 4, (event) => ({ ...event, recordedAt: undefined })))).rejects.toThrow(/^line 5: event line lacks a valid recordedAt/);
    expect(target.rows).toHaveLength(0);
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
    const altered = edit(text, 6, (event) => ({ ...event, data: { ...(event.data as ExportLine), reason: '改过' } }));
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
    await expect(importLog(target, Readable.from([gap]), undefined, { target: target.restoreTarget() })).rejects.toThrow(
      /^line 7: branchWork-c1:b1@2 comes where revision 1 was expected/,
    );
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
