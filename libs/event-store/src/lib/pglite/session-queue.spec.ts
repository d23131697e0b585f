import { ExclusiveSessionQueue, type SessionDatabase } from './session-queue';

const frame = (type: string, body = ''): Uint8Array => {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  message.write(body, 5, 'latin1');
  return new Uint8Array(message);
};
const query = (sql: string) => frame('Q', `${sql}\0`);
const parse = (sql: string) => frame('P', `\0${sql}\0\0\0`);

/** A session that answers like PostgreSQL would, in outline, and logs what ran. */
class FakeSession implements SessionDatabase {
  readonly log: string[] = [];
  private inTransaction = false;

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const type = String.fromCharCode(message[0]);
    const text = Buffer.from(message.subarray(5)).toString('latin1').replace(/\0/g, ' ').trim();
    this.log.push(`${type} ${text}`.trim());
    const ready = () => frame('Z', this.inTransaction ? 'T' : 'I');
    if (type === 'Q') {
      if (text === 'BEGIN') this.inTransaction = true;
      if (text === 'COMMIT' || text === 'ROLLBACK') this.inTransaction = false;
      options.onRawData(Buffer.concat([frame('C', `${text}\0`), ready()]));
    } else if (type === 'S') options.onRawData(ready());
    else if (type === 'P') options.onRawData(frame('1'));
    else if (type === 'B') options.onRawData(frame('2'));
    else if (type === 'E') options.onRawData(frame('C', 'SELECT 1\0'));
  }

  isInTransaction(): boolean {
    return this.inTransaction;
  }
}

/** A connection as pglite-socket's handler drives it: one message at a time, each awaited. */
async function send(queue: ExclusiveSessionQueue, id: number, messages: Uint8Array[], answers: string[] = []): Promise<void> {
  for (const message of messages) {
    await queue.enqueue(id, message, (data) => answers.push(String.fromCharCode(data[0])));
  }
}

const exchange = (sql: string) => [parse(sql), frame('B'), frame('E'), frame('S')];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ExclusiveSessionQueue', () => {
  it('runs one connection’s exchange whole before another’s begins', async () => {
    const db = new FakeSession();
    const queue = new ExclusiveSessionQueue(db);
    await Promise.all([1, 2, 3].map((id) => send(queue, id, exchange(`SELECT ${id}`))));
    expect(db.log).toEqual([1, 2, 3].flatMap((id) => [`P SELECT ${id}`, 'B', 'E', 'S']));
  });

  it('keeps the session with a connection through its transaction, and serves the others in arrival order after it', async () => {
    const db = new FakeSession();
    const queue = new ExclusiveSessionQueue(db);
    await send(queue, 1, [query('BEGIN')]);
    const waiting = [send(queue, 2, [query('SELECT 2')]), send(queue, 3, [query('SELECT 3')])];
    await tick();
    await send(queue, 1, [query('INSERT 1')]);
    await tick();
    const owner = send(queue, 1, [query('COMMIT'), query('SELECT 1 again')]);
    await Promise.all([...waiting, owner]);
    expect(db.log).toEqual(['Q BEGIN', 'Q INSERT 1', 'Q COMMIT', 'Q SELECT 2', 'Q SELECT 3', 'Q SELECT 1 again']);
  });

  it('rolls back what a connection left open when it goes, drops its messages, and lends the session on', async () => {
    const db = new FakeSession();
    const queue = new ExclusiveSessionQueue(db);
    await send(queue, 1, [query('BEGIN')]);
    const other = send(queue, 2, [query('SELECT 2')]);
    const running = queue.enqueue(1, query('INSERT 1'), () => undefined);
    const dropped = queue.enqueue(1, query('INSERT never'), () => undefined);
    // What the handler does on close: drop what waits, then clean up after what runs.
    queue.clearQueueForHandler(1);
    await expect(dropped).rejects.toThrow('Handler disconnected');
    await queue.clearTransactionIfNeeded(1);
    await running;
    await other;
    expect(db.log).toEqual(['Q BEGIN', 'Q INSERT 1', 'Q ROLLBACK', 'Q SELECT 2']);
    expect(db.isInTransaction()).toBe(false);
  });

  it('ends an exchange a connection left half sent without committing it', async () => {
    const db = new FakeSession();
    const queue = new ExclusiveSessionQueue(db);
    await send(queue, 1, [parse('INSERT 1'), frame('B'), frame('E')]);
    const other = send(queue, 2, exchange('SELECT 2'));
    await queue.clearTransactionIfNeeded(1);
    await other;
    expect(db.log).toEqual(['P INSERT 1', 'B', 'E', 'Q ROLLBACK', 'S', 'P SELECT 2', 'B', 'E', 'S']);
  });

  it('does nothing to the session when a connection that does not hold it goes', async () => {
    const db = new FakeSession();
    const queue = new ExclusiveSessionQueue(db);
    await send(queue, 1, [query('BEGIN')]);
    const gone = queue.enqueue(2, query('SELECT 2'), () => undefined);
    queue.clearQueueForHandler(2);
    await expect(gone).rejects.toThrow('Handler disconnected');
    await queue.clearTransactionIfNeeded(2);
    await send(queue, 1, [query('COMMIT')]);
    await queue.idle();
    expect(db.log).toEqual(['Q BEGIN', 'Q COMMIT']);
    expect(queue.getQueueLength()).toBe(0);
  });
});
