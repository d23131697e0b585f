// In-memory adapter: fast unit tests only; nothing survives the process.
import { ConcurrencyError, IdempotencyKeyReusedError } from '../errors';
import { comparePositions } from '../position';
import { pollingSubscription } from '../polling-subscription';
import { brokenCondition, preparePending, sealEvents, sealedRecordedAt, validateAppend, verifyChain } from '../prepare';
import {
  systemClock,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type EventStore,
  type EventStoreStatus,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type SubscribeToAllOptions,
  type Subscription,
  type VerifyResult,
} from '../types';

export class InMemoryEventStore implements EventStore {
  readonly backend = 'memory' as const;
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly log: RecordedEvent[] = [];
  private readonly idempotency = new Map<string, AppendResult>();
  private readonly listeners = new Set<() => void>();
  private position = 0n;

  constructor(private readonly clock: Clock = systemClock) {}

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options);
    if (options.idempotencyKey !== undefined) {
      const first = this.idempotency.get(options.idempotencyKey);
      if (first) {
        if (first.streamId !== streamId) throw new IdempotencyKeyReusedError(options.idempotencyKey, first.streamId, streamId);
        return { ...first, replayed: true };
      }
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const expected = options.expectedRevision;
    if (
      (expected === 'no_stream' && stream.length > 0) ||
      (expected === 'exists' && stream.length === 0) ||
      (typeof expected === 'number' && expected !== current)
    ) {
      throw new ConcurrencyError(streamId, expected, stream.length === 0 ? 'no_stream' : current);
    }
    const broken = brokenCondition(options.alsoExpect, (other) => (this.streams.get(other)?.length ?? 0) - 1);
    if (broken) throw broken;
    const pending = preparePending(events, options, this.clock);
    const sealed = sealEvents(streamId, current, stream.at(-1)?.hash ?? null, pending);
    const recordedAt = new Date(sealedRecordedAt(pending[0]));
    const recorded = sealed.map((event): RecordedEvent => {
      this.position += 1n;
      return { ...event, recordedAt, globalPosition: this.position, logPosition: { commit: this.position, prepare: this.position } };
    });
    stream.push(...recorded);
    this.streams.set(streamId, stream);
    this.log.push(...recorded);
    const last = recorded[recorded.length - 1];
    const result: AppendResult = {
      streamId,
      firstRevision: recorded[0].revision,
      nextRevision: last.revision,
      globalPosition: last.globalPosition,
      logPosition: last.logPosition,
      eventIds: recorded.map((event) => event.id),
      replayed: false,
    };
    if (options.idempotencyKey !== undefined) this.idempotency.set(options.idempotencyKey, result);
    for (const listener of this.listeners) listener();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? stream.length - 1;
      return stream
        .filter((event) => event.revision <= from)
        .reverse()
        .slice(0, max);
    }
    const from = options.fromRevision ?? 0;
    return stream.filter((event) => event.revision >= from).slice(0, max);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.from;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const start = from ? this.log.findIndex((event) => comparePositions(event.logPosition, from) > 0) : 0;
    return start < 0 ? [] : this.log.slice(start, start + max);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return pollingSubscription(
      {
        read: (from, max) => this.readAll({ from, maxCount: max }),
        onWake: (callback) => {
          this.listeners.add(callback);
          return () => this.listeners.delete(callback);
        },
      },
      options,
    );
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    return verifyChain(streamId, this.streams.get(streamId) ?? []);
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const last = this.streams.get(streamId)?.at(-1);
    return last ? { revision: last.revision, hash: last.hash } : null;
  }

  async status(): Promise<EventStoreStatus> {
    return { backend: 'memory', ok: true, detail: `${this.log.length} events in memory` };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  /** Test hook: replaces a stored event, as a tampering writer would. */
  tamper(streamId: string, revision: number, change: (event: RecordedEvent) => RecordedEvent): void {
    const stream = this.streams.get(streamId);
    if (!stream?.[revision]) throw new Error(`no event ${streamId}@${revision}`);
    const original = stream[revision];
    const changed = change(original);
    stream[revision] = changed;
    this.log[this.log.indexOf(original)] = changed;
  }
}
