// NDJSON export and import of the whole log: a header line, one line per event with its full envelope, a trailer
// line with the digest. An import re-appends the sealed events unchanged, so every hash is the exported one.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  formatPosition, hashEvent, systemClock, type Clock, type EventMetadata, type EventStore, type RecordedEvent,
} from '@campaign-ledger/event-store';
import { HeadTracker, parseDigest, type LedgerDigest } from './digest';
import { ImportFileError, ImportLineError, StoreNotEmptyError } from './errors';
import { readLog } from './read-log';
import { restoreTargetOf, type RestoreTarget, type SealedEventInput } from './restore-target';
import { ChainChecker, type ProgressListener } from './verify-log';

export const NDJSON_FORMAT = 'campaign-ledger/ndjson';
export const NDJSON_VERSION = 1;

export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof NDJSON_FORMAT;
  readonly version: typeof NDJSON_VERSION;
  readonly exportedAt: string;
  readonly backend: string;
  /** Events in the log when the export started, when known; the trailer has the number written. */
  readonly events: number | null;
}

export interface ExportEventLine {
  readonly kind: 'event';
  /** Log position in the source store, "commit/prepare"; a restore gets new positions. */
  readonly position: string;
  readonly globalPosition: string;
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** When the source database recorded it; not covered by the hash, not restored. */
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

export interface ExportTrailer {
  readonly kind: 'trailer';
  readonly events: number;
  readonly streams: number;
  /** Digest of exactly the events in the file. */
  readonly digest: string;
  /** Broken places the chain check found while exporting (0 for a sound log). */
  readonly broken: number;
}

export interface TransferProgress {
  readonly events: number;
  readonly total: number | null;
}

export interface ExportOptions {
  readonly pageSize?: number;
  /** Events in the log, if the caller knows (written in the header and used for progress). */
  readonly total?: number | null;
  readonly clock?: Clock;
}

export interface ExportResult {
  readonly events: number;
  readonly streams: number;
  readonly digest: LedgerDigest;
  readonly broken: number;
}

type Writable = NodeJS.WritableStream;

/** Writes the log to `writable` (left open for the caller to end). */
export async function exportLog(
  store: EventStore, writable: Writable, onProgress?: ProgressListener<TransferProgress>, options: ExportOptions = {},
): Promise<ExportResult> {
  const total = options.total ?? null;
  const header: ExportHeader = {
    kind: 'header', format: NDJSON_FORMAT, version: NDJSON_VERSION,
    exportedAt: (options.clock ?? systemClock).now().toISOString(), backend: store.backend, events: total,
  };
  await writeLine(writable, header);
  const heads = new HeadTracker();
  const checker = new ChainChecker();
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      heads.add(event);
      checker.add(event);
      await writeLine(writable, toLine(event));
    }
    onProgress?.({ events: heads.events, total });
  }
  const digest = heads.digest();
  const broken = checker.finish(0).brokenCount;
  const trailer: ExportTrailer = { kind: 'trailer', events: heads.events, streams: digest.streams, digest: digest.digest, broken };
  await writeLine(writable, trailer);
  return { events: heads.events, streams: digest.streams, digest, broken };
}

function toLine(event: RecordedEvent): ExportEventLine {
  return {
    kind: 'event', position: formatPosition(event.logPosition), globalPosition: event.globalPosition.toString(),
    id: event.id, streamId: event.streamId, revision: event.revision, type: event.type, schemaVersion: event.schemaVersion,
    data: event.data, metadata: event.metadata, recordedAt: event.recordedAt.toISOString(),
    previousHash: event.previousHash, hash: event.hash,
  };
}

async function writeLine(writable: Writable, value: unknown): Promise<void> {
  if (!writable.write(`${JSON.stringify(value)}\n`)) await once(writable as unknown as NodeJS.EventEmitter, 'drain');
}

export interface ImportOptions {
  /** Where sealed events are written; default: the store's own `appendSealed`, when its port has it. */
  readonly target?: RestoreTarget;
  /** Events of one stream written by one statement (default 500). */
  readonly batchSize?: number;
}

export interface ImportResult {
  readonly events: number;
  readonly streams: number;
  readonly header: ExportHeader;
  /** The digest the file's trailer names (positions of the source store). */
  readonly exportedDigest: string;
  /** The digest of the store after the import, from the events as written: same root, positions of this store. */
  readonly digest: LedgerDigest;
}

interface PendingLine {
  readonly line: number;
  readonly event: SealedEventInput;
}

/** Imports an NDJSON export into an empty store; stops at the first line that would not keep its exported hash. */
export async function importLog(
  store: EventStore, readable: NodeJS.ReadableStream, onProgress?: ProgressListener<TransferProgress>, options: ImportOptions = {},
): Promise<ImportResult> {
  const target = options.target ?? restoreTargetOf(store);
  const batchSize = options.batchSize ?? 500;
  if ((await store.readAll({ maxCount: 1 })).length > 0) throw StoreNotEmptyError.holding(null);

  const outcome = await target.restore(async (writer) => {
    if (!(await writer.isEmpty())) throw StoreNotEmptyError.holding(null);
    const chains = new Map<string, { revision: number; hash: string }>();
    const heads = new HeadTracker();
    let header: ExportHeader | null = null;
    let trailer: ExportTrailer | null = null;
    let lineNumber = 0;
    let batch: PendingLine[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const first = batch[0];
      const { streamId, revision } = first.event;
      let stored;
      try {
        stored = await writer.appendSealed(streamId, batch.map((pending) => pending.event), revision === 0 ? 'no_stream' : revision - 1);
      } catch (error) {
        throw new ImportLineError(first.line, `could not write ${streamId}@${revision}: ${error instanceof Error ? error.message : String(error)}`);
      }
      batch.forEach((pending, index) => {
        const written = stored[index];
        const rehashed = written ? hashEvent(written) : null;
        if (!written || written.id !== pending.event.id || written.hash !== pending.event.hash || rehashed !== pending.event.hash) {
          throw new ImportLineError(pending.line, `event ${pending.event.id} (${streamId}@${pending.event.revision}) was stored with content that hashes to ` +
            `${rehashed}, not the exported ${pending.event.hash}: the database changed its data or metadata`);
        }
        heads.add(written);
      });
      batch = [];
      onProgress?.({ events: heads.events, total: header?.events ?? null });
    };

    const lines = createInterface({ input: readable, crlfDelay: Infinity });
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      const value = parseLine(text, lineNumber);
      if (header === null) {
        header = asHeader(value, lineNumber);
        continue;
      }
      if (trailer !== null) throw new ImportLineError(lineNumber, 'content after the trailer line');
      if (value.kind === 'trailer') {
        trailer = asTrailer(value, lineNumber);
        continue;
      }
      const event = asEvent(value, lineNumber);
      const prior = chains.get(event.streamId);
      const expectedRevision = prior ? prior.revision + 1 : 0;
      if (event.revision !== expectedRevision) {
        throw new ImportLineError(lineNumber, `${event.streamId}@${event.revision} comes where revision ${expectedRevision} was expected: ` +
          'the export is incomplete or out of order');
      }
      if (event.previousHash !== (prior?.hash ?? null)) {
        throw new ImportLineError(lineNumber, `${event.streamId}@${event.revision} links to ${event.previousHash}, not to the hash of the ` +
          `event before it (${prior?.hash ?? null})`);
      }
      const recomputed = hashEvent(event);
      if (recomputed !== event.hash) {
        throw new ImportLineError(lineNumber, `${event.streamId}@${event.revision} (event ${event.id}) hashes to ${recomputed}, not the exported ` +
          `${event.hash}: the file, or the log it was exported from, was altered`);
      }
      chains.set(event.streamId, { revision: event.revision, hash: event.hash });
      if (batch.length > 0 && (batch[0].event.streamId !== event.streamId || batch.length >= batchSize)) await flush();
      batch.push({ line: lineNumber, event });
    }
    await flush();
    if (header === null) throw new ImportFileError('the file is empty: expected a header line first');
    if (trailer === null) throw new ImportFileError(`no trailer line after line ${lineNumber}: the file is truncated; nothing was imported`);
    if (trailer.events !== heads.events) {
      throw new ImportFileError(`the trailer says ${trailer.events} events but the file holds ${heads.events}; nothing was imported`);
    }
    const exportedRoot = parseDigest(trailer.digest).root;
    if (heads.root() !== exportedRoot) {
      throw new ImportFileError(`the imported streams fold to root ${heads.root()}, the trailer's digest to ${exportedRoot}; nothing was imported`);
    }
    return { header, trailer, events: heads.events, streams: heads.entries().length, digest: heads.digest() };
  });

  return { events: outcome.events, streams: outcome.streams, header: outcome.header, exportedDigest: outcome.trailer.digest, digest: outcome.digest };
}

function parseLine(text: string, line: number): Record<string, any> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportLineError(line, `not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ImportLineError(line, 'expected a JSON object');
  return value as Record<string, any>;
}

function asHeader(value: Record<string, any>, line: number): ExportHeader {
  if (value.kind !== 'header' || value.format !== NDJSON_FORMAT) {
    throw new ImportLineError(line, `not a Campaign Ledger export: the first line must be {"kind":"header","format":"${NDJSON_FORMAT}",...}`);
  }
  if (value.version !== NDJSON_VERSION) throw new ImportLineError(line, `export format version ${value.version} is not supported (this build reads ${NDJSON_VERSION})`);
  return value as ExportHeader;
}

function asTrailer(value: Record<string, any>, line: number): ExportTrailer {
  if (!Number.isInteger(value.events) || typeof value.digest !== 'string') throw new ImportLineError(line, 'the trailer needs "events" and "digest"');
  try {
    parseDigest(value.digest);
  } catch (error) {
    throw new ImportLineError(line, (error as Error).message);
  }
  return value as ExportTrailer;
}

function asEvent(value: Record<string, any>, line: number): SealedEventInput {
  if (value.kind !== 'event') throw new ImportLineError(line, `unknown line kind "${String(value.kind)}" (expected event or trailer)`);
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(typeof value.id === 'string', 'id');
  need(typeof value.streamId === 'string' && value.streamId.length > 0, 'streamId');
  need(Number.isInteger(value.revision) && value.revision >= 0, 'revision');
  need(typeof value.type === 'string', 'type');
  need(Number.isInteger(value.schemaVersion), 'schemaVersion');
  need('data' in value, 'data');
  need(typeof value.metadata === 'object' && value.metadata !== null && typeof value.metadata.actor === 'object', 'metadata');
  need(value.previousHash === null || typeof value.previousHash === 'string', 'previousHash');
  need(typeof value.hash === 'string', 'hash');
  if (problems.length > 0) throw new ImportLineError(line, `event line lacks a valid ${problems.join(', ')}`);
  return {
    id: value.id, streamId: value.streamId, revision: value.revision, type: value.type, schemaVersion: value.schemaVersion,
    data: value.data, metadata: value.metadata, previousHash: value.previousHash, hash: value.hash,
  };
}
