// The ledger digest: one short line that commits to the log in order, with every event's hash and recording time.
//
// v2:<scope>:<events>:<root>, where root is the SHA-256 (hex) of this UTF-8 text, fed as the log is read:
//   "campaign-ledger/digest/v2\n" + scope + "\n"
//   then for each of the first <events> events of the scope, in log order: hash + " " + recordedAt + "\n"
// with recordedAt in ISO 8601, UTC, milliseconds (2026-03-01T09:30:00.000Z). Anyone can recompute it with sha256sum.
// Deleting, inserting, reordering or re-timing any of those events changes it; backend log positions are not in it, so
// a faithful restore keeps it. The older v1:<commit>/<prepare>:<root over stream heads> is still verified as before
// (positions included, so it does not survive a restore).
import { createHash, type Hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { DigestCheck, DigestCheckpoint, HeadDifference, HeadDifferenceKind, LedgerManifest, StreamHeadEntry } from '@campaign-ledger/api-contract';
import { comparePositions, formatPosition, type EventStore, type LogPosition, type RecordedEvent, type StreamHead } from '@campaign-ledger/event-store';
import { DigestScopeError, InvalidDigestError, InvalidManifestError } from './errors';
import { readLog } from './read-log';
import { assertScopeLabel, ChainChecker, WHOLE_LOG, type LogScope, type ProgressListener } from './verify-log';

export const DIGEST_VERSION = 'v2';
export const LEGACY_DIGEST_VERSION = 'v1';
export const MANIFEST_FORMAT = 'campaign-ledger/manifest';
/** A manifest keeps the running root after every this many events, to say where a changed log first differs. */
export const CHECKPOINT_EVERY = 1000;

// A stream head, a checkpoint, the manifest behind a v2 digest, and what a check against a digest answers are the API's
// (GET /api/audit/digest, /verify?against=): declared once, in the contract.
export type { DigestCheck, DigestCheckpoint, HeadDifference, HeadDifferenceKind, LedgerManifest, StreamHeadEntry };

/** The manifest of a v1 digest. */
export interface LegacyManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly digest: string;
  readonly position: string;
  readonly root: string;
  readonly events: number;
  readonly streams: readonly StreamHeadEntry[];
}

export type AnyManifest = LedgerManifest | LegacyManifest;

export interface LedgerDigest {
  /** `v2:<scope>:<events>:<root>`: what an auditor writes down or signs. */
  readonly digest: string;
  readonly scope: string;
  readonly events: number;
  readonly root: string;
  readonly streams: number;
  /** Position of the last event covered; 0/0 for none. Not part of the digest. */
  readonly position: LogPosition;
  readonly headsRoot: string;
  readonly manifest: LedgerManifest;
}

export type ParsedDigest =
  | { readonly version: typeof DIGEST_VERSION; readonly scope: string; readonly events: number; readonly root: string }
  | { readonly version: typeof LEGACY_DIGEST_VERSION; readonly position: LogPosition; readonly root: string };

const EMPTY_POSITION: LogPosition = { commit: 0n, prepare: 0n };

/** The text a v2 root starts with. */
export const timelinePreamble = (scope: string): string => `campaign-ledger/digest/v2\n${scope}\n`;

/** One event's line of the text a v2 root hashes. */
export function timelineLine(hash: string, recordedAt: Date): string {
  return `${hash} ${Number.isNaN(recordedAt.getTime()) ? 'invalid-date' : recordedAt.toISOString()}\n`;
}

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
}

type TimedEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'hash' | 'recordedAt'> & { logPosition?: LogPosition };

/** Folds events fed in log order into a v2 digest: the running root, the stream heads and the checkpoints. */
export class DigestTracker {
  private readonly heads = new HeadTracker();
  // One hash fed line by line (a fresh one per event costs ten times as much); copies give the root so far.
  private readonly running: Hash;
  private readonly marks: DigestCheckpoint[] = [];

  constructor(readonly scope: string = WHOLE_LOG.label) {
    assertScopeLabel(scope);
    this.running = createHash('sha256').update(timelinePreamble(scope), 'utf8');
  }

  add(event: TimedEvent): void {
    this.heads.add(event);
    this.running.update(timelineLine(event.hash, event.recordedAt), 'utf8');
    if (this.heads.events % CHECKPOINT_EVERY === 0) this.marks.push({ events: this.heads.events, root: this.root });
  }

  get events(): number {
    return this.heads.events;
  }

  /** The root over the events added so far. */
  get root(): string {
    return this.running.copy().digest('hex');
  }

  get checkpoints(): readonly DigestCheckpoint[] {
    return this.marks;
  }

  entries(): StreamHeadEntry[] {
    return this.heads.entries();
  }

  digest(): LedgerDigest {
    const streams = this.heads.entries();
    const headsRoot = rootOf(streams);
    const root = this.root;
    const digest = formatDigest(this.scope, this.events, root);
    const position = this.heads.position;
    return {
      digest,
      scope: this.scope,
      events: this.events,
      root,
      streams: streams.length,
      position,
      headsRoot,
      manifest: {
        format: MANIFEST_FORMAT,
        version: 2,
        digest,
        scope: this.scope,
        events: this.events,
        root,
        position: formatPosition(position),
        headsRoot,
        streams,
        checkpoints: [...this.marks],
      },
    };
  }
}

/** Code-unit order, the same in every locale. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SHA-256 over the canonical JSON list of [streamId, revision, hash], sorted by stream id (the root of a v1 digest). */
export function rootOf(heads: readonly StreamHeadEntry[]): string {
  const sorted = [...heads].sort((a, b) => compareIds(a.streamId, b.streamId));
  const canonical = canonicalize(sorted.map((head) => [head.streamId, head.revision, head.hash])) as string;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function formatDigest(scope: string, events: number, root: string): string {
  return `${DIGEST_VERSION}:${scope}:${events}:${root}`;
}

export function formatLegacyDigest(position: LogPosition, root: string): string {
  return `${LEGACY_DIGEST_VERSION}:${formatPosition(position)}:${root}`;
}

export function parseDigest(text: string): ParsedDigest {
  const trimmed = String(text ?? '').trim();
  const version = /^(v\d+):/.exec(trimmed)?.[1];
  if (version === DIGEST_VERSION) {
    const match = /^v2:([^\s:]+):(\d+):([0-9a-fA-F]+)$/.exec(trimmed);
    if (!match) throw InvalidDigestError.because(trimmed, 'wrong shape');
    const events = Number(match[2]);
    if (!Number.isSafeInteger(events)) throw InvalidDigestError.because(trimmed, 'the event count is too large');
    if (match[3].length !== 64) throw InvalidDigestError.because(trimmed, 'the root must be 64 hex digits');
    return { version: DIGEST_VERSION, scope: match[1], events, root: match[3].toLowerCase() };
  }
  if (version === LEGACY_DIGEST_VERSION) {
    const match = /^v1:(\d+)\/(\d+):([0-9a-fA-F]+)$/.exec(trimmed);
    if (!match) throw InvalidDigestError.because(trimmed, 'wrong shape');
    if (match[3].length !== 64) throw InvalidDigestError.because(trimmed, 'the root must be 64 hex digits');
    return { version: LEGACY_DIGEST_VERSION, position: { commit: BigInt(match[1]), prepare: BigInt(match[2]) }, root: match[3].toLowerCase() };
  }
  throw InvalidDigestError.because(trimmed, version ? `version ${version} is not supported` : 'wrong shape');
}

function normalDigest(parsed: ParsedDigest): string {
  return parsed.version === DIGEST_VERSION ? formatDigest(parsed.scope, parsed.events, parsed.root) : formatLegacyDigest(parsed.position, parsed.root);
}

export interface DigestProgress {
  /** Events read from the log (in scope or not). */
  readonly events: number;
  readonly total: number | null;
}

export interface ComputeDigestOptions {
  readonly pageSize?: number;
  readonly total?: number | null;
  readonly onProgress?: ProgressListener<DigestProgress>;
  /** Cover only the events of this scope (default: the whole log, label `all`). */
  readonly scope?: LogScope;
}

/** Digest of the log (or of a scope of it) as it is now: every event the store shows, up to the last one. */
export async function computeDigest(store: EventStore, options: ComputeDigestOptions = {}): Promise<LedgerDigest> {
  const scope = options.scope ?? WHOLE_LOG;
  const tracker = new DigestTracker(scope.label);
  let read = 0;
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) if (scope.includes(event)) tracker.add(event);
    read += page.length;
    options.onProgress?.({ events: read, total: options.total ?? null });
  }
  return tracker.digest();
}

export interface VerifyAgainstDigestOptions extends ComputeDigestOptions {
  /** The manifest kept beside the digest (`computeDigest(...).manifest`), to name what differs. */
  readonly manifest?: AnyManifest | null;
  readonly maxReported?: number;
}

/**
 * Proves that the log up to the digest is what it was (same root: v2 with every recording time, in the same order)
 * and that everything since only extends the chains (the chain check over the whole current log). Reads the log once.
 * The scope must be the one the digest was taken for (its label is in the digest).
 */
export async function verifyAgainstDigest(store: EventStore, digest: string, options: VerifyAgainstDigestOptions = {}): Promise<DigestCheck> {
  const parsed = parseDigest(digest);
  const scope = options.scope ?? WHOLE_LOG;
  assertScopeLabel(scope.label);
  const taken = parsed.version === DIGEST_VERSION ? parsed.scope : WHOLE_LOG.label;
  if (taken !== scope.label) {
    throw new DigestScopeError(
      parsed.version === DIGEST_VERSION
        ? `digest ${normalDigest(parsed)} was taken for scope "${taken}", not "${scope.label}": verify it with the scope it names`
        : `a v1 digest covers the whole log and cannot be checked for scope "${scope.label}": verify it without a scope, or take a v2 digest of that scope`,
    );
  }
  const manifest = options.manifest ?? null;
  if (manifest) assertManifestFor(manifest, parsed);
  return parsed.version === DIGEST_VERSION
    ? checkTimeline(store, parsed, scope, manifest as LedgerManifest | null, options)
    : checkHeads(store, parsed, manifest as LegacyManifest | null, options);
}

async function checkTimeline(
  store: EventStore,
  parsed: Extract<ParsedDigest, { version: 'v2' }>,
  scope: LogScope,
  manifest: LedgerManifest | null,
  options: VerifyAgainstDigestOptions,
): Promise<DigestCheck> {
  const tracker = new DigestTracker(scope.label);
  const checker = new ChainChecker(scope.label);
  const witness = manifest ? new HeadWitness(manifest.streams) : null;
  let since = 0;
  let read = 0;
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      if (!scope.includes(event)) {
        if (scope.links?.(event)) checker.add(event, false);
        continue;
      }
      checker.add(event);
      witness?.add(event);
      if (tracker.events < parsed.events) tracker.add(event);
      else since += 1;
    }
    read += page.length;
    options.onProgress?.({ events: read, total: options.total ?? null });
  }
  const verify = checker.finish(options.maxReported);
  const recomputedRoot = tracker.root;
  const rootMatches = tracker.events === parsed.events && recomputedRoot === parsed.root;
  const differences = witness && !rootMatches ? witness.differences() : [];
  const firstDifference = manifest && !rootMatches ? firstDifferenceOf(manifest, tracker) : null;
  const where = `the log up to event ${parsed.events}${scope.label === WHOLE_LOG.label ? '' : ` of scope ${scope.label}`}`;
  const parts: string[] = [];
  if (rootMatches) parts.push(`${where} is unchanged, recording times included (${parsed.events} events); ${since} appended since`);
  else if (tracker.events < parsed.events) {
    parts.push(`${where} has changed since the digest was taken: it now holds only ${tracker.events} event(s) there: events were deleted`);
  } else parts.push(`${where} has changed since the digest was taken: root ${recomputedRoot} ≠ ${parsed.root}`);
  if (!rootMatches) {
    if (manifest) {
      parts.push(
        differences.length > 0
          ? `${differences.length} stream(s) differ`
          : 'no stream head differs from the manifest: events were re-timed, reordered or replaced in place',
      );
      if (firstDifference) parts.push(`the first difference lies in events ${firstDifference.fromEvent}..${firstDifference.toEvent} in log order`);
    } else parts.push('keep the manifest beside the digest to name the streams that changed');
  }
  if (!verify.ok) parts.push(`${verify.brokenCount} broken place(s) in the hash chains`);
  return {
    ok: rootMatches && verify.ok,
    digest: normalDigest(parsed),
    version: parsed.version,
    scope: scope.label,
    rootMatches,
    recomputedRoot,
    eventsAtDigest: tracker.events,
    eventsAtDigestThen: parsed.events,
    eventsSince: since,
    differences,
    firstDifference,
    verify,
    message: parts.join('; '),
  };
}

/**
 * Names the streams whose heads at a v2 digest changed, from the whole current log: the digest counts events, so a
 * deletion lets later appends slide under its count, and comparing the heads of the first N events would blame them.
 * A manifest stream is intact when the event at its head revision still has its hash (the chain check vouches for the
 * events before it); a stream the manifest does not know was inserted when its events come before the last intact head.
 */
class HeadWitness {
  private readonly expected: Map<string, StreamHeadEntry>;
  private readonly seen = new Map<string, { atHead: { hash: string; index: number } | null; last: StreamHead }>();
  private readonly strangers = new Map<string, { first: number; last: StreamHead }>();
  private index = 0;

  constructor(heads: readonly StreamHeadEntry[]) {
    this.expected = new Map(heads.map((head) => [head.streamId, head]));
  }

  add(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'hash'>): void {
    this.index += 1;
    const head = { revision: event.revision, hash: event.hash };
    const expected = this.expected.get(event.streamId);
    if (!expected) {
      const stranger = this.strangers.get(event.streamId);
      if (stranger) stranger.last = head;
      else this.strangers.set(event.streamId, { first: this.index, last: head });
      return;
    }
    const known = this.seen.get(event.streamId) ?? { atHead: null, last: head };
    if (event.revision === expected.revision) known.atHead = { hash: event.hash, index: this.index };
    if (event.revision >= known.last.revision) known.last = head;
    this.seen.set(event.streamId, known);
  }

  differences(): HeadDifference[] {
    const differences: HeadDifference[] = [];
    let lastIntact = 0;
    for (const expected of this.expected.values()) {
      const was = { revision: expected.revision, hash: expected.hash };
      const now = this.seen.get(expected.streamId);
      if (!now) {
        differences.push({
          streamId: expected.streamId,
          kind: 'head_missing',
          expected: was,
          actual: null,
          message: `stream had ${expected.revision + 1} event(s) at the digest and now has none: deleted`,
        });
      } else if (!now.atHead) {
        differences.push({
          streamId: expected.streamId,
          kind: 'head_changed',
          expected: was,
          actual: now.last,
          message: `revision ${expected.revision} was the head, now ${now.last.revision}: events deleted`,
        });
      } else if (now.atHead.hash !== expected.hash) {
        differences.push({
          streamId: expected.streamId,
          kind: 'head_changed',
          expected: was,
          actual: { revision: expected.revision, hash: now.atHead.hash },
          message: `head revision ${expected.revision} now has another hash: the stream was altered`,
        });
      } else lastIntact = Math.max(lastIntact, now.atHead.index);
    }
    for (const [streamId, stranger] of this.strangers) {
      if (stranger.first >= lastIntact) continue;
      differences.push({
        streamId,
        kind: 'stream_added',
        expected: null,
        actual: stranger.last,
        message: 'stream was not in the log at the digest but has events before heads the digest covers: inserted',
      });
    }
    return differences.sort((a, b) => compareIds(a.streamId, b.streamId));
  }
}

/** The first checkpoint stretch whose running root differs (the last stretch when every checkpoint matches). */
function firstDifferenceOf(manifest: LedgerManifest, tracker: DigestTracker): { fromEvent: number; toEvent: number } {
  const now = new Map(tracker.checkpoints.map((mark) => [mark.events, mark.root]));
  let from = 1;
  for (const mark of manifest.checkpoints) {
    if (now.get(mark.events) !== mark.root) return { fromEvent: from, toEvent: mark.events };
    from = mark.events + 1;
  }
  return { fromEvent: from, toEvent: manifest.events };
}

async function checkHeads(
  store: EventStore,
  parsed: Extract<ParsedDigest, { version: 'v1' }>,
  manifest: LegacyManifest | null,
  options: VerifyAgainstDigestOptions,
): Promise<DigestCheck> {
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
  const parts: string[] = [];
  if (rootMatches) parts.push(`the log up to ${formatPosition(parsed.position)} is unchanged (${heads.events} events); ${since} appended since`);
  else {
    parts.push(`the log up to ${formatPosition(parsed.position)} has changed since the digest was taken: root ${recomputedRoot} ≠ ${parsed.root}`);
    if (manifest) {
      parts.push(differences.length > 0 ? `${differences.length} stream(s) differ` : 'no stream head differs from the manifest');
      if (manifest.events !== heads.events) parts.push(`${manifest.events} events then, ${heads.events} now`);
    } else parts.push('keep the manifest beside the digest to name the streams that changed');
    // A v1 digest names backend positions, which a restore renumbers.
    parts.push('a v1 digest does not survive an export and import: take a v2 digest (`ledger digest`) after checking this one');
  }
  if (!verify.ok) parts.push(`${verify.brokenCount} broken place(s) in the hash chains`);
  return {
    ok: rootMatches && verify.ok,
    digest: normalDigest(parsed),
    version: parsed.version,
    scope: WHOLE_LOG.label,
    rootMatches,
    recomputedRoot,
    eventsAtDigest: heads.events,
    eventsAtDigestThen: manifest?.events ?? null,
    eventsSince: since,
    differences,
    firstDifference: null,
    verify,
    message: parts.join('; '),
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
      differences.push({
        streamId: expected.streamId,
        kind: 'head_missing',
        expected: was,
        actual: null,
        message: `stream had ${expected.revision + 1} event(s) at the digest and now has none there: deleted`,
      });
    } else if (actual.revision !== expected.revision || actual.hash !== expected.hash) {
      const is = { revision: actual.revision, hash: actual.hash };
      const how =
        actual.revision < expected.revision
          ? `revision ${expected.revision} was the head, now ${actual.revision}: events deleted`
          : actual.revision > expected.revision
            ? `head moved from revision ${expected.revision} to ${actual.revision} at or before the digest: events inserted`
            : `head revision ${expected.revision} now has another hash: the stream was altered`;
      differences.push({ streamId: expected.streamId, kind: 'head_changed', expected: was, actual: is, message: how });
    }
  }
  for (const actual of current.values()) {
    differences.push({
      streamId: actual.streamId,
      kind: 'stream_added',
      expected: null,
      actual: { revision: actual.revision, hash: actual.hash },
      message: `stream was not in the log at the digest but has ${actual.revision + 1} event(s) at or before it now: inserted`,
    });
  }
  return differences.sort((a, b) => compareIds(a.streamId, b.streamId));
}

const isHex64 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** Checks that a parsed JSON value is a manifest (of a v2 or a v1 digest); throws InvalidManifestError otherwise. */
export function parseManifest(value: unknown): AnyManifest {
  const candidate = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof LedgerManifest, unknown>>;
  if (candidate.format !== MANIFEST_FORMAT || (candidate.version !== 1 && candidate.version !== 2) || !Array.isArray(candidate.streams)) {
    throw new InvalidManifestError(
      `not a ledger manifest (expected {"format": "${MANIFEST_FORMAT}", "version": 2, ...}, as \`ledger digest --manifest\` writes)`,
    );
  }
  for (const entry of candidate.streams as unknown[]) {
    const head = (entry ?? {}) as Partial<StreamHeadEntry>;
    if (typeof head.streamId !== 'string' || !Number.isInteger(head.revision) || typeof head.hash !== 'string') {
      throw new InvalidManifestError('a manifest stream entry must be {streamId, revision, hash}');
    }
  }
  if (candidate.version === 2) {
    const checkpoints = candidate.checkpoints;
    if (!Array.isArray(checkpoints) || !checkpoints.every((mark: Partial<DigestCheckpoint>) => Number.isInteger(mark?.events) && isHex64(mark?.root))) {
      throw new InvalidManifestError('a version 2 manifest needs "checkpoints": [{events, root}], as `ledger digest --manifest` writes');
    }
  }
  return candidate as unknown as AnyManifest;
}

function assertManifestFor(manifest: AnyManifest, parsed: ParsedDigest): void {
  const checked = parseManifest(manifest);
  const digest = normalDigest(parsed);
  const versionOf = parsed.version === DIGEST_VERSION ? 2 : 1;
  if (checked.version !== versionOf) {
    throw new InvalidManifestError(
      `the manifest is of a ${checked.version === 2 ? 'v2' : 'v1'} digest, not of ${digest}: use the manifest written with this digest`,
    );
  }
  const belongs =
    checked.version === 2 && parsed.version === DIGEST_VERSION
      ? checked.digest === digest &&
        checked.scope === parsed.scope &&
        checked.events === parsed.events &&
        checked.root === parsed.root &&
        rootOf(checked.streams) === checked.headsRoot
      : parsed.version === LEGACY_DIGEST_VERSION && rootOf(checked.streams) === parsed.root && checked.position === formatPosition(parsed.position);
  if (!belongs) throw new InvalidManifestError(`the manifest does not belong to digest ${digest} (its digest, heads or position differ)`);
}
