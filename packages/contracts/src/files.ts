import { z } from 'zod';
import { ListQuery, pageOf } from './common';

/**
 * The content types Kakine recognises from a file's bytes (never from its name alone). A module lists the ones it
 * accepts for an attachment; CSV, YAML and plain text are all UTF-8 text and are told apart by the file extension.
 */
export const FILE_CONTENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  csv: 'text/csv',
  yaml: 'application/yaml',
  text: 'text/plain',
} as const;
/** A content type Kakine can accept for an attachment. */
export type FileContentType = (typeof FILE_CONTENT_TYPES)[keyof typeof FILE_CONTENT_TYPES];

/** Record types name the kind of record a file is attached to: lowercase words joined by `_` or `.`. */
export const RecordTypeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be a record type such as deal or prior_report');

/** A stored attachment's metadata. */
export const StoredFileView = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Hex SHA-256 of the bytes, recorded at upload and checked when the file is served. */
  sha256: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
/** A stored file as the API returns it. */
export type StoredFileView = z.infer<typeof StoredFileView>;

/** The form fields of POST /files (multipart/form-data), sent before the `file` part. */
export const FileUploadFields = z.object({
  recordType: RecordTypeSchema,
  recordId: z.string().trim().min(1).max(100),
});
/** Parsed upload form fields. */
export type FileUploadFields = z.infer<typeof FileUploadFields>;

/** GET /files?recordType&recordId: the attachments of one record, every version, newest first by default. */
export const FileListQuery = ListQuery.extend(FileUploadFields.shape);
/** Parsed GET /files query. */
export type FileListQuery = z.infer<typeof FileListQuery>;

/** A page of stored files. */
export const StoredFilePage = pageOf(StoredFileView);
/** A page of stored files as the API returns it. */
export type StoredFilePage = z.infer<typeof StoredFilePage>;
