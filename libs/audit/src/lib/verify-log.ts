// Checks every stream's hash chain over the whole log and names every broken place, not only the first per stream.
import type { BreakReason, BrokenPlace, VerifyLogReport } from '@campaign-ledger/api-contract';
import {
  comparePositions,
  formatPosition,
  hashEvent,
  recordedAtMismatch,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '@campaign-ledger/event-store';
import { DigestScopeError } from './errors';
import { readLog } from './read-log';

// The report and its broken places are the API's answer (GET /api/audit/verify): declared once, in the contract.
export type { BreakReason, BrokenPlace, VerifyLogReport };

/**
 * Which events of the log a check covers, e.g. one unit's streams. `includes` is called exactly once for every event,
 * in log order, so it may learn from the events before (which streams belong to the unit). The label names the scope
 * in digests (`v2:<label>:...`): 1..200 characters, no ':' and no white space.
 */
export interface LogScope {
  readonly label: string;
  /** Called once for every event, in log order (it may learn from the ones before): whether the scope covers it. */
  includes(event: RecordedEvent): boolean;
  /**
   * Optional, asked for events `includes` refused: whether a stream the scope shares with others needs the event to
   * check its chain. Such an event is linked (a stream's chain cannot be checked with links left out) but never
   * counted, digested or named in a report: a break there is only counted (`brokenElsewhere`).
   */
  links?(event: RecordedEvent): boolean;
}

/** The whole log. */
export const WHOLE_LOG: LogScope = { label: 'all', includes: () => true };

/** Throws when a scope label cannot stand in a digest. */
export function assertScopeLabel(label: string): void {
  if (typeof label !== 'string' || !/^[^\s:]{1,200}$/.test(label)) {
    throw new DigestScopeError(`scope label "${String(label)}" cannot stand in a digest: use 1..200 characters without ':' or white space (e.g. unit.U1)`);
  }
}

export interface VerifyProgress {
  readonly phase: 'reading' | 'linking' | 'done';
  /** Events read from the log (all of them, in scope or not). */
  readonly events: number;
  readonly streams: number;
  /** Events in the log when the caller knows it (see `VerifyLogOptions.total`). */
  readonly total: number | null;
}

export type ProgressListener<P> = (progress: P) => void;

export interface VerifyLogOptions {
  readonly pageSize?: number;
  /** Number of events expected, only for progress display. */
  readonly total?: number | null;
  /** Broken places kept in the report (default 10,000); all are counted. */
  readonly maxReported?: number;
  /** Check only the events of this scope (default: the whole log). */
  readonly scope?: LogScope;
}

interface Link {
  /** False for an event of a shared stream the scope does not cover. */
  readonly shown: boolean;
  readonly revision: number;
  readonly eventId: string;
  readonly position: LogPosition;
  readonly previousHash: string | null;
  readonly hash: string;
}

/**
 * Feeds on events in log order and keeps only what linking needs, so memory grows with the number of events
 * times a few short strings, not with their data.
 */
export class ChainChecker {
  private readonly streams = new Map<string, Link[]>();
  private readonly contentBreaks: BrokenPlace[] = [];
  /** Broken places at events the scope does not cover (in streams it shares): counted, never named. */
  private elsewhere = 0;
  private eventCount = 0;
  private last: LogPosition | null = null;

  constructor(private readonly scope: string = WHOLE_LOG.label) {}

  get events(): number {
    return this.eventCount;
  }

  get streamCount(): number {
    let count = 0;
    for (const links of this.streams.values()) if (links.some((link) => link.shown)) count += 1;
    return count;
  }

  /** Feeds one event; `shown: false` links an event of a shared stream that the scope does not cover. */
  add(event: RecordedEvent, shown = true): void {
    if (!shown) {
      this.link(event, false);
      if (hashEvent(event) !== event.hash || recordedAtMismatch(event)) this.elsewhere += 1;
      return;
    }
    this.eventCount += 1;
    this.last = event.logPosition;
    // The content check needs only the event itself: its own previousHash is what its hash covers.
    const recomputed = hashEvent(event);
    const at = { revision: event.revision, eventId: event.id, position: event.logPosition };
    if (recomputed !== event.hash) {
      this.contentBreaks.push(
        place(
          event.streamId,
          at,
          'hash_mismatch',
          recomputed,
          event.hash,
          'the stored hash is not the hash of the stored content: the event was altered after it was written',
        ),
      );
    } else {
      // Only a verified seal is worth comparing with: an altered event's sealed time proves nothing.
      const retimed = recordedAtMismatch(event);
      if (retimed) {
        this.contentBreaks.push(
          place(
            event.streamId,
            at,
            'recorded_at_mismatch',
            retimed.sealed,
            retimed.stored,
            `stored as recorded at ${retimed.stored} but sealed as recorded at ${retimed.sealed}: the recording time was changed after ` +
              'the event was written (as-of and diff cut the log by it)',
          ),
        );
      }
    }
    this.link(event, true);
  }

  private link(event: RecordedEvent, shown: boolean): void {
    let links = this.streams.get(event.streamId);
    if (!links) {
      links = [];
      this.streams.set(event.streamId, links);
    }
    links.push({ revision: event.revision, eventId: event.id, position: event.logPosition, previousHash: event.previousHash, hash: event.hash, shown });
  }

  finish(maxReported = 10_000): VerifyLogReport {
    const broken: BrokenPlace[] = [...this.contentBreaks];
    let elsewhere = this.elsewhere;
    for (const [streamId, links] of this.streams) {
      for (const found of linkBreaks(streamId, links)) {
        if (found.shown) broken.push(found.place);
        else elsewhere += 1;
      }
    }
    broken.sort((a, b) =>
      a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision || reasonRank(a.reason) - reasonRank(b.reason),
    );
    return {
      ok: broken.length === 0 && elsewhere === 0,
      scope: this.scope,
      streams: this.streamCount,
      events: this.eventCount,
      brokenCount: broken.length,
      broken: broken.slice(0, maxReported),
      ...(elsewhere > 0 ? { brokenElsewhere: elsewhere } : {}),
      lastPosition: this.last ? formatPosition(this.last) : null,
    };
  }
}

function linkBreaks(streamId: string, links: Link[]): { place: BrokenPlace; shown: boolean }[] {
  const broken: { place: BrokenPlace; shown: boolean }[] = [];
  const at = (link: Link, place: BrokenPlace) => broken.push({ place, shown: link.shown });
  const byRevision = [...links].sort((a, b) => a.revision - b.revision || comparePositions(a.position, b.position));
  let expectedRevision = 0;
  let previous: Link | null = null;
  for (const link of byRevision) {
    if (previous && link.revision === previous.revision) {
      at(
        link,
        place(
          streamId,
          link,
          'duplicate_revision',
          `one event at revision ${link.revision}`,
          `another event ${previous.eventId}`,
          `revision ${link.revision} is claimed by two events`,
        ),
      );
      continue;
    }
    if (link.revision > expectedRevision) {
      const missing = link.revision - expectedRevision === 1 ? `revision ${expectedRevision} is` : `revisions ${expectedRevision}..${link.revision - 1} are`;
      at(link, place(streamId, link, 'revision_gap', String(expectedRevision), String(link.revision), `${missing} missing before this event: deleted`));
    } else if (link.previousHash !== (previous?.hash ?? null)) {
      at(
        link,
        place(
          streamId,
          link,
          'previous_hash_mismatch',
          String(previous?.hash ?? null),
          String(link.previousHash),
          previous
            ? `does not link to the stored hash of revision ${previous.revision}: an event was inserted or replaced`
            : 'the first event of a stream must not link to a previous hash',
        ),
      );
    }
    // The later-written of two events out of order is the suspect: a forged row gets a fresh log position.
    if (previous && comparePositions(link.position, previous.position) < 0) {
      at(
        previous,
        place(
          streamId,
          previous,
          'log_order',
          `before ${formatPosition(link.position)}`,
          formatPosition(previous.position),
          `written to the log after revision ${link.revision}, which should follow it: inserted out of turn`,
        ),
      );
    }
    previous = link;
    expectedRevision = link.revision + 1;
  }
  return broken;
}

function place(
  streamId: string,
  at: { revision: number; eventId: string; position: LogPosition },
  reason: BreakReason,
  expected: string,
  actual: string,
  message: string,
): BrokenPlace {
  return { streamId, revision: at.revision, eventId: at.eventId, position: formatPosition(at.position), reason, expected, actual, message };
}

const REASON_ORDER: readonly BreakReason[] = [
  'revision_gap',
  'duplicate_revision',
  'previous_hash_mismatch',
  'hash_mismatch',
  'recorded_at_mismatch',
  'log_order',
];
const reasonRank = (reason: BreakReason) => REASON_ORDER.indexOf(reason);

/** Reads the whole log in pages and checks every stream's chain (of the scope, when given); reports every broken place. */
export async function verifyLog(store: EventStore, onProgress?: ProgressListener<VerifyProgress>, options: VerifyLogOptions = {}): Promise<VerifyLogReport> {
  const scope = options.scope ?? WHOLE_LOG;
  assertScopeLabel(scope.label);
  const checker = new ChainChecker(scope.label);
  const total = options.total ?? null;
  let read = 0;
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      if (scope.includes(event)) checker.add(event);
      else if (scope.links?.(event)) checker.add(event, false);
    }
    read += page.length;
    onProgress?.({ phase: 'reading', events: read, streams: checker.streamCount, total });
  }
  onProgress?.({ phase: 'linking', events: read, streams: checker.streamCount, total });
  const report = checker.finish(options.maxReported);
  onProgress?.({ phase: 'done', events: read, streams: report.streams, total });
  return report;
}
