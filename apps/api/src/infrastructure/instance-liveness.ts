// Whether another API process of this installation is still alive: what a retry after a crash needs to know before it
// takes over a request that process never answered. On PostgreSQL every API process holds a session advisory lock
// named after its instance id for its whole life, on a connection of its own: the server releases it the moment the
// process dies (kill -9 included), so "can I take that lock?" answers "is it dead?". The embedded database and the
// memory store belong to one process only, so any other instance id is a process that is gone.
import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client, type Pool } from 'pg';

export interface InstanceLiveness {
  /** This process's instance id. */
  readonly me: string;
  isAlive(instance: string | null): Promise<boolean>;
  close(): Promise<void>;
}

/** The two int4 halves of an advisory lock key for an instance id. */
function lockKey(instance: string): [number, number] {
  const digest = createHash('sha256').update(`campaign-ledger-api:${instance}`).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4)];
}

export class SingleProcessLiveness implements InstanceLiveness {
  readonly me = randomUUID();

  async isAlive(instance: string | null): Promise<boolean> {
    return instance === this.me;
  }

  async close(): Promise<void> {
    // Nothing is held: the process itself is the proof of life.
  }
}

export class PostgresLiveness implements InstanceLiveness {
  readonly me = randomUUID();
  private readonly logger = new Logger('instance');
  private holder: Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  private constructor(
    private readonly url: string,
    private readonly pool: Pool,
  ) {}

  static async start(url: string, pool: Pool): Promise<PostgresLiveness> {
    const liveness = new PostgresLiveness(url, pool);
    await liveness.hold();
    return liveness;
  }

  /** Takes this instance's lock on a connection of its own; taken again after a lost connection. */
  private async hold(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: `campaign-ledger-api ${this.me}` });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.holder !== client || this.closed) return;
      this.holder = null;
      this.logger.warn('lost the connection that marks this process alive; taking it again');
      this.retry = setTimeout(() => void this.hold().catch((error: Error) => this.logger.warn(`could not mark this process alive: ${error.message}`)), 1_000);
    });
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1, $2)', lockKey(this.me));
    this.holder = client;
  }

  async isAlive(instance: string | null): Promise<boolean> {
    if (instance === this.me) return true;
    if (instance === null) return false;
    const { rows } = await this.pool.query<{ free: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS free', lockKey(instance));
    return !rows[0].free;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.holder?.end().catch(() => undefined);
    this.holder = null;
  }
}
