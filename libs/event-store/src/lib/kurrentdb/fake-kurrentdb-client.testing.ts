// Test helper: an in-process stand-in for the parts of KurrentDBClient the adapter calls, with the server's
// semantics as the client exposes them (expected-state checks, inclusive $all reads, JSON round trips).
// It proves the adapter's own logic here; it proves nothing about the real server.
import { PassThrough } from 'node:stream';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type EventData,
  type KurrentDBClient,
  type Position,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';

interface Stored {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  created: Date;
  position: Position;
}

export class FakeKurrentDbClient {
  readonly log: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly live = new Set<PassThrough>();
  private position = 1000n;
  /** Runs before an append checks its expected state: lets a test slip a competing write in. */
  beforeAppend: ((streamName: string) => Promise<void> | void) | null = null;
  calls: string[] = [];

  asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) {
    this.calls.push(`append ${streamName}`);
    const hook = this.beforeAppend;
    if (hook) {
      this.beforeAppend = null;
      await hook(streamName);
    }
    const list = Array.isArray(events) ? events : [events];
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const expected = options.streamState ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    let last: Position = { commit: 0n, prepare: 0n };
    for (const event of list) {
      this.position += 100n;
      last = { commit: this.position, prepare: this.position };
      const stored: Stored = {
        streamId: streamName,
        id: event.id,
        type: event.type,
        revision: BigInt(stream.length),
        data: JSON.parse(JSON.stringify(event.data)),
        metadata: event.metadata === undefined ? undefined : JSON.parse(JSON.stringify(event.metadata)),
        created: new Date(),
        position: last,
      };
      stream.push(stored);
      this.log.push(stored);
      for (const sink of this.live) sink.write({ event: this.toRecorded(stored) });
    }
    this.streams.set(streamName, stream);
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: last };
  }

  private toRecorded(stored: Stored): RecordedEvent {
    return { ...stored, isJson: true } as unknown as RecordedEvent;
  }

  readStream(streamName: string, options: { direction?: string; fromRevision?: bigint | string; maxCount?: number | bigint } = {}) {
    this.calls.push(`readStream ${streamName}`);
    const stream = this.streams.get(streamName);
    const toRecorded = (event: Stored) => this.toRecorded(event);
    return (async function* () {
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      let selected: Stored[];
      if (options.direction === 'backwards') {
        const from = options.fromRevision === undefined || options.fromRevision === 'end' ? BigInt(stream.length - 1) : BigInt(options.fromRevision);
        selected = stream.filter((event) => event.revision <= from).reverse();
      } else {
        const from = options.fromRevision === undefined || options.fromRevision === 'start' ? 0n : BigInt(options.fromRevision);
        selected = stream.filter((event) => event.revision >= from);
      }
      for (const event of selected.slice(0, max)) yield { event: toRecorded(event) };
    })();
  }

  readAll(options: { direction?: string; fromPosition?: Position | string; maxCount?: number | bigint; filter?: { regex?: string } } = {}) {
    this.calls.push('readAll');
    const regex = options.filter?.regex ? new RegExp(options.filter.regex) : null;
    const matching = this.log.filter((event) => !regex || regex.test(event.type));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition;
    let selected: Stored[];
    if (options.direction === 'backwards') {
      selected = [...matching].reverse();
    } else {
      // Inclusive, as the server is.
      selected = typeof from === 'object' ? matching.filter((event) => event.position.commit >= from.commit) : matching;
    }
    const toRecorded = (event: Stored) => this.toRecorded(event);
    return (async function* () {
      for (const event of selected.slice(0, max)) yield { event: toRecorded(event), commitPosition: event.position.commit };
    })();
  }

  subscribeToAll(options: { fromPosition?: Position | string } = {}) {
    const sink = new PassThrough({ objectMode: true });
    const from = options.fromPosition;
    for (const event of this.log) {
      if (typeof from === 'object' && event.position.commit <= from.commit) continue;
      sink.write({ event: this.toRecorded(event) });
    }
    this.live.add(sink);
    setImmediate(() => sink.emit('caughtUp', {}));
    return Object.assign(sink, {
      unsubscribe: async () => {
        this.live.delete(sink);
        sink.destroy();
      },
    });
  }

  async dispose(): Promise<void> {
    for (const sink of this.live) sink.destroy();
    this.live.clear();
  }
}
