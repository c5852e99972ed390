import { ImportOptions } from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/** An uploaded import file with its options (`mode`, `dryRun`), as read from a multipart request. */
export type ImportUpload = { fileName: string; bytes: Buffer; options: ImportOptions };

/**
 * Reads the multipart form of an import route: the `mode` and `dryRun` fields and one `file` part, buffered up to
 * the upload limit (beyond it the multipart plugin answers `request/too_large`). Throws `request/invalid` for
 * missing or invalid fields and `request/unsupported_media_type` for a request that is not multipart.
 */
export const readImportUpload = async (req: FastifyRequest): Promise<ImportUpload> => {
  if (!req.isMultipart()) throw new AppError('request/unsupported_media_type', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      // Every part is read to its end (the request must be consumed); only the first `file` part is kept.
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && !file) file = { name: part.filename, bytes };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  // Validation messages in the caller's language, like every other request error.
  const parsed = ImportOptions.safeParse(fields, { error: z.locales[req.locale]().localeError });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (!file) {
    problems.push({ path: 'file', message: req.locale === 'ja' ? 'ファイルを選択してください' : 'A file is required' });
  }
  if (!parsed.success || !file) throw new AppError('request/invalid', { in: 'body', fields: problems });
  return { fileName: file.name, bytes: file.bytes, options: parsed.data };
};
