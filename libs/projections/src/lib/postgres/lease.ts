// The projector lease: one row, taken and renewed by conditional UPDATEs; its token fences every write.
import { CONTROL_SCHEMA, controlDdl } from './ddl';
import type { SqlDatabase, SqlExecutor } from './sql';

export interface LeaseState {
  readonly owner: string | null;
  readonly token: string;
  readonly expiresAt: string;
  readonly expired: boolean;
}

export class LeaseLost extends Error {
  readonly code = 'PROJECTOR.LEASE_LOST';
  readonly kind = 'unavailable' as const;
  constructor(owner: string, token: bigint | null) {
    super(`projector ${owner} no longer holds the lease (token ${token ?? 'none'}): another process took over`);
    this.name = 'LeaseLost';
  }
}

const TABLE = `"${CONTROL_SCHEMA}"."lease"`;

export class ProjectorLease {
  private heldToken: bigint | null = null;

  constructor(
    private readonly db: SqlDatabase,
    readonly owner: string,
    readonly ttlMs: number,
    readonly name = 'projector',
  ) {}

  static async ensureTable(db: SqlExecutor): Promise<void> {
    for (const statement of controlDdl()) await db.query(statement);
  }

  get token(): bigint | null {
    return this.heldToken;
  }

  /**
   * Takes the lease when it is free, expired or already this owner's (a projector started again under the same name,
   * e.g. the API's projector thread after a crash), or always with `steal`; every take bumps the fencing token, so
   * an earlier holder's writes are refused from then on.
   */
  async acquire(options: { steal?: boolean } = {}): Promise<boolean> {
    const { rows } = await this.db.query<{ token: string }>(
      `UPDATE ${TABLE} SET owner = $2, token = token + 1, expires_at = clock_timestamp() + ($3::int * interval '1 millisecond'), renewed_at = clock_timestamp()
       WHERE name = $1 AND (owner IS NULL OR owner = $2 OR expires_at < clock_timestamp() OR $4::boolean) RETURNING token::text AS token`,
      [this.name, this.owner, this.ttlMs, options.steal === true],
    );
    this.heldToken = rows.length === 1 ? BigInt(rows[0].token) : null;
    return this.heldToken !== null;
  }

  /** Extends the lease if this process still holds it (same owner and token); inside a transaction it also fences it. */
  async renew(executor: SqlExecutor = this.db): Promise<boolean> {
    if (this.heldToken === null) return false;
    const { rowCount } = await executor.query(
      `UPDATE ${TABLE} SET expires_at = clock_timestamp() + ($4::int * interval '1 millisecond'), renewed_at = clock_timestamp()
       WHERE name = $1 AND owner = $2 AND token = $3::bigint`,
      [this.name, this.owner, this.heldToken.toString(), this.ttlMs],
    );
    if (rowCount !== 1) this.heldToken = null;
    return rowCount === 1;
  }

  /** Inside a batch transaction: throws LeaseLost (so the transaction rolls back) unless this process still holds the lease. */
  async verify(tx: SqlExecutor): Promise<void> {
    const token = this.heldToken;
    if (!(await this.renew(tx))) throw new LeaseLost(this.owner, token);
  }

  async release(): Promise<void> {
    if (this.heldToken === null) return;
    await this.db.query(`UPDATE ${TABLE} SET expires_at = 'epoch', owner = NULL WHERE name = $1 AND owner = $2 AND token = $3::bigint`, [
      this.name,
      this.owner,
      this.heldToken.toString(),
    ]);
    this.heldToken = null;
  }

  /** Forgets the lease locally (a process that stops renewing without telling anyone, as after a crash). */
  abandon(): void {
    this.heldToken = null;
  }

  async state(): Promise<LeaseState | null> {
    const { rows } = await this.db.query<{ owner: string | null; token: string; expires_at: string; expired: boolean }>(
      `SELECT owner, token::text AS token, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
              expires_at < clock_timestamp() AS expired FROM ${TABLE} WHERE name = $1`,
      [this.name],
    );
    if (rows.length === 0) return null;
    return { owner: rows[0].owner, token: rows[0].token, expiresAt: rows[0].expires_at, expired: rows[0].expired };
  }
}
