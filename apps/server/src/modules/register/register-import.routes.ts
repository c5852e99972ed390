import { ErrorResponse, ImportReport } from '@kakine/contracts';
import { z } from 'zod';
import type { Api } from '../../http/app';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { readImportUpload } from '../../platform/tabular/import-upload';

/** GET /register/import-template query: the template as XLSX (default, with the 「記入方法」 sheet) or CSV. */
const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

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
      const upload = await readImportUpload(req);
      return services.registerImport.importFile(
        actorOf(req),
        { name: upload.fileName, bytes: upload.bytes },
        upload.options,
        req.locale,
      );
    },
  );
};
