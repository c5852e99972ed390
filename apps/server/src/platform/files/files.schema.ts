import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, tenantColumn } from '../db/columns';

/** Attachments: bytes live under the data dir by SHA-256; the row says which record they belong to. */
export const files = pgTable(
  'files',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** The kind of record the file is attached to (e.g. `catalogue_version`), used for access checks. */
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('files_record_idx').on(t.tenantId, t.recordType, t.recordId), index('files_sha256_idx').on(t.sha256)],
);
