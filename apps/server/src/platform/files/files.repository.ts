import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { files } from './files.schema';

const columns = {
  id: files.id,
  tenantId: files.tenantId,
  name: files.name,
  contentType: files.contentType,
  size: files.size,
  sha256: files.sha256,
  recordType: files.recordType,
  recordId: files.recordId,
  uploadedBy: files.uploadedBy,
  createdAt: files.createdAt,
};

/** A file row as stored. */
export type FileRow = typeof files.$inferSelect;

/** Inserts a file row in the transaction's tenant and returns it. */
export const insertFile = async (tx: Tx, values: typeof files.$inferInsert): Promise<FileRow> => {
  const [row] = await tx.insert(files).values(values).returning(columns);
  return row!;
};

/** One file of the transaction's tenant (row-level security hides the others), or null. */
export const findFile = async (tx: Tx, id: string): Promise<FileRow | null> => {
  const [row] = await tx.select(columns).from(files).where(eq(files.id, id)).limit(1);
  return row ?? null;
};

const ofRecord = (recordType: string, recordId: string | null): SQL | undefined =>
  and(eq(files.recordType, recordType), recordId === null ? isNull(files.recordId) : eq(files.recordId, recordId));

/** How many files are attached to a record of the transaction's tenant. */
export const countFilesOf = async (tx: Tx, recordType: string, recordId: string | null): Promise<number> => {
  const [row] = await tx.select({ n: count() }).from(files).where(ofRecord(recordType, recordId));
  return row?.n ?? 0;
};

/** A slice of the files attached to a record, by upload time (every version of a name is its own row). */
export const listFilesOf = (
  tx: Tx,
  recordType: string,
  recordId: string | null,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<FileRow[]> => {
  const direction = page.order === 'asc' ? asc : desc;
  return tx
    .select(columns)
    .from(files)
    .where(ofRecord(recordType, recordId))
    .orderBy(direction(files.createdAt), direction(files.id))
    .limit(page.limit)
    .offset(page.offset);
};

/** Which of the given hashes any file row of any tenant still references (system transaction). */
export const referencedHashes = async (tx: Tx, hashes: string[]): Promise<Set<string>> => {
  if (hashes.length === 0) return new Set();
  const rows = await tx.selectDistinct({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, hashes));
  return new Set(rows.map((r) => r.sha256));
};
