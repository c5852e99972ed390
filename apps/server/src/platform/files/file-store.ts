import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { StoredFileView } from '@kakine/contracts';
import type { Actor } from '../actor/actor';
import { recordAudit } from '../audit/audit.recorder';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Database, Tx } from '../db/database';
import { AppError } from '../errors/app-error';
import { detectContentType } from './content-type.rules';
import { sanitiseFileName } from './file-name.rules';
import * as repo from './files.repository';

/** A stored attachment's metadata. */
export type StoredFile = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  recordType: string;
  recordId: string | null;
  createdAt: string;
};

/** Attachments under the data dir: hashed, size-limited, content type checked from the bytes. */
export type FileStore = {
  /**
   * Stores bytes for a record of the actor's tenant after checking size and that the bytes are of one of the
   * allowed types (detected from the content, not the name); records `file.uploaded`.
   */
  save: (
    actor: Actor,
    upload: {
      name: string;
      bytes: Buffer;
      recordType: string;
      recordId: string | null;
      allowedTypes: readonly string[];
    },
  ) => Promise<StoredFile>;
  /** Reads a file of the actor's tenant; callers check the actor may see the record first. */
  read: (actor: Actor, fileId: string) => Promise<{ file: StoredFile; bytes: Buffer }>;
  /** A file's metadata in the actor's tenant (row-level security), or null. */
  find: (actor: Actor, fileId: string) => Promise<StoredFileView | null>;
  /**
   * Streams a file's bytes, checking their SHA-256 on the way: a missing blob fails before any byte is sent, and
   * altered bytes make the stream fail at its end. Callers check the actor may see the record first.
   */
  open: (file: Pick<StoredFile, 'sha256' | 'size'>) => Promise<Readable>;
  /** Deletes stored bytes no file row references (in any tenant) and stale temporary files older than `before`. */
  removeOrphans: (before: Date) => Promise<number>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

/** The view of a file row. */
export const toStoredFileView = (row: repo.FileRow): StoredFileView => ({
  id: row.id,
  name: row.name,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  recordType: row.recordType,
  recordId: row.recordId,
  uploadedBy: row.uploadedBy,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Creates the file store. Bytes live once per content under `<dataDir>/files/<sha256[0:2]>/<sha256>` (written to a
 * temporary file, synced, then renamed, so a crash never leaves a partial blob under its hash); rows in `files`
 * say which tenant's record each upload belongs to.
 */
export const createFileStore = (deps: {
  db: Database;
  config: Pick<Config, 'dataDir' | 'uploadLimitBytes'>;
  clock: Clock;
}): FileStore => {
  const { db, config, clock } = deps;
  const root = path.join(config.dataDir, 'files');
  const blobPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  const writeBlob = async (sha256: string, bytes: Buffer) => {
    const target = blobPath(sha256);
    const existing = await stat(target).catch(() => null);
    if (existing?.size === bytes.length) {
      // Freshen the blob so that the orphan sweep, which only removes old blobs, leaves it to this upload's row.
      const now = new Date();
      await utimes(target, now, now);
      return;
    }
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temporary = path.join(path.dirname(target), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  };

  const save: FileStore['save'] = async (actor, upload) => {
    if (upload.bytes.length === 0) throw new AppError('files/empty');
    if (upload.bytes.length > config.uploadLimitBytes) {
      throw new AppError('request/too_large', { limitBytes: config.uploadLimitBytes });
    }
    const name = sanitiseFileName(upload.name);
    const contentType = detectContentType(upload.bytes, name);
    if (!upload.allowedTypes.includes(contentType)) {
      throw new AppError('request/unsupported_media_type', { detected: contentType, allowed: upload.allowedTypes });
    }
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    // The bytes are stored before the row commits, so a committed row always has its bytes; a rolled-back upload
    // leaves bytes that the daily maintenance removes.
    await writeBlob(sha256, upload.bytes);
    const row = await db.tenant(actor.tenantId, async (tx: Tx) => {
      const inserted = await repo.insertFile(tx, {
        tenantId: actor.tenantId,
        name,
        contentType,
        size: upload.bytes.length,
        sha256,
        recordType: upload.recordType,
        recordId: upload.recordId,
        uploadedBy: actor.userId,
        createdAt: clock(),
      });
      await recordAudit(
        tx,
        { tenantId: actor.tenantId, userId: actor.userId, label: actor.label, ip: actor.ip },
        {
          type: 'file.uploaded',
          payload: { fileId: inserted.id, name, sha256, size: inserted.size, contentType },
          subjectType: upload.recordType,
          subjectId: upload.recordId ?? undefined,
        },
        clock,
      );
      return inserted;
    });
    const { uploadedBy: _uploadedBy, ...file } = toStoredFileView(row);
    return file;
  };

  const find: FileStore['find'] = async (actor, fileId) => {
    if (!UUID.test(fileId)) return null;
    const row = await db.tenant(actor.tenantId, (tx) => repo.findFile(tx, fileId));
    return row ? toStoredFileView(row) : null;
  };

  const read: FileStore['read'] = async (actor, fileId) => {
    const found = await find(actor, fileId);
    if (!found) throw new AppError('files/not_found', { id: fileId });
    const bytes = await readFile(blobPath(found.sha256)).catch(() => null);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== found.sha256) {
      throw new AppError('files/content_missing', { id: fileId });
    }
    const { uploadedBy: _uploadedBy, ...file } = found;
    return { file, bytes };
  };

  const openStream: FileStore['open'] = async (file) => {
    const target = blobPath(file.sha256);
    const info = await stat(target).catch(() => null);
    if (!info || info.size !== file.size) throw new AppError('files/content_missing');
    const hash = createHash('sha256');
    const verify = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        callback(hash.digest('hex') === file.sha256 ? null : new AppError('files/content_missing'));
      },
    });
    return pipeline(createReadStream(target), verify, () => {});
  };

  const removeOrphans: FileStore['removeOrphans'] = async (before) => {
    let removed = 0;
    const prefixes = await readdir(root).catch(() => [] as string[]);
    for (const prefix of prefixes) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      const dir = path.join(root, prefix);
      const candidates: string[] = [];
      for (const entry of await readdir(dir)) {
        const full = path.join(dir, entry);
        const info = await stat(full).catch(() => null);
        if (!info || info.mtime >= before) continue;
        if (entry.endsWith('.tmp')) {
          await unlink(full).catch(() => {});
          removed++;
        } else if (SHA256.test(entry)) candidates.push(entry);
      }
      const referenced = await db.system((tx) => repo.referencedHashes(tx, candidates));
      for (const sha256 of candidates) {
        if (referenced.has(sha256)) continue;
        const full = path.join(dir, sha256);
        // An upload of the same bytes may have reused the blob since the first look.
        const info = await stat(full).catch(() => null);
        if (!info || info.mtime >= before) continue;
        await unlink(full).catch(() => {});
        removed++;
      }
    }
    return removed;
  };

  return { save, read, find, open: openStream, removeOrphans };
};
