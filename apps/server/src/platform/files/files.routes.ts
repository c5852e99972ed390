import {
  FileListQuery,
  FileUploadFields,
  IdParams,
  StoredFilePage,
  type StoredFileView,
  StoredFileView as StoredFileViewSchema,
} from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { AppError } from '../errors/app-error';
import { servedContentType } from './content-type.rules';
import { contentDisposition } from './file-name.rules';

/** The columns of an attachment-list export. */
export const fileExportColumns = (): ExportColumn<StoredFileView>[] => [
  { ja: 'ファイル名', en: 'File name', value: (f) => f.name },
  { ja: '形式', en: 'Content type', value: (f) => f.contentType },
  { ja: 'サイズ（バイト）', en: 'Size (bytes)', value: (f) => f.size },
  { ja: 'SHA-256', en: 'SHA-256', value: (f) => f.sha256 },
  { ja: '登録者ID', en: 'Uploaded by', value: (f) => f.uploadedBy },
  { ja: '登録日時', en: 'Uploaded at', value: (f) => f.createdAt },
  { ja: 'ファイルID', en: 'File ID', value: (f) => f.id },
];

/**
 * Reads the multipart form of POST /files: the `recordType` and `recordId` fields and one `file` part, buffered up
 * to the upload limit (beyond it the multipart plugin fails with `request/too_large`).
 */
const readUploadForm = async (req: FastifyRequest) => {
  if (!req.isMultipart()) throw new AppError('request/unsupported_media_type', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  const files: { name: string; bytes: Buffer }[] = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      // Every part is read to its end (the request must be consumed); only the first `file` part is kept.
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file') files.push({ name: part.filename, bytes });
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  const parsed = FileUploadFields.safeParse(fields);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const file = files[0];
  if (!file) {
    problems.push({ path: 'file', message: req.locale === 'ja' ? 'ファイルを選択してください' : 'A file is required' });
  }
  if (!parsed.success || !file) throw new AppError('request/invalid', { in: 'body', fields: problems });
  return { recordType: parsed.data.recordType, recordId: parsed.data.recordId, name: file.name, bytes: file.bytes };
};

/** Routes of attachments: download one file, list a record's files, upload to a record type that accepts it. */
export const registerFileRoutes = (api: Api, services: Services) => {
  const tags = ['files'];

  api.get(
    '/files/:id',
    {
      schema: {
        tags,
        description:
          'Downloads a file (attachment; RFC 5987 file name) if the caller may see the record it belongs to.',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { file, stream } = await services.files.download(actorOf(req), req.params.id);
      return reply
        .header('content-type', servedContentType(file.contentType))
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${file.sha256}"`)
        .send(stream);
    },
  );

  api.get(
    '/files',
    {
      schema: {
        tags,
        description: 'The files attached to one record, every version, if the caller may see that record.',
        querystring: FileListQuery,
        response: { 200: StoredFilePage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.files.list(actorOf(req), req.query);
      const exported = await services.files.exportList(actorOf(req), req.query);
      return sendExport(reply, format, {
        items: exported.items,
        columns: fileExportColumns(),
        locale: req.locale,
        baseName: 'files',
        now: exported.exportedAt,
      });
    },
  );

  api.post(
    '/files',
    {
      config: { permission: 'files:upload' },
      schema: {
        tags,
        description:
          'Attaches a file (multipart/form-data: fields recordType and recordId, then the part `file`) to a ' +
          'record whose type accepts uploads. The content type is detected from the bytes.',
        consumes: ['multipart/form-data'],
        response: { 201: StoredFileViewSchema },
      },
    },
    async (req, reply) => {
      const form = await readUploadForm(req);
      return reply.code(201).send(await services.files.upload(actorOf(req), form));
    },
  );
};
