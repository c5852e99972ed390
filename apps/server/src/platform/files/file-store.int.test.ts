import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { FILE_CONTENT_TYPES } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Actor } from '../actor/actor';
import type { Database } from '../db/database';
import { createFileStore, type FileStore } from './file-store';

let db: Database;
let store: FileStore;
const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-files-'));
const tenantA = randomUUID();
const tenantB = randomUUID();
const now = new Date('2026-07-01T00:00:00Z');
const actor = (tenantId: string): Actor => ({
  userId: randomUUID(),
  tenantId,
  organisationKind: 'company',
  roles: ['admin'],
  label: 'Tester <tester@example.jp>',
  locale: 'ja',
  ip: '127.0.0.1',
  sessionId: null,
});
const alice = actor(tenantA);
const bob = actor(tenantB);
const csv = Buffer.from('\uFEFF技術名,区分\n積層セラミックコンデンサ,極秘\n');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobsUnder = () =>
  readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
const upload = (over: Partial<Parameters<FileStore['save']>[1]> = {}) =>
  store.save(alice, {
    name: '技術台帳.csv',
    bytes: csv,
    recordType: 'technology',
    recordId: 'T-1',
    allowedTypes: [FILE_CONTENT_TYPES.csv],
    ...over,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  await db.system((tx) =>
    tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
      (${tenantA}, 'company', 'A社', 'A Corp'), (${tenantB}, 'company', 'B社', 'B Corp')`),
  );
  store = createFileStore({ db, config: { dataDir, uploadLimitBytes: 4096 }, clock: () => now });
});

afterAll(async () => {
  await db?.close();
});

describe('saving a file', () => {
  it('records the SHA-256, stores the bytes under it and audits the upload in the same transaction', async () => {
    const saved = await upload();
    expect(saved).toMatchObject({
      name: '技術台帳.csv',
      contentType: 'text/csv',
      size: csv.length,
      sha256: sha(csv),
      recordType: 'technology',
      recordId: 'T-1',
      createdAt: now.toISOString(),
    });
    const blob = path.join(dataDir, 'files', saved.sha256.slice(0, 2), saved.sha256);
    expect(readFileSync(blob).equals(csv)).toBe(true);
    const events = await db.tenant(tenantA, (tx) =>
      tx.execute(sql`select type, payload, subject_type, subject_id from audit_events where type = 'file.uploaded'`),
    );
    expect(events.rows).toEqual([
      {
        type: 'file.uploaded',
        payload: {
          fileId: saved.id,
          name: '技術台帳.csv',
          sha256: saved.sha256,
          size: csv.length,
          contentType: 'text/csv',
        },
        subject_type: 'technology',
        subject_id: 'T-1',
      },
    ]);
  });

  it('keeps one copy of identical bytes however often they are uploaded', async () => {
    const before = blobsUnder().length;
    const again = await upload({ name: 'copy.csv', recordId: 'T-2' });
    const other = await store.save(bob, {
      name: 'b.csv',
      bytes: csv,
      recordType: 'technology',
      recordId: 'X',
      allowedTypes: [FILE_CONTENT_TYPES.csv],
    });
    expect(again.sha256).toBe(other.sha256);
    expect(again.id).not.toBe(other.id);
    expect(blobsUnder().length).toBe(before);
  });

  it('sanitises the file name', async () => {
    const saved = await upload({ name: '..\\..\\報告\u202Efdp.exe.csv' });
    expect(saved.name).toBe('報告fdp.exe.csv');
  });

  it('refuses a file over the size limit, an empty file and a type that is not allowed', async () => {
    const blobs = blobsUnder().length;
    await expect(upload({ bytes: Buffer.alloc(4097, 0x41) })).rejects.toMatchObject({
      code: 'request/too_large',
      details: { limitBytes: 4096 },
    });
    await expect(upload({ bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'files/empty' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(upload({ bytes: png, name: 'data.csv' })).rejects.toMatchObject({
      code: 'request/unsupported_media_type',
      details: { detected: 'image/png', allowed: ['text/csv'] },
    });
    expect(blobsUnder().length).toBe(blobs);
  });
});

describe('reading a file', () => {
  it('gives the bytes to the owning tenant only', async () => {
    const saved = await upload({ recordId: 'T-3' });
    const read = await store.read(alice, saved.id);
    expect(read.bytes.equals(csv)).toBe(true);
    expect(await store.find(bob, saved.id)).toBeNull();
    await expect(store.read(bob, saved.id)).rejects.toMatchObject({ code: 'files/not_found' });
    expect((await buffer(await store.open(saved))).equals(csv)).toBe(true);
  });

  it('notices bytes that were altered on disk', async () => {
    const bytes = Buffer.from('name,value\nA,1\n');
    const saved = await upload({ bytes, name: 'tampered.csv' });
    writeFileSync(
      path.join(dataDir, 'files', saved.sha256.slice(0, 2), saved.sha256),
      Buffer.from('name,value\nA,9\n'),
    );
    await expect(store.read(alice, saved.id)).rejects.toMatchObject({ code: 'files/content_missing' });
    await expect(text(await store.open(saved))).rejects.toMatchObject({ code: 'files/content_missing' });
  });
});

describe('removing orphans', () => {
  it('deletes old bytes no row references and keeps referenced and recent ones', async () => {
    const kept = await upload({ bytes: Buffer.from('kept,1\n'), name: 'kept.csv' });
    const orphan = Buffer.from('orphan,1\n');
    const orphanPath = path.join(dataDir, 'files', sha(orphan).slice(0, 2), sha(orphan));
    await mkdir(path.dirname(orphanPath), { recursive: true });
    writeFileSync(orphanPath, orphan);
    const fresh = Buffer.from('fresh,1\n');
    const freshPath = path.join(dataDir, 'files', sha(fresh).slice(0, 2), sha(fresh));
    await mkdir(path.dirname(freshPath), { recursive: true });
    writeFileSync(freshPath, fresh);
    const old = new Date(Date.now() - 3 * 86_400_000);
    utimesSync(orphanPath, old, old);
    utimesSync(path.join(dataDir, 'files', kept.sha256.slice(0, 2), kept.sha256), old, old);

    expect(await store.removeOrphans(new Date(Date.now() - 86_400_000))).toBe(1);
    const left = blobsUnder();
    expect(left).not.toContain(sha(orphan));
    expect(left).toContain(sha(fresh));
    expect(left).toContain(kept.sha256);
  });
});
