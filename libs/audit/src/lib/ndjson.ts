// NDJSON export and import of the whole log: a header line, one line per event with its full envelope and recording
// time, one line per evidence file the events name, and a trailer line with the digest. An import re-appends the sealed
// events unchanged (every hash is the exported one), puts back their recording times, and stores the files after
// checking each against its SHA-256: the restored log has the exported v2 digest.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { formatPosition, hashEvent, systemClock, type Clock, type EventMetadata, type EventStore, type RecordedEvent } from '@campaign-ledger/event-store';
import { DIGEST_VERSION, DigestTracker, formatDigest, parseDigest, type LedgerDigest } from './digest';
import { ImportFileError, ImportLineError, StoreNotEmptyError } from './errors';
import { EvidenceIndex, isSha256, sha256Of, type BlobSource, type EvidenceReference } from './evidence';
import { readLog } from './read-log';
import { restoreTargetOf, type RestoreTarget, type SealedEventInput } from './restore-target';
import { ChainChecker, type ProgressListener } from './verify-log';

export const NDJSON_FORMAT = 'campaign-ledger/ndjson';
/** 2: evidence files in the file, recording times restored, a v2 digest in the trailer. */
export const NDJSON_VERSION = 2;
/** Versions this build imports (1: events only, with a v1 digest in the trailer). */
export const NDJSON_READABLE_VERSIONS: readonly number[] = [1, 2];

export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof NDJSON_FORMAT;
  readonly version: number;
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
  /** When the source store recorded it (sealed as `metadata.recordedAt` on events written since that was sealed); restored. */
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

/** An evidence file the exported events name, whole. */
export interface ExportBlobLine {
  readonly kind: 'blob';
  readonly sha256: string;
  readonly size: number;
  readonly base64: string;
}

export interface ExportTrailer {
  readonly kind: 'trailer';
  readonly events: number;
  readonly streams: number;
  /** Digest of exactly the events in the file (v2; a version 1 file has a v1 digest). */
  readonly digest: string;
  /** Broken places the chain check found while exporting (0 for a sound log). */
  readonly broken: number;
  /** Evidence file lines in the file (version 2). */
  readonly blobs?: number;
}

export interface TransferProgress {
  readonly events: number;
  readonly total: number | null;
  /** Evidence files written or read so far, once there are some (total unknown while importing). */
  readonly files?: { readonly done: number; readonly total: number | null };
}

export interface ExportOptions {
  readonly pageSize?: number;
  /** Events in the log, if the caller knows (written in the header and used for progress). */
  readonly total?: number | null;
  readonly clock?: Clock;
  /** Where the evidence files the events name are read from; without it none are written (and all are reported missing). */
  readonly blobs?: BlobSource;
}

/** An evidence file the events name that could not be written or restored. */
export interface MissingFile extends EvidenceReference {
  /** missing: not stored; damaged: stored, but its content does not hash to its name. */
  readonly problem: 'missing' | 'damaged';
}

export interface ExportResult {
  readonly events: number;
  readonly streams: number;
  readonly digest: LedgerDigest;
  readonly broken: number;
  /** Evidence files written. */
  readonly files: number;
  readonly fileBytes: number;
  /** Files the events name that are not in the file: the import will report them as well. */
  readonly missingFiles: readonly MissingFile[];
}

type Writable = NodeJS.WritableStream;

/** Writes the log and the evidence files it names to `writable` (left open for the caller to end). */
export async function exportLog(
  store: EventStore,
  writable: Writable,
  onProgress?: ProgressListener<TransferProgress>,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const total = options.total ?? null;
  const header: ExportHeader = {
    kind: 'header',
    format: NDJSON_FORMAT,
    version: NDJSON_VERSION,
    exportedAt: (options.clock ?? systemClock).now().toISOString(),
    backend: store.backend,
    events: total,
  };
  await writeLine(writable, header);
  const tracker = new DigestTracker();
  const checker = new ChainChecker();
  const evidence = new EvidenceIndex();
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      tracker.add(event);
      checker.add(event);
      evidence.add(event);
      await writeLine(writable, toLine(event));
    }
    onProgress?.({ events: tracker.events, total });
  }

  const wanted = evidence.references();
  const missingFiles: MissingFile[] = [];
  let files = 0;
  let fileBytes = 0;
  for (const [index, reference] of wanted.entries()) {
    const content = options.blobs ? await options.blobs.get(reference.sha256) : null;
    // A damaged file would make the whole backup unimportable: leave it out and say so instead.
    if (!content || sha256Of(content) !== reference.sha256) {
      missingFiles.push({ ...reference, problem: content ? 'damaged' : 'missing' });
    } else {
      const line: ExportBlobLine = { kind: 'blob', sha256: reference.sha256, size: content.length, base64: content.toString('base64') };
      await writeLine(writable, line);
      files += 1;
      fileBytes += content.length;
    }
    onProgress?.({ events: tracker.events, total, files: { done: index + 1, total: wanted.length } });
  }

  const digest = tracker.digest();
  const broken = checker.finish(0).brokenCount;
  const trailer: ExportTrailer = { kind: 'trailer', events: tracker.events, streams: digest.streams, digest: digest.digest, broken, blobs: files };
  await writeLine(writable, trailer);
  return { events: tracker.events, streams: digest.streams, digest, broken, files, fileBytes, missingFiles };
}

function toLine(event: RecordedEvent): ExportEventLine {
  return {
    kind: 'event',
    position: formatPosition(event.logPosition),
    globalPosition: event.globalPosition.toString(),
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
    previousHash: event.previousHash,
    hash: event.hash,
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
  /** The digest the file's trailer names. */
  readonly exportedDigest: string;
  /** The digest of the store after the import, from the events as written: v2, the exported one for a version 2 file. */
  readonly digest: LedgerDigest;
  /** Evidence files stored from the file. */
  readonly files: number;
  /** Files the events name that were neither in the file nor already in the target's store. */
  readonly missingFiles: readonly EvidenceReference[];
}

interface PendingLine {
  readonly line: number;
  readonly event: SealedEventInput & { readonly recordedAt: string | null };
}

/**
 * Imports an NDJSON export into an empty store; stops at the first line that would not keep its exported hash or
 * recording time, or whose evidence file does not match its SHA-256 and size. All or nothing where the target is.
 */
export async function importLog(
  store: EventStore,
  readable: NodeJS.ReadableStream,
  onProgress?: ProgressListener<TransferProgress>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const target = options.target ?? restoreTargetOf(store);
  const batchSize = options.batchSize ?? 500;
  if ((await store.readAll({ maxCount: 1 })).length > 0) throw StoreNotEmptyError.holding(null);

  const outcome = await target.restore(async (writer) => {
    if (!(await writer.isEmpty())) throw StoreNotEmptyError.holding(null);
    const chains = new Map<string, { revision: number; hash: string }>();
    const tracker = new DigestTracker();
    const evidence = new EvidenceIndex();
    const storedFiles = new Set<string>();
    let header: ExportHeader | null = null;
    let trailer: ExportTrailer | null = null;
    let lineNumber = 0;
    let batch: PendingLine[] = [];
    const progress = () =>
      onProgress?.({
        events: tracker.events,
        total: header?.events ?? null,
        ...(storedFiles.size > 0 ? { files: { done: storedFiles.size, total: null } } : {}),
      });

    const flush = async () => {
      if (batch.length === 0) return;
      const first = batch[0];
      const { streamId, revision } = first.event;
      let stored;
      try {
        stored = await writer.appendSealed(
          streamId,
          batch.map((pending) => pending.event),
          revision === 0 ? 'no_stream' : revision - 1,
        );
      } catch (error) {
        throw new ImportLineError(first.line, `could not write ${streamId}@${revision}: ${error instanceof Error ? error.message : String(error)}`);
      }
      batch.forEach((pending, index) => {
        const written = stored[index];
        const rehashed = written ? hashEvent(written) : null;
        if (!written || written.id !== pending.event.id || written.hash !== pending.event.hash || rehashed !== pending.event.hash) {
          throw new ImportLineError(
            pending.line,
            `event ${pending.event.id} (${streamId}@${pending.event.revision}) was stored with content that hashes to ` +
              `${rehashed}, not the exported ${pending.event.hash}: the database changed its data or metadata`,
          );
        }
        const wanted = pending.event.recordedAt;
        if (wanted !== null && written.recordedAt.getTime() !== Date.parse(wanted)) {
          throw new ImportLineError(
            pending.line,
            `event ${pending.event.id} (${streamId}@${pending.event.revision}) was stored as recorded at ` +
              `${written.recordedAt.toISOString()}, not the exported ${wanted}: the restore target does not keep recording times`,
          );
        }
        tracker.add(written);
      });
      batch = [];
      progress();
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
        trailer = asTrailer(value, lineNumber, header.version);
        continue;
      }
      if (value.kind === 'blob' && header.version >= 2) {
        const file = asBlob(value, lineNumber);
        const content = Buffer.from(file.base64, 'base64');
        const actual = sha256Of(content);
        if (actual !== file.sha256 || content.length !== file.size) {
          throw new ImportLineError(
            lineNumber,
            `evidence file ${evidence.describe(file.sha256)} does not match its line: the content is ` +
              `${content.length} bytes with SHA-256 ${actual}, the line says ${file.size} bytes and ${file.sha256}; the backup was altered or damaged ` +
              '(restore from another copy); nothing was imported',
          );
        }
        if (!writer.blobs) {
          throw new ImportLineError(
            lineNumber,
            'this restore target keeps no evidence files: import with the ledger command into PostgreSQL or the embedded store',
          );
        }
        await writer.blobs.put(content);
        storedFiles.add(file.sha256);
        progress();
        continue;
      }
      const event = asEvent(value, lineNumber, header.version);
      const prior = chains.get(event.streamId);
      const expectedRevision = prior ? prior.revision + 1 : 0;
      if (event.revision !== expectedRevision) {
        throw new ImportLineError(
          lineNumber,
          `${event.streamId}@${event.revision} comes where revision ${expectedRevision} was expected: ` + 'the export is incomplete or out of order',
        );
      }
      if (event.previousHash !== (prior?.hash ?? null)) {
        throw new ImportLineError(
          lineNumber,
          `${event.streamId}@${event.revision} links to ${event.previousHash}, not to the hash of the ` + `event before it (${prior?.hash ?? null})`,
        );
      }
      const recomputed = hashEvent(event);
      if (recomputed !== event.hash) {
        throw new ImportLineError(
          lineNumber,
          `${event.streamId}@${event.revision} (event ${event.id}) hashes to ${recomputed}, not the exported ` +
            `${event.hash}: the file, or the log it was exported from, was altered`,
        );
      }
      const sealed = event.metadata.recordedAt;
      if (sealed !== undefined && event.recordedAt !== null && Date.parse(sealed) !== Date.parse(event.recordedAt)) {
        throw new ImportLineError(
          lineNumber,
          `${event.streamId}@${event.revision} (event ${event.id}) says recorded at ${event.recordedAt} but was ` +
            `sealed as recorded at ${sealed}: the file was edited, or the source's recording time was changed (\`ledger verify\` on the source names it)`,
        );
      }
      chains.set(event.streamId, { revision: event.revision, hash: event.hash });
      evidence.add(event);
      if (batch.length > 0 && (batch[0].event.streamId !== event.streamId || batch.length >= batchSize)) await flush();
      batch.push({ line: lineNumber, event: { ...event, recordedAt: event.recordedAt ?? sealed ?? null } });
    }
    await flush();
    if (header === null) throw new ImportFileError('the file is empty: expected a header line first');
    if (trailer === null) throw new ImportFileError(`no trailer line after line ${lineNumber}: the file is truncated; nothing was imported`);
    if (trailer.events !== tracker.events) {
      throw new ImportFileError(`the trailer says ${trailer.events} events but the file holds ${tracker.events}; nothing was imported`);
    }
    if (trailer.blobs !== undefined && trailer.blobs !== storedFiles.size) {
      throw new ImportFileError(`the trailer says ${trailer.blobs} evidence files but the file holds ${storedFiles.size}; nothing was imported`);
    }
    const digest = tracker.digest();
    const exported = parseDigest(trailer.digest);
    const [ours, theirs] =
      exported.version === DIGEST_VERSION ? [digest.digest, formatDigest(exported.scope, exported.events, exported.root)] : [digest.headsRoot, exported.root];
    if (ours !== theirs) {
      throw new ImportFileError(`the imported events fold to ${ours}, the trailer's digest to ${theirs}; nothing was imported`);
    }
    const missingFiles: EvidenceReference[] = [];
    for (const reference of evidence.references()) {
      if (storedFiles.has(reference.sha256)) continue;
      if (!(await writer.blobs?.has(reference.sha256))) missingFiles.push(reference);
    }
    return { header, trailer, digest, files: storedFiles.size, missingFiles, streams: tracker.entries().length };
  });

  return {
    events: outcome.digest.events,
    streams: outcome.streams,
    header: outcome.header,
    exportedDigest: outcome.trailer.digest,
    digest: outcome.digest,
    files: outcome.files,
    missingFiles: outcome.missingFiles,
  };
}

type JsonObject = Record<string, unknown>;

function parseLine(text: string, line: number): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportLineError(line, `not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ImportLineError(line, 'expected a JSON object');
  return value as JsonObject;
}

function asHeader(value: JsonObject, line: number): ExportHeader {
  if (value.kind !== 'header' || value.format !== NDJSON_FORMAT) {
    throw new ImportLineError(line, `not a Campaign Ledger export: the first line must be {"kind":"header","format":"${NDJSON_FORMAT}",...}`);
  }
  if (typeof value.version !== 'number' || !NDJSON_READABLE_VERSIONS.includes(value.version)) {
    throw new ImportLineError(
      line,
      `export format version ${String(value.version)} is not supported (this build reads ${NDJSON_READABLE_VERSIONS.join(' and ')}): ` +
        'import it with the release that wrote it',
    );
  }
  return value as unknown as ExportHeader;
}

function asTrailer(value: JsonObject, line: number, version: number): ExportTrailer {
  if (!Number.isInteger(value.events) || typeof value.digest !== 'string') throw new ImportLineError(line, 'the trailer needs "events" and "digest"');
  if (version >= 2 && !Number.isInteger(value.blobs)) throw new ImportLineError(line, 'the trailer needs "blobs", the number of evidence file lines');
  let parsed;
  try {
    parsed = parseDigest(value.digest);
  } catch (error) {
    throw new ImportLineError(line, (error as Error).message);
  }
  if (version >= 2 && (parsed.version !== DIGEST_VERSION || parsed.scope !== 'all')) {
    throw new ImportLineError(line, `the trailer's digest must be a v2 digest of the whole log (v2:all:...), not ${value.digest}`);
  }
  return value as unknown as ExportTrailer;
}

function asBlob(value: JsonObject, line: number): ExportBlobLine {
  const problems: string[] = [];
  if (!isSha256(value.sha256)) problems.push('sha256 (64 lower-case hex digits)');
  if (!Number.isInteger(value.size) || (value.size as number) < 0) problems.push('size');
  if (typeof value.base64 !== 'string') problems.push('base64');
  if (problems.length > 0) throw new ImportLineError(line, `evidence file line lacks a valid ${problems.join(', ')}`);
  return value as unknown as ExportBlobLine;
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && Number.isFinite(Date.parse(value));

function asEvent(value: JsonObject, line: number, version: number): SealedEventInput & { readonly recordedAt: string | null } {
  if (value.kind !== 'event') {
    throw new ImportLineError(line, `unknown line kind "${String(value.kind)}" (expected event${version >= 2 ? ', blob' : ''} or trailer)`);
  }
  const metadata = value.metadata as { actor?: unknown } | null | undefined;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(typeof value.id === 'string', 'id');
  need(typeof value.streamId === 'string' && value.streamId.length > 0, 'streamId');
  need(Number.isInteger(value.revision) && (value.revision as number) >= 0, 'revision');
  need(typeof value.type === 'string', 'type');
  need(Number.isInteger(value.schemaVersion), 'schemaVersion');
  need('data' in value, 'data');
  need(typeof metadata === 'object' && metadata !== null && typeof metadata.actor === 'object', 'metadata');
  need(value.previousHash === null || typeof value.previousHash === 'string', 'previousHash');
  need(typeof value.hash === 'string', 'hash');
  // Version 1 files carried the time too, but did not promise it: a missing one is the time of the restore.
  need(version < 2 || isInstant(value.recordedAt), 'recordedAt');
  if (problems.length > 0) throw new ImportLineError(line, `event line lacks a valid ${problems.join(', ')}`);
  return {
    id: value.id as string,
    streamId: value.streamId as string,
    revision: value.revision as number,
    type: value.type as string,
    schemaVersion: value.schemaVersion as number,
    data: value.data,
    metadata: value.metadata as EventMetadata,
    previousHash: value.previousHash as string | null,
    hash: value.hash as string,
    recordedAt: isInstant(value.recordedAt) ? new Date(value.recordedAt).toISOString() : null,
  };
}
