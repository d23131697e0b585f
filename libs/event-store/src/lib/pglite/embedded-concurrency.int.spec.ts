// Many pg pools on the embedded socket at once: PGlite is one session, so every query and transaction must run alone
// on it (see session-queue.ts). Each check compares a result with what its own parameters asked for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client, Pool, type PoolClient } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';

const POOLS = 8;
const CONNECTIONS_PER_POOL = 4;
const WORKERS_PER_POOL = 6;
const RUN_MS = 4_000;

interface Tally {
  operations: number;
  committed: Map<string, number>;
  expectedFailures: number;
  problems: string[];
}

const random = (below: number) => Math.floor(Math.random() * below);

/** SELECT $1::int AS c1, $2::text AS c2, ... with 1 to 8 parameters: every column must come back as sent. */
async function echo(pool: Pool, tally: Tally, tag: string): Promise<void> {
  const count = 1 + random(8);
  const values = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? random(1_000_000) : `${tag}-${i}-${random(1_000)}`));
  const columns = values.map((v, i) => `$${i + 1}::${typeof v === 'number' ? 'int' : 'text'} AS c${i + 1}`);
  const { rows } = await pool.query(`SELECT ${columns.join(', ')}`, values);
  const expected = Object.fromEntries(values.map((v, i) => [`c${i + 1}`, v]));
  if (rows.length !== 1 || JSON.stringify(rows[0]) !== JSON.stringify(expected)) {
    tally.problems.push(`echo of ${count}: sent ${JSON.stringify(expected)}, got ${JSON.stringify(rows)}`);
  }
}

/** A set of $1 rows offset by $2: the rows must be exactly those. */
async function series(pool: Pool, tally: Tally): Promise<void> {
  const length = 1 + random(50);
  const offset = random(1_000);
  const { rows } = await pool.query<{ n: number }>('SELECT n + $2::int AS n FROM generate_series(1, $1::int) AS n', [length, offset]);
  const got = rows.map((r) => r.n).join(',');
  const expected = Array.from({ length }, (_, i) => i + 1 + offset).join(',');
  if (got !== expected) tally.problems.push(`series ${length}+${offset}: got ${rows.length} rows`);
}

/** Statements that must fail with their own error, and nothing else. */
async function failing(pool: Pool, tally: Tally): Promise<void> {
  const cases: [string, unknown[], string][] = [
    ['SELECT 1 / $1::int AS x', [0], '22012'],
    ['SELEC broken $1', [1], '42601'],
    ['SELECT $1::int AS x', ['not a number'], '22P02'],
    ['SELECT * FROM no_such_table WHERE id = $1 AND $2::text IS NOT NULL', [1, 'a'], '42P01'],
  ];
  const [sql, params, code] = cases[random(cases.length)];
  try {
    await pool.query(sql, params);
    tally.problems.push(`${sql} succeeded`);
  } catch (error) {
    const got = (error as { code?: string }).code;
    if (got !== code) tally.problems.push(`${sql}: expected ${code}, got ${got ?? 'no code'}: ${(error as Error).message}`);
    else tally.expectedFailures += 1;
  }
}

/**
 * BEGIN, insert rows under a tag of its own, read them back (own writes visible, nothing uncommitted of anybody
 * else's), sometimes fail a statement inside, then COMMIT or ROLLBACK.
 */
async function transaction(pool: Pool, tally: Tally, tag: string): Promise<void> {
  const rows = 1 + random(5);
  const outcome = ['commit', 'commit', 'rollback', 'fail'][random(4)];
  const client: PoolClient = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    for (let i = 0; i < rows; i += 1) {
      await client.query('INSERT INTO items (tag, n, outcome) VALUES ($1, $2, $3)', [tag, i, outcome]);
    }
    const own = await client.query<{ count: number; total: number }>(
      'SELECT count(*)::int AS count, COALESCE(sum(n), 0)::int AS total FROM items WHERE tag = $1',
      [tag],
    );
    if (own.rows[0].count !== rows || own.rows[0].total !== (rows * (rows - 1)) / 2) {
      tally.problems.push(`${tag}: read ${JSON.stringify(own.rows[0])} of its own ${rows} rows`);
    }
    // Rows of transactions that roll back or fail are never committed: seeing any but one's own is a dirty read.
    const dirty = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM items WHERE outcome <> 'commit' AND tag <> $1`, [tag]);
    if (dirty.rows[0].count !== 0) tally.problems.push(`${tag}: saw ${dirty.rows[0].count} uncommitted rows of others`);
    if (outcome === 'fail') {
      try {
        await client.query('INSERT INTO items (tag, n, outcome) VALUES ($1, $2::int, $3)', [tag, 'x', outcome]);
        tally.problems.push(`${tag}: the bad insert succeeded`);
      } catch (error) {
        if ((error as { code?: string }).code !== '22P02') tally.problems.push(`${tag}: bad insert failed with ${(error as Error).message}`);
        else tally.expectedFailures += 1;
      }
      try {
        await client.query('SELECT 1');
        tally.problems.push(`${tag}: a statement after the error ran in the aborted transaction`);
      } catch (error) {
        if ((error as { code?: string }).code !== '25P02') tally.problems.push(`${tag}: after the error: ${(error as Error).message}`);
      }
    }
    if (outcome === 'commit') {
      await client.query('COMMIT');
      tally.committed.set(tag, rows);
    } else {
      await client.query('ROLLBACK');
    }
  } catch (error) {
    broken = true;
    tally.problems.push(`${tag}: ${(error as Error).message}`);
    await client.query('ROLLBACK').catch(() => undefined);
  } finally {
    client.release(broken);
  }
}

const frame = (type: string, body: string) => {
  const message = Buffer.alloc(5 + Buffer.byteLength(body));
  message.write(type, 0);
  message.writeInt32BE(4 + Buffer.byteLength(body), 1);
  message.write(body, 5);
  return message;
};

/** Connects, sends an INSERT's Parse, Bind and Execute but no Sync, waits for the INSERT's answer and hangs up. */
async function insertWithoutSync(port: number, sql: string): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answered = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (received.includes(marker) ? resolve() : undefined);
      socket.on('data', (data) => {
        received += data.toString('latin1');
        check();
      });
      socket.once('error', reject);
      check();
    });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const params = 'user\0postgres\0database\0postgres\0\0';
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196_608, 4);
  startup.write(params, 8);
  socket.write(startup);
  await answered('Z\0\0\0\x05I');
  socket.write(Buffer.concat([frame('P', `\0${sql}\0\0\0`), frame('B', '\0\0\0\0\0\0\0\0'), frame('E', '\0\0\0\0\0')]));
  await answered('INSERT 0 1');
  socket.destroy();
}

describe('EmbeddedPostgres under concurrent pools', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cl-embedded-concurrency-'));
    embedded = await EmbeddedPostgres.start({ dataDir: join(dir, 'data') });
  }, 60_000);

  afterAll(async () => {
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`keeps ${POOLS} pools of ${CONNECTIONS_PER_POOL} connections apart: every answer is its own, transactions isolated`, async () => {
    const setup = new Pool({ connectionString: embedded.connectionString, max: 1 });
    await setup.query('CREATE TABLE items (tag text NOT NULL, n int NOT NULL, outcome text NOT NULL)');
    const tally: Tally = { operations: 0, committed: new Map(), expectedFailures: 0, problems: [] };
    // A protocol mix-up can leave a query unanswered: time it out so that the test fails instead of hanging.
    const pools = Array.from(
      { length: POOLS },
      () => new Pool({ connectionString: embedded.connectionString, max: CONNECTIONS_PER_POOL, query_timeout: 15_000 }),
    );
    for (const pool of pools) pool.on('error', (error) => tally.problems.push(`idle client: ${error.message}`));
    const deadline = Date.now() + RUN_MS;
    let sequence = 0;
    try {
      await Promise.all(
        pools.flatMap((pool, p) =>
          Array.from({ length: WORKERS_PER_POOL }, async (_, w) => {
            while (Date.now() < deadline && tally.problems.length < 20) {
              const tag = `p${p}w${w}-${(sequence += 1)}`;
              const pick = random(10);
              try {
                if (pick < 4) await echo(pool, tally, tag);
                else if (pick < 6) await series(pool, tally);
                else if (pick < 7) await failing(pool, tally);
                else await transaction(pool, tally, tag);
              } catch (error) {
                tally.problems.push(`${tag}: ${(error as Error).message}`);
              }
              tally.operations += 1;
            }
          }),
        ),
      );

      const { rows } = await setup.query<{ tag: string; outcome: string; count: number }>(
        'SELECT tag, outcome, count(*)::int AS count FROM items GROUP BY tag, outcome ORDER BY tag',
      );
      const stored = new Map(rows.map((r) => [r.tag, r]));
      for (const row of rows) {
        if (row.outcome !== 'commit') tally.problems.push(`${row.tag}: ${row.count} rows of a transaction that did not commit`);
      }
      for (const [tag, count] of tally.committed) {
        if (stored.get(tag)?.count !== count) tally.problems.push(`${tag}: committed ${count} rows, ${stored.get(tag)?.count ?? 0} stored`);
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
      await setup.end().catch(() => undefined);
    }

    process.stdout.write(
      `${tally.operations} operations, ${tally.committed.size} transactions committed, ` +
        `${tally.expectedFailures} expected failures, ${tally.problems.length} problems\n`,
    );
    expect(tally.problems.slice(0, 10)).toEqual([]);
    expect(tally.operations).toBeGreaterThan(POOLS * WORKERS_PER_POOL);
    expect(tally.committed.size).toBeGreaterThan(0);
  }, 60_000);

  it('rolls back what a connection that went away left open, and lends the session on', async () => {
    const setup = new Client({ connectionString: embedded.connectionString });
    await setup.connect();
    try {
      await setup.query('CREATE TABLE left_open (what text NOT NULL)');
      const quitter = new Client({ connectionString: embedded.connectionString });
      quitter.on('error', () => undefined);
      await quitter.connect();
      await quitter.query('BEGIN');
      await quitter.query("INSERT INTO left_open VALUES ('in a transaction')");
      const waiting = setup.query<{ n: number }>('SELECT count(*)::int AS n FROM left_open');
      (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      expect((await waiting).rows[0].n).toBe(0);

      await insertWithoutSync(embedded.port, "INSERT INTO left_open VALUES ('in an exchange without Sync')");
      const { rows } = await setup.query<{ n: number }>('SELECT count(*)::int AS n FROM left_open');
      expect(rows[0].n).toBe(0);
      const pool = new Pool({ connectionString: embedded.connectionString, max: 3 });
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => (await pool.query<{ n: number }>('SELECT $1::int AS n', [n])).rows[0].n));
      await pool.end();
      expect(answers).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await setup.end();
    }
  }, 30_000);
});
