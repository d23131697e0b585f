// The ledger digest: one short line that commits to every stream's head as of a log position.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  comparePositions, formatPosition, type EventStore, type LogPosition, type RecordedEvent, type StreamHead,
} from '@campaign-ledger/event-store';
import { InvalidDigestError, InvalidManifestError } from './errors';
import { readLog } from './read-log';
import { ChainChecker, type ProgressListener, type VerifyLogReport } from './verify-log';

export const DIGEST_VERSION = 'v1';
export const MANIFEST_FORMAT = 'campaign-ledger/manifest';

export interface StreamHeadEntry extends StreamHead {
  readonly streamId: string;
}

/** The per-stream heads behind a digest: kept beside it, it lets a later check name which streams changed. */
export interface LedgerManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly digest: string;
  readonly position: string;
  readonly root: string;
  readonly events: number;
  readonly streams: readonly StreamHeadEntry[];
}

export interface LedgerDigest {
  /** `v1:<commit>/<prepare>:<root>`: what an auditor writes down or signs. */
  readonly digest: string;
  /** Position of the last event included; 0/0 for an empty log. */
  readonly position: LogPosition;
  readonly root: string;
  readonly events: number;
  readonly streams: number;
  readonly manifest: LedgerManifest;
}

export interface ParsedDigest {
  readonly version: typeof DIGEST_VERSION;
  readonly position: LogPosition;
  readonly root: string;
}

const EMPTY_POSITION: LogPosition = { commit: 0n, prepare: 0n };

/** Collects the latest (revision, hash) of every stream from events fed in log order. */
export class HeadTracker {
  private readonly heads = new Map<string, StreamHead>();
  private count = 0;
  private last: LogPosition | null = null;

  add(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'hash'> & { logPosition?: LogPosition }): void {
    this.count += 1;
    if (event.logPosition) this.last = event.logPosition;
    const known = this.heads.get(event.streamId);
    if (!known || event.revision >= known.revision) this.heads.set(event.streamId, { revision: event.revision, hash: event.hash });
  }

  get events(): number {
    return this.count;
  }

  get position(): LogPosition {
    return this.last ?? EMPTY_POSITION;
  }

  entries(): StreamHeadEntry[] {
    return [...this.heads].map(([streamId, head]) => ({ streamId, ...head })).sort((a, b) => compareIds(a.streamId, b.streamId));
  }

  root(): string {
    return rootOf(this.entries());
  }

  digest(position: LogPosition = this.position): LedgerDigest {
    const streams = this.entries();
    const root = rootOf(streams);
    const digest = formatDigest(position, root);
    return {
      digest, position, root, events: this.count, streams: streams.length,
      manifest: { format: MANIFEST_FORMAT, version: 1, digest, position: formatPosition(position), root, events: this.count, streams },
    };
  }
}

/** Code-unit order, the same in every locale. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SHA-256 over the canonical JSON list of [streamId, revision, hash], sorted by stream id. */
export function rootOf(heads: readonly StreamHeadEntry[]): string {
  const sorted = [...heads].sort((a, b) => compareIds(a.streamId, b.streamId));
  const canonical = canonicalize(sorted.map((head) => [head.streamId, head.revision, head.hash])) as string;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function formatDigest(position: LogPosition, root: string): string {
  return `${DIGEST_VERSION}:${formatPosition(position)}:${root}`;
}

export function parseDigest(text: string): ParsedDigest {
  const trimmed = String(text ?? '').trim();
  const match = /^(v\d+):(\d+)\/(\d+):([0-9a-fA-F]+)$/.exec(trimmed);
  if (!match) throw InvalidDigestError.because(trimmed, 'wrong shape');
  if (match[1] !== DIGEST_VERSION) throw InvalidDigestError.because(trimmed, `version ${match[1]} is not supported`);
  if (match[4].length !== 64) throw InvalidDigestError.because(trimmed, 'the root must be 64 hex digits');
  return { version: DIGEST_VERSION, position: { commit: BigInt(match[2]), prepare: BigInt(match[3]) }, root: match[4].toLowerCase() };
}

export interface DigestProgress {
  readonly events: number;
  readonly total: number | null;
}

export interface ComputeDigestOptions {
  readonly pageSize?: number;
  readonly total?: number | null;
  readonly onProgress?: ProgressListener<DigestProgress>;
}

/** Digest of the log as it is now: every event the store shows, up to the last one. */
export async function computeDigest(store: EventStore, options: ComputeDigestOptions = {}): Promise<LedgerDigest> {
  const heads = new HeadTracker();
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) heads.add(event);
    options.onProgress?.({ events: heads.events, total: options.total ?? null });
  }
  return heads.digest();
}

export type HeadDifferenceKind =
  /** The stream's head at the digest is gone: its last events were deleted, or the whole stream. */
  | 'head_missing'
  /** The stream has a different head at the digest: events altered, deleted or inserted. */
  | 'head_changed'
  /** A stream that the manifest does not know has events at or before the digest: inserted. */
  | 'stream_added';

export interface HeadDifference {
  readonly streamId: string;
  readonly kind: HeadDifferenceKind;
  readonly expected: StreamHead | null;
  readonly actual: StreamHead | null;
  readonly message: string;
}

export interface DigestCheck {
  /** Root matches and every chain verifies. */
  readonly ok: boolean;
  readonly digest: string;
  /** True when the log up to the digest's position still has the root the digest names. */
  readonly rootMatches: boolean;
  readonly recomputedRoot: string;
  /** Events at or before the digest's position now (and, with a manifest, then). */
  readonly eventsAtDigest: number;
  readonly eventsAtDigestThen: number | null;
  /** Events appended after the digest's position. */
  readonly eventsSince: number;
  /** Which stream heads differ; empty without a manifest (the root alone cannot say which). */
  readonly differences: readonly HeadDifference[];
  /** The full chain check of the current log, digest or not. */
  readonly verify: VerifyLogReport;
  readonly message: string;
}

export interface VerifyAgainstDigestOptions extends ComputeDigestOptions {
  /** The manifest kept beside the digest (`computeDigest(...).manifest`), to name what differs. */
  readonly manifest?: LedgerManifest | null;
  readonly maxReported?: number;
}

/**
 * Proves that the log up to the digest's position is what it was (same root) and that everything since only
 * extends the chains (verifyLog over the whole current log). Reads the log once.
 */
export async function verifyAgainstDigest(store: EventStore, digest: string, options: VerifyAgainstDigestOptions = {}): Promise<DigestCheck> {
  const parsed = parseDigest(digest);
  const manifest = options.manifest ?? null;
  if (manifest) assertManifestFor(manifest, parsed, digest);
  const heads = new HeadTracker();
  const checker = new ChainChecker();
  let since = 0;
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      checker.add(event);
      if (comparePositions(event.logPosition, parsed.position) <= 0) heads.add(event);
      else since += 1;
    }
    options.onProgress?.({ events: checker.events, total: options.total ?? null });
  }
  const verify = checker.finish(options.maxReported);
  const recomputedRoot = heads.root();
  const rootMatches = recomputedRoot === parsed.root;
  const differences = manifest && !rootMatches ? compareHeads(manifest.streams, heads.entries()) : [];
  const ok = rootMatches && verify.ok;
  const parts: string[] = [];
  if (rootMatches) parts.push(`the log up to ${formatPosition(parsed.position)} is unchanged (${heads.events} events); ${since} appended since`);
  else {
    parts.push(`the log up to ${formatPosition(parsed.position)} has changed since the digest was taken: root ${recomputedRoot} ≠ ${parsed.root}`);
    if (manifest) {
      parts.push(differences.length > 0 ? `${differences.length} stream(s) differ` : 'no stream head differs from the manifest');
      if (manifest.events !== heads.events) parts.push(`${manifest.events} events then, ${heads.events} now`);
    } else parts.push('keep the manifest beside the digest to name the streams that changed');
  }
  if (!verify.ok) parts.push(`${verify.brokenCount} broken place(s) in the hash chains`);
  return {
    ok, digest: formatDigest(parsed.position, parsed.root), rootMatches, recomputedRoot,
    eventsAtDigest: heads.events, eventsAtDigestThen: manifest?.events ?? null, eventsSince: since,
    differences, verify, message: parts.join('; '),
  };
}

function compareHeads(then: readonly StreamHeadEntry[], now: readonly StreamHeadEntry[]): HeadDifference[] {
  const current = new Map(now.map((entry) => [entry.streamId, entry]));
  const differences: HeadDifference[] = [];
  for (const expected of then) {
    const actual = current.get(expected.streamId);
    current.delete(expected.streamId);
    const was = { revision: expected.revision, hash: expected.hash };
    if (!actual) {
      differences.push({ streamId: expected.streamId, kind: 'head_missing', expected: was, actual: null,
        message: `stream had ${expected.revision + 1} event(s) at the digest and now has none there: deleted` });
    } else if (actual.revision !== expected.revision || actual.hash !== expected.hash) {
      const is = { revision: actual.revision, hash: actual.hash };
      const how = actual.revision < expected.revision ? `revision ${expected.revision} was the head, now ${actual.revision}: events deleted`
        : actual.revision > expected.revision ? `head moved from revision ${expected.revision} to ${actual.revision} at or before the digest: events inserted`
          : `head revision ${expected.revision} now has another hash: the stream was altered`;
      differences.push({ streamId: expected.streamId, kind: 'head_changed', expected: was, actual: is, message: how });
    }
  }
  for (const actual of current.values()) {
    differences.push({ streamId: actual.streamId, kind: 'stream_added', expected: null, actual: { revision: actual.revision, hash: actual.hash },
      message: `stream was not in the log at the digest but has ${actual.revision + 1} event(s) at or before it now: inserted` });
  }
  return differences.sort((a, b) => compareIds(a.streamId, b.streamId));
}

/** Checks that a parsed JSON value is a manifest; throws InvalidManifestError otherwise. */
export function parseManifest(value: unknown): LedgerManifest {
  const manifest = value as LedgerManifest;
  if (!manifest || manifest.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.streams)) {
    throw new InvalidManifestError(`not a ledger manifest (expected {"format": "${MANIFEST_FORMAT}", "version": 1, ...})`);
  }
  for (const entry of manifest.streams) {
    if (typeof entry?.streamId !== 'string' || !Number.isInteger(entry.revision) || typeof entry.hash !== 'string') {
      throw new InvalidManifestError('a manifest stream entry must be {streamId, revision, hash}');
    }
  }
  return manifest;
}

function assertManifestFor(manifest: LedgerManifest, parsed: ParsedDigest, digest: string): void {
  parseManifest(manifest);
  if (rootOf(manifest.streams) !== parsed.root || manifest.position !== formatPosition(parsed.position)) {
    throw new InvalidManifestError(`the manifest does not belong to digest ${digest.trim()} (its heads fold to another root or position)`);
  }
}
