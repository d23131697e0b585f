// Test double: an event store over a plain array in log order, so specs can delete, insert and rewrite rows
// the way a tampering database user would, and restore sealed events without a database.
import {
  ConcurrencyError,
  comparePositions,
  verifyChain,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventStoreStatus,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type Subscription,
  type VerifyResult,
} from '@campaign-ledger/event-store';
import { sha256Of, type BlobSink } from '../lib/evidence';
import type { RestoreTarget, RestoredEvent, SealedEventInput, SealedEventWriter } from '../lib/restore-target';

export class ArrayEventStore implements EventStore {
  readonly backend = 'memory' as const;
  /** The log, in log order; specs edit it directly. */
  readonly rows: RecordedEvent[];
  /** Evidence files by SHA-256: read by exports, written by restores. */
  readonly blobs = new Map<string, Buffer>();
  private next = 1n;

  constructor(rows: readonly RecordedEvent[] = []) {
    this.rows = rows.map((row) => ({ ...row }));
    for (const row of this.rows) if (row.globalPosition >= this.next) this.next = row.globalPosition + 1n;
  }

  /** A row with the next log position, for inserting forged events. */
  nextPosition(): { globalPosition: bigint; logPosition: { commit: bigint; prepare: bigint } } {
    const position = this.next++;
    return { globalPosition: position, logPosition: { commit: position, prepare: position } };
  }

  async append(_streamId: string, _events: readonly NewEvent[], _options: AppendOptions): Promise<AppendResult> {
    throw new Error('ArrayEventStore holds copied or restored events only; append to an InMemoryEventStore and copy its log');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.rows.filter((row) => row.streamId === streamId).sort((a, b) => a.revision - b.revision);
    const from = options.fromRevision ?? 0;
    return stream.filter((row) => row.revision >= from).slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.from;
    const after = from ? this.rows.filter((row) => comparePositions(row.logPosition, from) > 0) : this.rows;
    return after.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  subscribeToAll(): Subscription {
    throw new Error('ArrayEventStore has no subscriptions');
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    return verifyChain(streamId, await this.readStream(streamId));
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const last = (await this.readStream(streamId)).at(-1);
    return last ? { revision: last.revision, hash: last.hash } : null;
  }

  async status(): Promise<EventStoreStatus> {
    return { backend: 'memory', ok: true, detail: `${this.rows.length} rows in an array` };
  }

  async close(): Promise<void> {
    return undefined;
  }

  /** Restores into this array; all or nothing, like the PostgreSQL target. */
  restoreTarget(): RestoreTarget {
    return {
      restore: async <T>(work: (writer: SealedEventWriter) => Promise<T>): Promise<T> => {
        const before = this.rows.length;
        const files = new Set(this.blobs.keys());
        try {
          return await work(this.writer());
        } catch (error) {
          this.rows.splice(before);
          for (const sha256 of this.blobs.keys()) if (!files.has(sha256)) this.blobs.delete(sha256);
          throw error;
        }
      },
    };
  }

  /** The evidence files as a store: `get` for exports, `has` / `put` for restores. */
  blobStore(): BlobSink & { get(sha256: string): Promise<Buffer | null> } {
    return {
      get: async (sha256) => this.blobs.get(sha256) ?? null,
      has: async (sha256) => this.blobs.has(sha256),
      put: async (content) => {
        const sha256 = sha256Of(content);
        this.blobs.set(sha256, Buffer.from(content));
        return { sha256, size: content.length };
      },
    };
  }

  private writer(): SealedEventWriter {
    return {
      blobs: this.blobStore(),
      isEmpty: async () => this.rows.length === 0,
      appendSealed: async (streamId: string, events: readonly SealedEventInput[], expected: number | 'no_stream'): Promise<RestoredEvent[]> => {
        const head = await this.streamHead(streamId);
        if ((expected === 'no_stream' && head) || (expected !== 'no_stream' && (head?.revision !== expected || head.hash !== events[0].previousHash))) {
          throw new ConcurrencyError(streamId, expected, head ? head.revision : 'no_stream');
        }
        const now = new Date();
        // A JSON round trip, as a database would store it.
        const stored = events.map((event): RecordedEvent => ({
          ...JSON.parse(JSON.stringify(event)),
          recordedAt: event.recordedAt ? new Date(event.recordedAt) : now,
          ...this.nextPosition(),
        }));
        this.rows.push(...stored);
        return stored;
      },
    };
  }
}
