// KurrentDB adapter of the EventStore port: the hash chain and envelope are ours, concurrency and ordering are the server's.
import { createHash } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreError, EventStoreUnavailableError, IdempotencyKeyReusedError, InvalidAppendError } from '../errors';
import { comparePositions } from '../position';
import { brokenCondition, preparePending, sealEvents, validateAppend, verifyChain, type PendingEvent, type SealedEvent } from '../prepare';
import {
  systemClock,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type EventStore,
  type EventStoreStatus,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamCondition,
  type StreamHead,
  type SubscribeToAllOptions,
  type Subscription,
  type VerifyResult,
} from '../types';
import { IDEMPOTENCY_STREAM_PREFIX, fromKurrent, isHiddenStream, isLedgerEvent, positionOf, toEventData } from './kurrentdb-envelope';
import { StreamHeadCache } from './stream-head-cache';
import { withTimeout } from './with-timeout';

export interface KurrentDbEventStoreOptions {
  /** Deadline of every call to the server, ours rather than the client's. Default 5000. */
  readonly timeoutMs?: number;
  /** Stream heads kept in memory to skip the head read before an append. Default 10 000. */
  readonly headCacheSize?: number;
  /** Attempts of an `any` / `exists` / idempotent append that keeps losing races. Default 10. */
  readonly maxAppendAttempts?: number;
  /** Page size when reading $all. Default 1000. */
  readonly readAllPageSize?: number;
}

interface PendingRecord {
  readonly kind: 'pending';
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  /** Revision the events were sealed after (-1: empty stream); they land at headRevision + 1 or not at all. */
  readonly headRevision: number;
  readonly eventIds: readonly string[];
}

interface CompletedRecord {
  readonly kind: 'completed';
  readonly streamId: string;
  readonly result: {
    readonly firstRevision: number;
    readonly nextRevision: number;
    readonly commit: string;
    readonly prepare: string;
    readonly eventIds: readonly string[];
  };
}

type IdempotencyRecord = PendingRecord | CompletedRecord;

const IDEMPOTENCY_PENDING = 'IdempotencyPending';
const IDEMPOTENCY_COMPLETED = 'IdempotencyCompleted';

export function idempotencyStreamId(key: string): string {
  return `${IDEMPOTENCY_STREAM_PREFIX}${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function errorType(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'type' in error ? String((error as { type: unknown }).type) : undefined;
}

function isWrongExpectedVersion(error: unknown): error is { actualState?: unknown } {
  return errorType(error) === 'wrong-expected-version';
}

function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === 'stream-not-found';
}

/** Connection-level failures: grpc UNAVAILABLE (14) / DEADLINE_EXCEEDED (4), the bridge's UnavailableError, a moved leader. */
function isConnectionFailure(error: unknown): boolean {
  const type = errorType(error);
  if (type === 'unavailable' || type === 'deadline-exceeded' || type === 'not-leader' || type === 'timeout') return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 14 || code === 4;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function actualOf(error: { actualState?: unknown }): number | 'no_stream' | 'unknown' {
  const actual = error.actualState;
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : Number(actual);
  if (actual === NO_STREAM) return 'no_stream';
  return 'unknown';
}

/** The retry loop lost a race on the stream; try again with a fresh head. */
class LostRace extends Error {}

export class KurrentDbEventStore implements EventStore {
  readonly backend = 'kurrentdb' as const;
  private readonly client: KurrentDBClient;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly pageSize: number;
  private readonly heads: StreamHeadCache;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  /** `connection`: a connection string such as `kurrentdb://localhost:2113?tls=false`, or a client (then owned by the store). */
  constructor(
    connection: string | KurrentDBClient,
    private readonly clock: Clock = systemClock,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAttempts = options.maxAppendAttempts ?? 10;
    this.pageSize = options.readAllPageSize ?? 1000;
    this.heads = new StreamHeadCache(options.headCacheSize ?? 10_000);
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) throw new RangeError('timeoutMs must be positive');
  }

  // ---- calls to the server: every one through here -------------------------------------------

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (this.closed) throw new EventStoreUnavailableError(`KurrentDB ${operation}: the store is closed`);
    try {
      return await withTimeout(Promise.resolve().then(run), this.timeoutMs, operation);
    } catch (error) {
      throw this.mapError(error, operation);
    }
  }

  private mapError(error: unknown, operation: string): unknown {
    if (error instanceof EventStoreError) return error;
    if (isConnectionFailure(error)) {
      return new EventStoreUnavailableError(`KurrentDB ${operation} failed: ${describe(error)}`, { cause: error });
    }
    return error;
  }

  /** Drains a read under one deadline; on timeout the iterator is abandoned (closing it could hang too). */
  private read<T>(operation: string, open: () => AsyncIterableIterator<T>, missingIsEmpty = true): Promise<T[]> {
    return this.call(operation, async () => {
      const items: T[] = [];
      try {
        for await (const item of open()) items.push(item);
      } catch (error) {
        if (missingIsEmpty && isStreamNotFound(error)) return [];
        throw error;
      }
      return items;
    });
  }

  private async readStreamRaw(
    streamId: string,
    direction: typeof FORWARDS | typeof BACKWARDS,
    fromRevision: ReadRevision,
    maxCount?: number,
  ): Promise<ResolvedEvent[]> {
    return this.read(`readStream(${streamId})`, () =>
      this.client.readStream(streamId, { direction, fromRevision, ...(maxCount !== undefined ? { maxCount } : {}) }),
    );
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
    return resolved.event ? fromKurrent(resolved.event, resolved.commitPosition) : null;
  }

  // ---- append -----------------------------------------------------------------------------

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options);
    if (streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX)) {
      throw new InvalidAppendError(`stream ids starting with "${IDEMPOTENCY_STREAM_PREFIX}" are reserved`);
    }
    const pending = preparePending(events, options, this.clock);
    if (options.idempotencyKey !== undefined) {
      return this.appendIdempotent(streamId, pending, options.expectedRevision, options.idempotencyKey, options.alsoExpect);
    }
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.headFor(streamId, options.expectedRevision);
      try {
        return await this.write(streamId, pending, options.expectedRevision, head, options.alsoExpect);
      } catch (error) {
        // Only `any` and `exists` retry: the caller did not name a revision, we did, and someone got there first.
        if (!(error instanceof LostRace) || attempt >= this.maxAttempts) throw this.unwrapRace(error, streamId, options.expectedRevision);
      }
    }
  }

  /**
   * The head to seal after, checked against the caller's expectation. `no_stream` needs no read; a number
   * uses the cached head when it is at that revision; otherwise the last event is read (backwards, 1).
   */
  private async headFor(streamId: string, expected: ExpectedRevision): Promise<StreamHead | null> {
    if (expected === 'no_stream') return null;
    if (typeof expected === 'number') {
      const cached = this.heads.get(streamId);
      if (cached && cached.revision === expected) return cached;
    }
    const head = await this.readHead(streamId);
    if (typeof expected === 'number' && (head?.revision ?? -1) !== expected) {
      throw new ConcurrencyError(streamId, expected, head ? head.revision : 'no_stream');
    }
    if (expected === 'exists' && !head) throw new ConcurrencyError(streamId, expected, 'no_stream');
    return head;
  }

  /** KurrentDB has no condition across streams: the other streams' heads are read just before the append. */
  private async checkConditions(conditions: readonly StreamCondition[] | undefined): Promise<void> {
    if (!conditions || conditions.length === 0) return;
    const heads = new Map(await Promise.all(conditions.map(async (c) => [c.streamId, (await this.readHead(c.streamId))?.revision ?? -1] as const)));
    const broken = brokenCondition(conditions, (other) => heads.get(other) ?? -1);
    if (broken) throw broken;
  }

  private async readHead(streamId: string): Promise<StreamHead | null> {
    const [last] = await this.readStreamRaw(streamId, BACKWARDS, END, 1);
    const event = last ? this.toRecorded(last) : null;
    if (!event) {
      this.heads.delete(streamId);
      return null;
    }
    const head = { revision: event.revision, hash: event.hash };
    this.heads.set(streamId, head);
    return head;
  }

  /** Seals after `head` and appends at exactly that revision, so the chain can never fork. */
  private async write(
    streamId: string,
    pending: readonly PendingEvent[],
    expected: ExpectedRevision,
    head: StreamHead | null,
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult> {
    await this.checkConditions(conditions);
    const sealed = sealEvents(streamId, head?.revision ?? -1, head?.hash ?? null, pending);
    const streamState: AppendStreamState = head ? BigInt(head.revision) : NO_STREAM;
    let result;
    try {
      result = await this.call(`append(${streamId})`, () => this.client.appendToStream(streamId, sealed.map(toEventData), { streamState }));
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        this.heads.delete(streamId);
        if (expected === 'any' || expected === 'exists') throw new LostRace();
        throw new ConcurrencyError(streamId, expected, actualOf(error));
      }
      throw error;
    }
    if (!result.success) {
      // A client built with throwOnAppendFailure=false reports the conflict in the result instead.
      this.heads.delete(streamId);
      if (expected === 'any' || expected === 'exists') throw new LostRace();
      const actual = result.nextExpectedRevision;
      throw new ConcurrencyError(streamId, expected, actual < 0n ? 'no_stream' : Number(actual));
    }
    const last = sealed[sealed.length - 1];
    this.heads.set(streamId, { revision: last.revision, hash: last.hash });
    // For one event the response's position is that event's; for several, read the last one back rather
    // than assume which event of the write the response names.
    const logPosition =
      result.position && sealed.length === 1
        ? { commit: BigInt(result.position.commit), prepare: BigInt(result.position.prepare) }
        : await this.positionAt(streamId, last.revision);
    return this.resultOf(streamId, sealed, logPosition);
  }

  private resultOf(streamId: string, sealed: readonly SealedEvent[] | readonly RecordedEvent[], logPosition: LogPosition): AppendResult {
    return {
      streamId,
      firstRevision: sealed[0].revision,
      nextRevision: sealed[sealed.length - 1].revision,
      globalPosition: logPosition.prepare,
      logPosition,
      eventIds: sealed.map((event) => event.id),
      replayed: false,
    };
  }

  private async positionAt(streamId: string, revision: number): Promise<LogPosition> {
    const [event] = await this.readStreamRaw(streamId, FORWARDS, BigInt(revision), 1);
    if (!event?.event) throw new EventStoreUnavailableError(`KurrentDB did not return ${streamId}@${revision} just written`);
    return positionOf(event.event, event.commitPosition);
  }

  private unwrapRace(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
    return error instanceof LostRace ? new ConcurrencyError(streamId, expected, 'unknown') : error;
  }

  // ---- idempotent append -------------------------------------------------------------------
  //
  // KurrentDB has no unique index we control, so each key gets a record stream (idempotency-<sha256>).
  // A writer appends a "pending" record (stream, head revision, event ids) BEFORE the events and a
  // "completed" record (the result) after. Events are always appended at the exact head revision they
  // were sealed after, so a pending append lands at headRevision + 1 or never. A writer that finds a
  // pending record, whether left by a crash, a timeout or a concurrent writer, reads the target stream
  // at headRevision + 1 AFTER having read the head it will seal against: if the event there carries
  // the recorded first id, that append happened, so it completes the record and returns it; if not,
  // that append can no longer land before its own (they would need the same revision, and the server
  // lets only one have it), so it appends afresh under a new pending record.

  private async appendIdempotent(
    streamId: string,
    pending: readonly PendingEvent[],
    expected: ExpectedRevision,
    key: string,
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult> {
    const recordStream = idempotencyStreamId(key);
    const ownIds = pending.map((event) => event.id);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const records = await this.readRecords(recordStream);
      const first = records[0];
      if (first && first.record.streamId !== streamId) throw new IdempotencyKeyReusedError(key, first.record.streamId, streamId);
      const completed = records.find((entry) => entry.record.kind === 'completed')?.record as CompletedRecord | undefined;
      if (completed) return { ...this.fromCompleted(completed), replayed: true };

      // The head first, then the pending checks: see the comment above.
      const head = expected === 'no_stream' ? null : await this.readHead(streamId);
      for (const { record } of records) {
        if (record.kind !== 'pending') continue;
        const landed = await this.landed(record);
        if (landed) {
          await this.complete(recordStream, landed);
          const mine = record.eventIds[0] === ownIds[0];
          return { ...landed, replayed: !mine };
        }
      }
      if (typeof expected === 'number' && (head?.revision ?? -1) !== expected) {
        throw new ConcurrencyError(streamId, expected, head ? head.revision : 'no_stream');
      }
      if (expected === 'exists' && !head) throw new ConcurrencyError(streamId, expected, 'no_stream');
      await this.checkConditions(conditions);

      const lastRecord = records.at(-1)?.revision;
      const claim: PendingRecord = { kind: 'pending', streamId, expectedRevision: expected, headRevision: head?.revision ?? -1, eventIds: ownIds };
      try {
        await this.call(`append(${recordStream})`, () =>
          this.client.appendToStream(recordStream, jsonEvent({ type: IDEMPOTENCY_PENDING, data: { ...claim } }), {
            streamState: lastRecord === undefined ? NO_STREAM : BigInt(lastRecord),
          }),
        );
      } catch (error) {
        if (isWrongExpectedVersion(error)) continue; // another writer recorded first: look again
        throw error;
      }
      let result: AppendResult;
      try {
        result = await this.write(streamId, pending, expected === 'no_stream' ? 'no_stream' : 'any', head);
      } catch (error) {
        // Lost to another writer (maybe one with the same key): the next round finds out which.
        if (error instanceof LostRace) continue;
        if (error instanceof ConcurrencyError && expected === 'no_stream') continue;
        throw error;
      }
      await this.complete(recordStream, result);
      return result;
    }
    throw new ConcurrencyError(streamId, expected, 'unknown');
  }

  private async readRecords(recordStream: string): Promise<{ revision: number; record: IdempotencyRecord }[]> {
    const events = await this.readStreamRaw(recordStream, FORWARDS, START);
    const records: { revision: number; record: IdempotencyRecord }[] = [];
    for (const resolved of events) {
      const event = resolved.event;
      if (!event?.isJson) continue;
      const data = event.data as unknown as IdempotencyRecord;
      if (data?.kind === 'pending' || data?.kind === 'completed') records.push({ revision: Number(event.revision), record: data });
    }
    return records;
  }

  /** The result of a pending append if its events are in the stream. */
  private async landed(record: PendingRecord): Promise<AppendResult | null> {
    const events = await this.readStreamRaw(record.streamId, FORWARDS, BigInt(record.headRevision + 1), record.eventIds.length);
    const recorded = events.map((event) => this.toRecorded(event)).filter((event): event is RecordedEvent => event !== null);
    if (recorded.length === 0 || recorded[0].id !== record.eventIds[0]) return null;
    return this.resultOf(record.streamId, recorded, recorded[recorded.length - 1].logPosition);
  }

  /** Best effort: the events are written; without this record a retry still finds them through the pending one. */
  private async complete(recordStream: string, result: AppendResult): Promise<void> {
    const record: CompletedRecord = {
      kind: 'completed',
      streamId: result.streamId,
      result: {
        firstRevision: result.firstRevision,
        nextRevision: result.nextRevision,
        commit: result.logPosition.commit.toString(),
        prepare: result.logPosition.prepare.toString(),
        eventIds: result.eventIds,
      },
    };
    try {
      await this.call(`append(${recordStream})`, () =>
        this.client.appendToStream(recordStream, jsonEvent({ type: IDEMPOTENCY_COMPLETED, data: { ...record } })),
      );
    } catch {
      // Swallowed on purpose, see above.
    }
  }

  private fromCompleted(record: CompletedRecord): AppendResult {
    const logPosition = { commit: BigInt(record.result.commit), prepare: BigInt(record.result.prepare) };
    return {
      streamId: record.streamId,
      firstRevision: record.result.firstRevision,
      nextRevision: record.result.nextRevision,
      globalPosition: logPosition.prepare,
      logPosition,
      eventIds: [...record.result.eventIds],
      replayed: false,
    };
  }

  // ---- reads -----------------------------------------------------------------------------

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { direction = 'forwards', fromRevision, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    if (fromRevision !== undefined && (!Number.isInteger(fromRevision) || fromRevision < 0)) {
      if (direction === 'backwards' && fromRevision < 0) return [];
      throw new RangeError('fromRevision must be a non-negative integer');
    }
    const from: ReadRevision = fromRevision !== undefined ? BigInt(fromRevision) : direction === 'backwards' ? END : START;
    const events = await this.readStreamRaw(streamId, direction === 'backwards' ? BACKWARDS : FORWARDS, from, maxCount);
    return events.map((event) => this.toRecorded(event)).filter((event): event is RecordedEvent => event !== null);
  }

  /** One page of $all after `from` (exclusive), and the position of the last raw event read. */
  private async readAllPage(from: LogPosition | null, max: number): Promise<{ events: RecordedEvent[]; rawCount: number; last: LogPosition | null }> {
    // The server's `fromPosition` is inclusive: ask for one more and drop the event at `from`.
    const raw = await this.read(
      'readAll',
      () => this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START, maxCount: max + (from ? 1 : 0), filter: excludeSystemEvents() }),
      false,
    );
    const events: RecordedEvent[] = [];
    let last: LogPosition | null = null;
    for (const resolved of raw) {
      const event = resolved.event;
      if (!event) continue;
      const position = positionOf(event, resolved.commitPosition);
      if (from && comparePositions(position, from) <= 0) continue;
      last = position;
      if (isHiddenStream(event.streamId) || event.type.startsWith('$') || !isLedgerEvent(event)) continue;
      events.push(fromKurrent(event, resolved.commitPosition));
    }
    return { events, rawCount: raw.length, last };
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (wanted <= 0) return [];
    const out: RecordedEvent[] = [];
    let cursor = options.from ?? null;
    // Hidden events (idempotency records, foreign writers) are dropped here, so keep paging until enough are kept.
    while (out.length < wanted) {
      const size = Math.min(this.pageSize, wanted - out.length);
      const page = await this.readAllPage(cursor, size);
      out.push(...page.events.slice(0, wanted - out.length));
      if (!page.last || page.rawCount < size + (cursor ? 1 : 0)) break;
      cursor = page.last;
    }
    return out;
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    return verifyChain(streamId, await this.readStream(streamId));
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    return this.readHead(streamId);
  }

  /** Pings the server by reading the last event of $all; rejects with EventStoreUnavailableError when it cannot. */
  async status(): Promise<EventStoreStatus> {
    const [last] = await this.read('status', () => this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), false);
    const position = last?.event ? positionOf(last.event, last.commitPosition) : null;
    return {
      backend: 'kurrentdb',
      ok: true,
      detail: position ? `connected; $all at ${position.commit}/${position.prepare}` : 'connected; $all is empty',
    };
  }

  // ---- subscription ----------------------------------------------------------------------

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const batchSize = options.batchSize ?? 500;
    const from = options.from ?? null;
    const source = this.client.subscribeToAll({ fromPosition: from ?? START, filter: excludeSystemEvents() });
    const queue: RecordedEvent[] = [];
    let position: LogPosition | null = from;
    let serverCaughtUp = false;
    let caughtUp = false;
    let stopped = false;
    let draining: Promise<void> | null = null;
    let scheduled = false;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const end = async (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      if (error !== undefined) options.onError?.(error);
      source.removeAllListeners('data');
      try {
        await withTimeout(source.unsubscribe(), this.timeoutMs, 'unsubscribe');
      } catch {
        source.destroy();
      }
      await draining;
      this.subscriptions.delete(subscription);
      finish();
    };

    const drain = async () => {
      scheduled = false;
      source.pause();
      try {
        while (queue.length > 0 && !stopped) {
          const batch = queue.splice(0, batchSize);
          await options.onEvents(batch);
          position = batch[batch.length - 1].logPosition;
        }
        if (serverCaughtUp && queue.length === 0 && source.readableLength === 0) caughtUp = true;
      } catch (error) {
        draining = null;
        void end(error);
        return;
      }
      draining = null;
      if (!stopped) source.resume();
    };

    source.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = resolved.event;
      if (!event || stopped) return;
      const at = positionOf(event, resolved.commitPosition);
      if (from && comparePositions(at, from) <= 0) return;
      if (isHiddenStream(event.streamId) || event.type.startsWith('$') || !isLedgerEvent(event)) return;
      queue.push(fromKurrent(event, resolved.commitPosition));
      if (queue.length >= batchSize) source.pause();
      // Let the events already received join the batch before delivering it.
      if (!draining && !scheduled) {
        scheduled = true;
        setImmediate(() => {
          if (!draining && !stopped) draining = drain();
          else scheduled = false;
        });
      }
    });
    source.on('caughtUp', () => {
      serverCaughtUp = true;
      if (queue.length === 0 && !draining && source.readableLength === 0) caughtUp = true;
    });
    source.on('fellBehind', () => {
      serverCaughtUp = false;
    });
    source.on('error', (error: unknown) => void end(this.mapError(error, 'subscribeToAll')));
    source.on('end', () => void end(new EventStoreUnavailableError('KurrentDB ended the $all subscription')));

    const subscription: Subscription = {
      async stop() {
        await end();
        await finished;
      },
      finished,
      get position() {
        return position;
      },
      get caughtUp() {
        return caughtUp;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
    try {
      await withTimeout(this.client.dispose(), this.timeoutMs, 'dispose');
    } catch {
      // A client that cannot even dispose in time is abandoned; the store is closed either way.
    }
  }
}
