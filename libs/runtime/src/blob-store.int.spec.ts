// Evidence files in the read-model database: shared by every process on it, and copied in from DATA_DIR/blobs once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, quietPool, type TestDatabase } from '@campaign-ledger/testing-support';
import { loadConfig } from './app-config';
import { copyLegacyBlobs, InMemoryBlobStore, PostgresBlobStore, sha256Of, type BlobStore } from './blob-store';
import { openStorage } from './storage';

const listed = async (store: BlobStore) => {
  const all = [];
  for await (const blob of store.list()) all.push(blob);
  return all;
};

describe('evidence files', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('cl_rt_blobs');
    dir = mkdtempSync(join(tmpdir(), 'cl-rt-blobs-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are stored once by SHA-256, found by it, and listed in hash order, page after page', async () => {
    const pool = quietPool(new Pool({ connectionString: database.url, max: 2 }));
    try {
      const store = new PostgresBlobStore(pool, 2);
      await Promise.all([store.ensureTable(), new PostgresBlobStore(pool).ensureTable()]);
      const contents = ['a', 'b', 'c', 'd', 'e'].map((c) => Buffer.from(`file ${c}\n`));
      for (const content of contents) expect(await store.put(content)).toEqual({ sha256: sha256Of(content), size: content.length });
      expect(await store.put(contents[0])).toEqual({ sha256: sha256Of(contents[0]), size: contents[0].length });
      expect((await store.get(sha256Of(contents[2])))?.equals(contents[2])).toBe(true);
      expect(await store.has(sha256Of(contents[3]))).toBe(true);
      expect(await store.get('0'.repeat(64))).toBeNull();
      expect(await store.get('../etc/passwd')).toBeNull();
      expect(await store.has('nope')).toBe(false);
      expect((await listed(store)).map((b) => b.sha256)).toEqual(contents.map(sha256Of).sort());
    } finally {
      await pool.end();
    }
  });

  it('are shared by every process on one PostgreSQL, and files of an earlier release under DATA_DIR/blobs are copied in once', async () => {
    const legacy = Buffer.from('%PDF-1.4 an evidence file kept on disk by an earlier release\n');
    const bucket = join(dir, 'a', 'blobs', sha256Of(legacy).slice(0, 2));
    mkdirSync(bucket, { recursive: true });
    writeFileSync(join(bucket, sha256Of(legacy)), legacy);
    writeFileSync(join(bucket, `${sha256Of(legacy).slice(0, 2)}${'0'.repeat(62)}`), 'not what its name says');
    writeFileSync(join(bucket, `${sha256Of(legacy)}.123.456.tmp`), 'half written');
    const env = (dataDir: string) => loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: dataDir });
    const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const first = await openStorage(env(join(dir, 'a')));
    const second = await openStorage(env(join(dir, 'b')));
    try {
      expect(first.legacyBlobs).toMatchObject({ copied: 1, present: 0, damaged: [join(bucket, `${sha256Of(legacy).slice(0, 2)}${'0'.repeat(62)}`)] });
      expect(warnings).toHaveBeenCalledWith(expect.stringContaining('1 evidence file(s) under'));
      expect((await second.blobs.get(sha256Of(legacy)))?.equals(legacy)).toBe(true);
      const uploaded = Buffer.from('uploaded through the second process');
      const { sha256 } = await second.blobs.put(uploaded);
      expect((await first.blobs.get(sha256))?.equals(uploaded)).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
    const again = await openStorage(env(join(dir, 'a')));
    try {
      expect(again.legacyBlobs).toMatchObject({ copied: 0, present: 1 });
    } finally {
      await again.close();
      warnings.mockRestore();
    }
  });

  it('are kept in memory for EVENT_STORE=memory', async () => {
    const storage = await openStorage(loadConfig({ EVENT_STORE: 'memory', DATA_DIR: join(dir, 'memory') }));
    try {
      expect(storage.blobs).toBeInstanceOf(InMemoryBlobStore);
      const { sha256 } = await storage.blobs.put(Buffer.from('x'));
      expect(await storage.blobs.has(sha256)).toBe(true);
      expect(await listed(storage.blobs)).toEqual([{ sha256, size: 1 }]);
      expect(storage.legacyBlobs).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it('copies nothing from a directory that is not there', async () => {
    expect(await copyLegacyBlobs(join(dir, 'nowhere', 'blobs'), new InMemoryBlobStore())).toEqual({ copied: 0, present: 0, damaged: [] });
  });
});
