// Group commit: appends that arrive while the store's append statements are all busy go to PostgreSQL together, as
// one statement and so one transaction: one round trip and one WAL flush for the lot instead of one each. Every append
// keeps its own guard (its stream's revision and hash, its conditions on other streams): one whose stream moved
// inserts nothing while the others commit. When the statement fails as a whole (a key raced by another process, a
// value PostgreSQL refuses), each append is sent again alone, so that every caller gets its own answer.
import { EventStoreUnavailableError } from '../errors';
import type { StreamCondition } from '../types';

export interface AppendRequest {
  readonly streamId: string;
  readonly key: string | null;
  readonly previousRevision: number;
  readonly previousHash: string | null;
  readonly metadataJson: string;
  /** The recording time sealed in `metadataJson` (ISO), written to `recorded_at`. */
  readonly recordedAt: string;
  /** The sealed events as one JSON array (see PostgresEventStore). */
  readonly batchJson: string;
  /** Events in `batchJson`. */
  readonly events: number;
  readonly conditions: readonly StreamCondition[];
}

export type AppendRows = { position: string; transaction_id: string; revision: number }[];

export interface GroupCommitOptions {
  /** Append statements in flight at once (default 2); more arrivals wait and go together in the next one. */
  readonly lanes?: number;
  /** Appends in one statement at most (default 64). */
  readonly maxBatch?: number;
  /**
   * Appends of more events than this (default 16) are sent at once, alone and outside the lanes: they already carry
   * enough work for one round trip, and several at once keep both PostgreSQL and Node busy.
   */
  readonly largeAppend?: number;
}

interface Waiting {
  readonly request: AppendRequest;
  resolve(rows: AppendRows): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private inFlight = 0;
  private waiting: Waiting[] = [];
  /** Streams with an append in a statement now. */
  private readonly busy = new Set<string>();
  private readonly lanes: number;
  private readonly maxBatch: number;
  private readonly largeAppend: number;
  /** Statements sent and appends they carried (for tests and the benchmark). */
  readonly stats = { statements: 0, appends: 0, fallbacks: 0 };

  constructor(
    private readonly runOne: (request: AppendRequest) => Promise<AppendRows>,
    private readonly runMany: (requests: readonly AppendRequest[]) => Promise<Map<string, AppendRows>>,
    options: GroupCommitOptions = {},
  ) {
    this.lanes = Math.max(1, options.lanes ?? 2);
    this.maxBatch = Math.max(1, options.maxBatch ?? 64);
    this.largeAppend = Math.max(1, options.largeAppend ?? 16);
  }

  submit(request: AppendRequest): Promise<AppendRows> {
    if (request.events > this.largeAppend) {
      this.stats.statements += 1;
      this.stats.appends += 1;
      return this.runOne(request);
    }
    return new Promise<AppendRows>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.lanes && this.waiting.length > 0) {
      // At most one append per stream in flight: a second one chains to the first's hash, which its statement cannot
      // see (it would wait on the first's row lock, then fail the whole statement on the key). It waits instead, and is
      // answered at once if the first one overtakes it.
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      for (const entry of this.waiting) {
        if (batch.length < this.maxBatch && !this.busy.has(entry.request.streamId)) {
          batch.push(entry);
          this.busy.add(entry.request.streamId);
        } else rest.push(entry);
      }
      if (batch.length === 0) return; // everything waiting is for a stream in flight: its statement's end pumps again
      this.waiting = rest;
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        for (const entry of batch) this.busy.delete(entry.request.streamId);
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    this.stats.statements += 1;
    this.stats.appends += batch.length;
    if (batch.length === 1) return this.alone(batch[0]);
    let results: Map<string, AppendRows>;
    try {
      results = await this.runMany(batch.map((entry) => entry.request));
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      this.stats.fallbacks += 1;
      for (const entry of batch) await this.alone(entry);
      return;
    }
    for (const entry of batch) entry.resolve(results.get(entry.request.streamId) ?? []);
    this.settleOvertaken(results);
  }

  /**
   * Appends still waiting that chain to the same head as one just written can only lose (the revision they would
   * write is taken): they are answered "nothing written" now instead of after a round trip, and retry at once.
   */
  private settleOvertaken(results: Map<string, AppendRows>): void {
    if (this.waiting.length === 0) return;
    this.waiting = this.waiting.filter((entry) => {
      const rows = results.get(entry.request.streamId);
      if (!rows || rows.length === 0 || rows[0].revision !== entry.request.previousRevision + 1) return true;
      entry.resolve([]);
      return false;
    });
  }

  private async alone(entry: Waiting): Promise<void> {
    let rows: AppendRows;
    try {
      rows = await this.runOne(entry.request);
    } catch (error) {
      entry.reject(error);
      return;
    }
    entry.resolve(rows);
    if (rows.length > 0) this.settleOvertaken(new Map([[entry.request.streamId, rows]]));
  }
}
