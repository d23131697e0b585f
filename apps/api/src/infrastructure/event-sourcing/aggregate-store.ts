// Load a stream, fold it with a decider, decide, append at the revision read; retry when someone else wrote first.
import { Inject, Injectable } from '@nestjs/common';
import { evolveEach, type Decider, type Message } from '@campaign-ledger/domain';
import { ConcurrencyError, readStreams, type AppendResult, type EventStore, type MetadataInput, type StreamCondition } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../tokens';
import { nextAppendKey } from '../idempotency/keyed-request';

export interface Loaded<State> {
  readonly state: State;
  /** Revision of the last event, -1 when the stream does not exist. */
  readonly revision: number;
}

export interface HandleResult<State, Event> {
  readonly events: Event[];
  readonly state: State;
  readonly revision: number;
  /** Null when the decider produced no events (an idempotent repeat). */
  readonly append: AppendResult | null;
  /**
   * True when the request was a retry after a crash and its first attempt had committed: the result is that attempt's
   * (events, state and revision as they were then), nothing was decided or written again.
   */
  readonly recovered?: boolean;
}

export interface HandleOptions<State> {
  readonly metadata: MetadataInput;
  readonly idempotencyKey?: string;
  /** Refuse unless the stream is at this revision (If-Match); no retry then. */
  readonly expectedRevision?: number;
  /**
   * The refusal when `expectedRevision` is not the stream's revision (the stream's kind names it: a campaign's plan
   * changed, a unit changed); ConcurrencyError when omitted. `actual` is the revision found, 'no_stream' when none.
   */
  readonly staleRevision?: (actual: number | 'no_stream') => Error;
  /** The stream as just loaded (by loadMany), or as this process last knew it: used for the first attempt. */
  readonly preloaded?: Loaded<State>;
  /**
   * True when `preloaded` (and the first context) come from memory without a read. The append's own guard still
   * refuses a stale revision; a decision that would write nothing or refuse is taken again on a fresh read before
   * it is answered, so no one is told "already done" or "not allowed" on the strength of a stale copy.
   */
  readonly optimistic?: boolean;
  /** The other streams the attempt's context was taken from, at the revisions read: the append happens only if they have not moved. */
  readonly conditions?: () => readonly StreamCondition[];
  /**
   * Called once the decision produced events, just before they are appended: what the events name must exist first
   * (evidence files), and nothing of it is kept for a command that is refused.
   */
  readonly beforeAppend?: () => Promise<void>;
  /** Called with the freshly loaded state before deciding (e.g. to check a precondition that needs it). */
  readonly beforeDecide?: (loaded: Loaded<State>) => void | Promise<void>;
}

// A write that lost a race in storage terms only (someone appended first; a context stream moved) is decided again
// on fresh state, not answered 409: a conflict a person must resolve comes from the decider, or from If-Match.
const MAX_ATTEMPTS = 12;
// A city has 5,000 branches (one stream each per campaign) plus its units' organisations and plans.
const CACHED_STREAMS = 20_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, any, any, any>;

export interface LoadRequest {
  readonly streamId: string;
  readonly decider: AnyDecider;
}

interface CachedState {
  readonly decider: unknown;
  readonly state: unknown;
  readonly revision: number;
  /** The access count when the entry last moved to the young end of the cache. */
  touched?: number;
}

/**
 * An entry used again moves to the young end of the cache (a delete and an insert) only once it has aged by this many
 * accesses: eviction stays close to least-recently-used, and a stream used on every command costs no re-insertion.
 */
const REFRESH_AFTER = CACHED_STREAMS / 4;

@Injectable()
export class AggregateStore {
  // Folded states by stream. Events are immutable and evolve is pure, so a state folded up to revision r stays
  // true for ever: a load reads only the events after r (usually none: one indexed query) instead of the stream.
  private readonly cache = new Map<string, CachedState>();
  private accesses = 0;

  // Cold loads under way: concurrent requests for a stream nobody has folded yet wait for the first fold instead of
  // each folding the whole stream (32 clients arriving at once would otherwise fold a large organisation 32 times).
  private readonly coldLoads = new Map<string, Promise<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<Command, State, Event extends Message, Context>(streamId: string, decider: Decider<Command, State, Event, Context>): Promise<Loaded<State>> {
    const cold = this.coldLoads.get(streamId);
    if (cold) await cold.catch(() => undefined);
    const cachedNow = this.cache.get(streamId);
    if (!cachedNow || cachedNow.decider !== decider) {
      const folding = this.fold(streamId, decider);
      this.coldLoads.set(streamId, folding);
      try {
        return await folding;
      } finally {
        if (this.coldLoads.get(streamId) === folding) this.coldLoads.delete(streamId);
      }
    }
    return this.fold(streamId, decider);
  }

  private async fold<Command, State, Event extends Message, Context>(
    streamId: string,
    decider: Decider<Command, State, Event, Context>,
  ): Promise<Loaded<State>> {
    const cached = this.cache.get(streamId);
    const known = cached && cached.decider === decider ? cached : undefined;
    let state = known ? (known.state as State) : decider.initialState();
    let revision = known ? known.revision : -1;
    const events = await this.store.readStream(streamId, { fromRevision: revision + 1 });
    if (events.length > 0) {
      state = evolveEach(
        decider,
        state,
        events.map((event) => ({ type: event.type, data: event.data }) as Event),
      );
      revision = events[events.length - 1].revision;
    }
    this.remember(streamId, { decider, state, revision });
    return { state, revision };
  }

  /** The folded state this process already holds for a stream, without reading anything (it may be behind). */
  peek<Command, State, Event extends Message, Context>(streamId: string, decider: Decider<Command, State, Event, Context>): Loaded<State> | null {
    const cached = this.cache.get(streamId);
    if (!cached || cached.decider !== decider) return null;
    this.accesses += 1;
    if (this.accesses - (cached.touched ?? 0) > REFRESH_AFTER) {
      this.cache.delete(streamId);
      this.cache.set(streamId, cached);
      cached.touched = this.accesses;
    }
    return { state: cached.state as State, revision: cached.revision };
  }

  /**
   * Loads several streams. Those already folded here are brought up to date in one round trip (a command needing its
   * own stream, the plan and the roster pays one read, not three); the others load one by one.
   */
  async loadMany(requests: readonly LoadRequest[]): Promise<Loaded<unknown>[]> {
    const snapshots = requests.map((r) => (this.coldLoads.has(r.streamId) ? null : this.peek(r.streamId, r.decider)));
    const warm = requests.filter((_, i) => snapshots[i] !== null);
    const read =
      warm.length > 0
        ? await readStreams(
            this.store,
            warm.map((r) => ({ streamId: r.streamId, fromRevision: snapshots[requests.indexOf(r)]!.revision + 1 })),
          )
        : new Map();
    return Promise.all(
      requests.map(async (request, i) => {
        const snapshot = snapshots[i];
        if (!snapshot) return this.load(request.streamId, request.decider);
        const events = ((read.get(request.streamId) ?? []) as { type: string; data: unknown; revision: number }[]).filter(
          (event) => event.revision > snapshot.revision,
        );
        if (events.length === 0) {
          this.remember(request.streamId, { decider: request.decider, state: snapshot.state, revision: snapshot.revision });
          return snapshot;
        }
        const state = evolveEach(
          request.decider,
          snapshot.state,
          events.map((event) => ({ type: event.type, data: event.data }) as Message),
        );
        const revision = events[events.length - 1].revision;
        this.remember(request.streamId, { decider: request.decider, state, revision });
        return { state, revision };
      }),
    );
  }

  private remember(streamId: string, entry: CachedState): void {
    const known = this.cache.get(streamId);
    if (known && known.decider === entry.decider && known.revision > entry.revision) return;
    this.accesses += 1;
    if (known && this.accesses - (known.touched ?? 0) <= REFRESH_AFTER) {
      entry.touched = known.touched;
      this.cache.set(streamId, entry); // an existing key keeps its place
      return;
    }
    entry.touched = this.accesses;
    this.cache.delete(streamId);
    this.cache.set(streamId, entry);
    if (this.cache.size > CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value as string);
  }

  /**
   * Runs one command. `context` is computed per attempt (it may read other streams: the plan, the roster); a command
   * given as a function is made from the state it is decided on (closing a stage lists the work that state leaves open).
   * Deciding again on fresh state after a conflict is safe because the decider re-checks every rule.
   */
  handle<Command, State, Event extends Message, Context>(
    streamId: string,
    decider: Decider<Command, State, Event, Context>,
    command: Command | ((loaded: Loaded<State>) => Promise<Command>),
    context: (attempt: number) => Context | Promise<Context>,
    options: HandleOptions<State>,
  ): Promise<HandleResult<State, Event>> {
    const decide = (loaded: Loaded<State>, attempt: number): Event[] | Promise<Event[]> => {
      // A context at hand is used as it is: awaiting it would cost microtask turns on every command.
      const given = context(attempt);
      if (typeof command !== 'function' && !(given instanceof Promise)) return decider.decide(command, loaded.state, given);
      return (async () => {
        const made = typeof command === 'function' ? await (command as (l: Loaded<State>) => Promise<Command>)(loaded) : command;
        return decider.decide(made, loaded.state, given instanceof Promise ? await given : given);
      })();
    };
    return this.run(streamId, decider, decide, options);
  }

  /**
   * The one write loop: load the stream, work out the events from its state (`plan`: a decision, or a whole roster
   * import), append them at the revision read, and on a lost race do it all again on fresh state. Every write of the
   * application goes through here, so that there is one retry rule and one concurrency contract:
   * - without `expectedRevision`, a conflict is retried (up to MAX_ATTEMPTS) — it is storage's business, not the user's;
   * - with it (If-Match), a stream found elsewhere is refused with `staleRevision` (412), never retried.
   */
  async run<State, Event extends Message>(
    streamId: string,
    decider: Decider<unknown, State, Event, unknown> | AnyDecider,
    plan: (loaded: Loaded<State>, attempt: number) => Event[] | Promise<Event[]>,
    options: HandleOptions<State>,
  ): Promise<HandleResult<State, Event>> {
    // A request sent with an Idempotency-Key seals its appends with a key derived from it (unless the command has its
    // own); a retry after a crash first looks for what its first attempt committed.
    const requestKey = options.idempotencyKey === undefined ? nextAppendKey() : undefined;
    const idempotencyKey = options.idempotencyKey ?? requestKey?.key;
    if (requestKey?.recovering) {
      const committed = await this.committedWith<State, Event>(streamId, decider, requestKey.key);
      if (committed) return committed;
    }
    for (let attempt = 1; ; attempt += 1) {
      const fromMemory = attempt === 1 && options.preloaded !== undefined && options.optimistic === true;
      const loaded = attempt === 1 && options.preloaded ? options.preloaded : await this.load(streamId, decider as Decider<unknown, State, Event, unknown>);
      let events: Event[];
      try {
        if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
          if (fromMemory) continue;
          throw this.stale(streamId, options, loaded.revision);
        }
        if (options.beforeDecide) await options.beforeDecide(loaded);
        const planned = plan(loaded, attempt);
        events = planned instanceof Promise ? await planned : planned;
      } catch (error) {
        if (fromMemory) continue; // refused on a copy from memory: decide again on a fresh read
        throw error;
      }
      if (events.length === 0) {
        if (fromMemory) continue;
        return { events, state: loaded.state, revision: loaded.revision, append: null };
      }
      if (options.beforeAppend) await options.beforeAppend();
      try {
        const append = await this.store.append(streamId, events, {
          expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
          metadata: options.metadata,
          idempotencyKey,
          alsoExpect: options.conditions?.(),
        });
        const state = evolveEach(decider as Decider<unknown, State, Event, unknown>, loaded.state, events);
        if (!append.replayed) this.remember(streamId, { decider, state, revision: append.nextRevision });
        return { events, state, revision: append.nextRevision, append };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        // If-Match names this stream's revision: a newer one is the caller's to resolve. Another stream moving only
        // means the context must be read again.
        if (options.expectedRevision !== undefined && error.streamId === streamId) {
          throw this.stale(streamId, options, (await this.load(streamId, decider as Decider<unknown, State, Event, unknown>)).revision);
        }
        // Many writers on one stream: after a few lost races, step aside for a random moment so that they spread out.
        if (attempt >= 3) await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  /**
   * Appends facts that need no decision (an auditor's read, recorded as it happens; a unit put in the index of units):
   * to the end of the stream, whatever its revision. Nothing is decided, so nothing can be stale: there is no retry and
   * no cached state to keep. With an idempotency key, a repeat of the same fact is recorded once.
   */
  async record(
    streamId: string,
    events: readonly Message[],
    metadata: MetadataInput,
    options: { readonly idempotencyKey?: string } = {},
  ): Promise<AppendResult> {
    return this.store.append(streamId, [...events], { expectedRevision: 'any', metadata, idempotencyKey: options.idempotencyKey });
  }

  private stale<State>(streamId: string, options: HandleOptions<State>, revision: number): Error {
    const actual = revision < 0 ? 'no_stream' : revision;
    return options.staleRevision?.(actual) ?? new ConcurrencyError(streamId, options.expectedRevision ?? 'any', actual);
  }

  /** The append a first attempt made with this key, as it was then; null when that attempt committed nothing here. */
  private async committedWith<State, Event extends Message>(
    streamId: string,
    decider: Decider<unknown, State, Event, unknown> | AnyDecider,
    key: string,
  ): Promise<HandleResult<State, Event> | null> {
    const recorded = await this.store.readStream(streamId);
    const mine = recorded.filter((event) => event.metadata.idempotencyKey === key);
    if (mine.length === 0) return null;
    const last = mine[mine.length - 1];
    const state = evolveEach(
      decider,
      decider.initialState(),
      recorded.filter((e) => e.revision <= last.revision).map((e) => ({ type: e.type, data: e.data }) as Event),
    );
    return {
      events: mine.map((e) => ({ type: e.type, data: e.data }) as Event),
      state,
      revision: last.revision,
      append: {
        streamId,
        firstRevision: mine[0].revision,
        nextRevision: last.revision,
        globalPosition: last.globalPosition,
        logPosition: last.logPosition,
        eventIds: mine.map((e) => e.id),
        replayed: false,
      },
      recovered: true,
    };
  }
}
