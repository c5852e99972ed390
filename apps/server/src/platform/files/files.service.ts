import type { Readable } from 'node:stream';
import type { FileListQuery, StoredFilePage, StoredFileView } from '@kakine/contracts';
import { type Actor, requirePermission } from '../actor/actor';
import { recordAudit } from '../audit/audit.recorder';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { type FileStore, toStoredFileView } from './file-store';
import * as repo from './files.repository';

/** Whether an actor may see a record (and so its attachments); modules register one per record type. */
export type FileAccessCheck = (actor: Actor, recordId: string | null) => Promise<boolean>;

/** Whether and what an actor may attach to a record of one type through the generic upload route. */
export type FileUploadPolicy = {
  /** Content types accepted for this record type (see FILE_CONTENT_TYPES). */
  allowedTypes: readonly string[];
  /** Whether the actor may attach a file to this record now. */
  canUpload: (actor: Actor, recordId: string) => Promise<boolean>;
};

/**
 * Creates the attachments service: a registry in which modules say who may see and who may attach files to their
 * record types (an unregistered type is denied), and the use cases behind the file routes. A file the actor may not
 * see answers exactly like a file that does not exist (`files/not_found`), in another tenant or in the same one.
 */
export const createFilesService = (deps: { db: Database; store: FileStore; clock: Clock; exportLimit: number }) => {
  const { db, store, clock, exportLimit } = deps;
  const readers = new Map<string, FileAccessCheck>();
  const uploaders = new Map<string, FileUploadPolicy>();

  /** Lets a module decide who may read files attached to its records of `recordType`. */
  const registerFileAccess = (recordType: string, check: FileAccessCheck): void => {
    if (readers.has(recordType)) throw new Error(`File access for "${recordType}" is already registered`);
    readers.set(recordType, check);
  };

  /** Lets a module accept generic uploads (POST /files) for its records of `recordType`. */
  const registerFileUpload = (recordType: string, policy: FileUploadPolicy): void => {
    if (uploaders.has(recordType)) throw new Error(`File upload for "${recordType}" is already registered`);
    uploaders.set(recordType, policy);
  };

  const maySee = async (actor: Actor, recordType: string, recordId: string | null): Promise<boolean> => {
    const check = readers.get(recordType);
    if (!check) return false;
    try {
      return await check(actor, recordId);
    } catch (error) {
      // A module that cannot find the record for this actor denies; anything else is a real failure.
      if (error instanceof AppError) return false;
      throw error;
    }
  };

  /** Stores an upload for a record whose type accepts generic uploads, if the actor may attach to that record. */
  const upload = async (
    actor: Actor,
    input: { recordType: string; recordId: string; name: string; bytes: Buffer },
  ): Promise<StoredFileView> => {
    requirePermission(actor, 'files:upload');
    const policy = uploaders.get(input.recordType);
    if (!policy) throw new AppError('files/unknown_record_type', { recordType: input.recordType });
    if (!(await policy.canUpload(actor, input.recordId).catch(() => false))) {
      throw new AppError('auth/forbidden', { recordType: input.recordType });
    }
    const stored = await store.save(actor, { ...input, allowedTypes: policy.allowedTypes });
    return { ...stored, uploadedBy: actor.userId };
  };

  /** Metadata and a verified byte stream of a file the actor may see; records `file.downloaded`. */
  const download = async (actor: Actor, fileId: string): Promise<{ file: StoredFileView; stream: Readable }> => {
    const file = await store.find(actor, fileId);
    if (!file || !(await maySee(actor, file.recordType, file.recordId))) {
      throw new AppError('files/not_found', { id: fileId });
    }
    const stream = await store.open(file);
    await db.tenant(actor.tenantId, (tx) =>
      recordAudit(
        tx,
        { tenantId: actor.tenantId, userId: actor.userId, label: actor.label, ip: actor.ip },
        {
          type: 'file.downloaded',
          payload: { fileId: file.id, name: file.name, sha256: file.sha256 },
          subjectType: file.recordType,
          subjectId: file.recordId ?? undefined,
        },
        clock,
      ),
    );
    return { file, stream };
  };

  /** One page of the files attached to a record the actor may see, every version, with the total. */
  const list = async (actor: Actor, query: FileListQuery): Promise<StoredFilePage> => {
    if (!readers.has(query.recordType))
      throw new AppError('files/unknown_record_type', { recordType: query.recordType });
    if (!(await maySee(actor, query.recordType, query.recordId))) {
      throw new AppError('auth/forbidden', { recordType: query.recordType });
    }
    return db.tenant(actor.tenantId, async (tx) => {
      const total = await repo.countFilesOf(tx, query.recordType, query.recordId);
      const offset = (query.page - 1) * query.pageSize;
      const rows =
        offset < total
          ? await repo.listFilesOf(tx, query.recordType, query.recordId, {
              order: query.order,
              limit: query.pageSize,
              offset,
            })
          : [];
      return { items: rows.map(toStoredFileView), page: query.page, pageSize: query.pageSize, total };
    });
  };

  /** Every file attached to a record the actor may see, for a CSV/XLSX download of the list. */
  const exportList = async (
    actor: Actor,
    query: FileListQuery,
  ): Promise<{ items: StoredFileView[]; exportedAt: Date }> => {
    const page = await list(actor, { ...query, page: 1, pageSize: exportLimit });
    return { items: page.items, exportedAt: clock() };
  };

  return { registerFileAccess, registerFileUpload, upload, download, list, exportList, store };
};

/** The attachments service. */
export type FilesService = ReturnType<typeof createFilesService>;
