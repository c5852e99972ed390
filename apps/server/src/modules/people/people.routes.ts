import {
  DepartmentList,
  EMPLOYMENT_TYPE_LABELS,
  IdParams,
  ImportReport,
  type Locale,
  Ok,
  PEOPLE_IMPORT_COLUMNS,
  PERSON_STATUS_LABELS,
  PeopleList,
  PeopleListQuery,
  PersonInput,
  PersonView,
  UpdatePersonBody,
} from '@kakine/contracts';
import { z } from 'zod';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { sendImportTemplate } from '../../platform/tabular/import-template';
import { readImportUpload } from '../../platform/tabular/import-upload';

/** GET /people/import-template: the file format of the template. */
const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

const header = (key: (typeof PEOPLE_IMPORT_COLUMNS)[number]['key']) => {
  const column = PEOPLE_IMPORT_COLUMNS.find((c) => c.key === key)!;
  return { ja: column.ja, en: column.en };
};

/**
 * The columns of a people export: the import's headers first (so that an edited export can be imported again),
 * labels in the export's language, then the register counts, which the import ignores.
 */
export const peopleExportColumns = (locale: Locale): ExportColumn<PersonView>[] => [
  { ...header('employeeId'), value: (p) => p.employeeId },
  { ...header('name'), value: (p) => p.name },
  { ...header('nameKana'), value: (p) => p.nameKana },
  { ...header('email'), value: (p) => p.email },
  { ...header('department'), value: (p) => p.department },
  { ...header('jobTitle'), value: (p) => p.jobTitle },
  { ...header('employmentType'), value: (p) => EMPLOYMENT_TYPE_LABELS[p.employmentType][locale] },
  { ...header('employer'), value: (p) => p.employer },
  { ...header('status'), value: (p) => PERSON_STATUS_LABELS[p.status][locale] },
  { ...header('lastWorkingDay'), value: (p) => p.lastWorkingDay },
  { ...header('contractEndDate'), value: (p) => p.contractEndDate },
  { ...header('notes'), value: (p) => p.notes },
  { ja: 'ノウハウ保有技術数', en: 'Know-how technologies', value: (p) => p.knowHowTechnologies },
  { ja: '有効なアクセス権数', en: 'Active access grants', value: (p) => p.accessGrants },
  { ja: '更新日時', en: 'Updated', value: (p) => p.updatedAt },
];

/** Routes of the people directory: list and export, departments, one person, the form's writes and the HR import. */
export const registerPeopleRoutes = (api: Api, services: Services) => {
  const tags = ['people'];

  api.get(
    '/people',
    {
      config: { permission: 'people:read' },
      schema: {
        tags,
        description: 'The directory, filtered and sorted; format=csv|xlsx exports every match (audited).',
        querystring: PeopleListQuery,
        response: { 200: PeopleList },
      },
    },
    async (req, reply) => {
      const result = await services.people.list(actorOf(req), req.query);
      const { format } = req.query;
      if (format === 'json') return result;
      return sendExport(reply, format, {
        items: result.items,
        columns: peopleExportColumns(req.locale),
        locale: req.locale,
        baseName: 'people',
        now: new Date(),
      });
    },
  );

  api.get(
    '/people/departments',
    {
      config: { permission: 'people:read' },
      schema: { tags, description: 'The departments in use.', response: { 200: DepartmentList } },
    },
    (req) => services.people.departments(actorOf(req)),
  );

  api.get(
    '/people/import-template',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        description: 'The HR import template (Japanese headers, examples; the xlsx explains each column).',
        querystring: TemplateQuery,
      },
    },
    (req, reply) => sendImportTemplate(reply, req.query.format, services.people.importTemplate(actorOf(req))),
  );

  api.post(
    '/people/import',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        description:
          'Imports an HR file (multipart/form-data: mode, dryRun, then the part `file`; CSV in UTF-8 or ' +
          'Shift_JIS, or XLSX), matched by employee ID. A refused all-or-nothing import answers 422 ' +
          'import/rejected with the report in details.',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => services.people.importPeople(actorOf(req), await readImportUpload(req)),
  );

  api.get(
    '/people/:id',
    {
      config: { permission: 'people:read' },
      schema: { tags, params: IdParams, response: { 200: PersonView } },
    },
    (req) => services.people.get(actorOf(req), req.params.id),
  );

  api.post(
    '/people',
    {
      config: { permission: 'people:manage' },
      schema: { tags, body: PersonInput, response: { 201: PersonView } },
    },
    async (req, reply) => reply.code(201).send(await services.people.create(actorOf(req), req.body)),
  );

  api.put(
    '/people/:id',
    {
      config: { permission: 'people:manage' },
      schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: PersonView } },
    },
    (req) => services.people.update(actorOf(req), req.params.id, req.body),
  );

  api.delete(
    '/people/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        description:
          'Deletes a person entered by mistake; refused (people/in_use) once grants or know-how refer to them.',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await services.people.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};
