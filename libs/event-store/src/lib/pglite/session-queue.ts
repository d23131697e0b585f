// PGlite is one PostgreSQL session shared by every socket connection. pglite-socket's own queue runs protocol messages
// one at a time but lets different connections' messages interleave outside transactions, so one connection's Bind
// met another's Parse ("bind message supplies 1 parameters, but prepared statement requires 8", "portal does not
// exist") and answers reached the wrong connection. This queue lends the whole session to one connection from its
// first message until the session is back at rest (ReadyForQuery sent, no transaction open); the others wait in
// arrival order. It plugs into pglite-socket's PGLiteSocketHandler, which keeps the framing, SSL and cancel handling.

/** What the queue needs of PGlite (its own type, so that the queue can be tested without the WASM build). */
export interface SessionDatabase {
  runExclusive<T>(work: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void>;
  isInTransaction(): boolean;
}

interface Job {
  readonly handlerId: number;
  /** Null: the owner disconnected; put the session back at rest. */
  readonly message: Uint8Array | null;
  readonly onData: (data: Uint8Array) => void;
  readonly resolve: (bytes: number) => void;
  readonly reject: (error: Error) => void;
}

const READY_FOR_QUERY = 0x5a; // 'Z', Int32 length 5, then the status byte

const frame = (type: string, body: Buffer): Uint8Array => {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
};
const ROLLBACK = frame('Q', Buffer.from('ROLLBACK\0', 'latin1'));
const SYNC = frame('S', Buffer.alloc(0));

export class ExclusiveSessionQueue {
  private readonly jobs: Job[] = [];
  /** The connection the session is lent to, or null when it is at rest. */
  private owner: number | null = null;
  /** False while the owner is inside an exchange: messages sent that no ReadyForQuery has answered yet. */
  private settled = true;
  private draining = false;
  private readonly drained: (() => void)[] = [];

  constructor(private readonly db: SessionDatabase) {}

  /** Queues one protocol message of a connection; resolves with the bytes answered once it ran. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.jobs.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.jobs.length;
  }

  /** The connection is gone: its waiting messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.jobs.length - 1; i >= 0; i -= 1) {
      const job = this.jobs[i];
      if (job.handlerId !== handlerId || job.message === null) continue;
      this.jobs.splice(i, 1);
      job.reject(new Error('Handler disconnected'));
    }
  }

  /** The connection is gone: if it holds the session, roll back what it left open and lend the session on. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.jobs.push({ handlerId, message: null, onData: () => undefined, resolve: () => resolve(), reject });
      void this.drain();
    });
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (!this.draining && this.jobs.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** The next job to run: the owner's oldest, or while the session is at rest the oldest of all. */
  private next(): number {
    if (this.owner === null) return this.jobs.length > 0 ? 0 : -1;
    return this.jobs.findIndex((job) => job.handlerId === this.owner);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let index = this.next(); index >= 0; index = this.next()) {
        const [job] = this.jobs.splice(index, 1);
        if (job.message === null) await this.release(job);
        else await this.run(job, job.message);
      }
    } finally {
      this.draining = false;
      if (this.jobs.length === 0) for (const done of this.drained.splice(0)) done();
    }
  }

  private async run(job: Job, message: Uint8Array): Promise<void> {
    this.owner = job.handlerId;
    let bytes = 0;
    let tail: Uint8Array = new Uint8Array(0);
    try {
      await this.execute(message, (data) => {
        bytes += data.length;
        tail = lastSix(tail, data);
        // A throw here would unwind through PostgreSQL's main loop inside the WASM module.
        try {
          job.onData(data);
        } catch {
          // the connection is going away; its close handler cleans up
        }
      });
      job.resolve(bytes);
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // An answer ending in ReadyForQuery closes the exchange (after Sync, a simple Query, the startup packet, the end of
    // a COPY); any other answer leaves it open. Terminate and Flush answer nothing and change nothing.
    if (bytes > 0) this.settled = endsWithReadyForQuery(tail);
    if (this.settled && !this.db.isInTransaction()) this.owner = null;
  }

  private async release(job: Job): Promise<void> {
    try {
      if (this.owner === job.handlerId && (!this.settled || this.db.isInTransaction())) {
        // ROLLBACK ends a transaction, or an exchange's implicit one before its Sync could commit it; Sync ends the
        // exchange and the skipping of messages after an error in it (which also skipped the ROLLBACK); a
        // transaction that failed meanwhile takes the second ROLLBACK.
        await this.execute(ROLLBACK, () => undefined);
        if (!this.settled) await this.execute(SYNC, () => undefined);
        if (this.db.isInTransaction()) await this.execute(ROLLBACK, () => undefined);
      }
      job.resolve(0);
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      if (this.owner === job.handlerId) {
        this.owner = null;
        this.settled = true;
      }
    }
  }

  private execute(message: Uint8Array, onRawData: (data: Uint8Array) => void): Promise<void> {
    return this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData }));
  }
}

function lastSix(previous: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length >= 6) return data.slice(data.length - 6);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - 6));
}

function endsWithReadyForQuery(tail: Uint8Array): boolean {
  return tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && tail[4] === 5;
}
