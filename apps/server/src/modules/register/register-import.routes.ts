import { ErrorResponse, ImportOptions, ImportReport } from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Api } from '../../http/app';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { AppError } from '../../platform/errors/app-error';

/** GET /register/import-template query: the template as XLSX (default, with the 「記入方法」 sheet) or CSV. */
const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/**
 * Reads the multipart form of POST /register/import: the options (validated with the contracts' schema, messages in
 * the caller's language) and one `file` part, buffered up to the upload limit.
 */
const readImportForm = async (req: FastifyRequest) => {
  if (!req.isMultipart()) throw new AppError('request/unsupported_media_type', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && !file) file = { name: part.filename, bytes };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  const parsed = ImportOptions.safeParse(fields, { error: z.locales[req.locale]().localeError });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (!file) {
    problems.push({ path: 'file', message: req.locale === 'ja' ? 'ファイルを選択してください' : 'A file is required' });
  }
  if (!parsed.success || !file) throw new AppError('request/invalid', { in: 'body', fields: problems });
  return { options: parsed.data, file };
};

/** Routes of the register import: the template download and the import of a filled-in file. */
export const registerRegisterImportRoutes = (api: Api, services: Services) => {
  const tags = ['register'];

  api.get(
    '/register/import-template',
    {
      config: { permission: 'register:manage' },
      schema: {
        tags,
        description:
          'The register import template: Japanese headers in import order and one example row. The XLSX (default) ' +
          'adds drop-down lists and a 「記入方法」 sheet with each column, whether it is required and the allowed ' +
          "values (the company's classification levels, the designated technologies in force).",
        querystring: TemplateQuery,
      },
    },
    async (req, reply) => {
      const file = await services.registerImport.template(actorOf(req), req.query.format);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.type(file.contentType).send(file.body);
    },
  );

  api.post(
    '/register/import',
    {
      config: { permission: 'register:manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        description:
          'Imports technologies from a CSV (UTF-8 or Shift_JIS) or XLSX file in the template layout ' +
          '(multipart/form-data: `mode` all_or_nothing | valid_rows_only, `dryRun` true | false, then the part ' +
          '`file`), matched by technology code. Answers the row-by-row report; an all-or-nothing import with ' +
          'invalid rows writes nothing and answers 422 `import/rejected` with the report in `details`. Unchanged ' +
          'rows write nothing.',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, 403: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (req) => {
      const { options, file } = await readImportForm(req);
      return services.registerImport.importFile(actorOf(req), file, options, req.locale);
    },
  );
};
