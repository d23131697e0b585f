// Evidence files, kept by their SHA-256 (content-addressed: the same file is stored once). In the database that holds
// the read models, so that every API process on one PostgreSQL serves the same files and a backup can carry them.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { ensureSchema } from './ensure-schema';

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

export interface BlobStore {
  /** Stores a file (once per content) and returns its SHA-256 and size. */
  put(content: Buffer): Promise<StoredBlob>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** Every stored file's hash and size (not its content), in hash order. */
  list(): AsyncIterable<StoredBlob>;
}

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Of(content);
    if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.from(content));
    return { sha256, size: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    return this.blobs.get(sha256) ?? null;
  }

  async has(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }

  async *list(): AsyncIterable<StoredBlob> {
    const sorted = [...this.blobs].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [sha256, content] of sorted) yield { sha256, size: content.length };
  }
}

/** SQL that runs on PostgreSQL 15 and PGlite (PostgreSQL 18). */
export const EVIDENCE_FILES_DDL = `CREATE TABLE IF NOT EXISTS evidence_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size int NOT NULL CHECK (size >= 0),
  content bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
)`;

/** A pool, or one connection (a restore writes files in its own transaction). */
export type SqlConnection = Pool | PoolClient;

/** Evidence files in the `evidence_files` table. */
export class PostgresBlobStore implements BlobStore {
  constructor(
    private readonly db: SqlConnection,
    private readonly pageSize = 1000,
  ) {}

  /** Creates the table if missing; safe when several processes start at once. */
  async ensureTable(): Promise<void> {
    await ensureSchema(this.db, EVIDENCE_FILES_DDL);
  }

  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Of(content);
    await this.db.query('INSERT INTO evidence_files (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
      sha256,
      content.length,
      content,
    ]);
    return { sha256, size: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!isSha256(sha256)) return null;
    const { rows } = await this.db.query<{ content: Buffer }>('SELECT content FROM evidence_files WHERE sha256 = $1', [sha256]);
    return rows[0]?.content ?? null;
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    const { rows } = await this.db.query('SELECT 1 FROM evidence_files WHERE sha256 = $1', [sha256]);
    return rows.length > 0;
  }

  async *list(): AsyncIterable<StoredBlob> {
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<StoredBlob>('SELECT sha256, size FROM evidence_files WHERE sha256 > $1 ORDER BY sha256 LIMIT $2', [
        after,
        this.pageSize,
      ]);
      yield* rows;
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].sha256;
    }
  }
}

export interface LegacyCopyReport {
  /** Files copied into the store now. */
  readonly copied: number;
  /** Files the store already had. */
  readonly present: number;
  /** Files left out: their content does not hash to their name. */
  readonly damaged: readonly string[];
}

/**
 * Copies the files an earlier release kept on disk (`<directory>/<first two hex digits>/<sha256>`) into the store,
 * once: files already there are skipped, so running it at every start-up is cheap. The directory is left as it is.
 */
export async function copyLegacyBlobs(directory: string, store: BlobStore): Promise<LegacyCopyReport> {
  const candidates: { sha256: string; path: string }[] = [];
  for (const bucket of await entries(directory)) {
    if (!/^[0-9a-f]{2}$/.test(bucket)) continue;
    for (const name of await entries(join(directory, bucket))) {
      if (isSha256(name) && name.startsWith(bucket)) candidates.push({ sha256: name, path: join(directory, bucket, name) });
    }
  }
  if (candidates.length === 0) return { copied: 0, present: 0, damaged: [] };
  const stored = new Set<string>();
  for await (const blob of store.list()) stored.add(blob.sha256);
  let copied = 0;
  const damaged: string[] = [];
  for (const candidate of candidates) {
    if (stored.has(candidate.sha256)) continue;
    const content = await readFile(candidate.path);
    if (sha256Of(content) !== candidate.sha256) {
      damaged.push(candidate.path);
      continue;
    }
    await store.put(content);
    copied += 1;
  }
  return { copied, present: candidates.length - copied - damaged.length, damaged };
}

async function entries(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw error;
  }
}
