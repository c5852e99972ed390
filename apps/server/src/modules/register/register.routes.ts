import {
  ArchiveTechnologyBody,
  EXPORT_CONTROL_STATUS_LABELS,
  IdParams,
  type Locale,
  Ok,
  REGISTER_IMPORT_COLUMNS,
  RegisterOwnerList,
  RegisterSettings,
  RegisterSettingsView,
  RequirementAssessmentInput,
  RequirementParams,
  TechnologyHistory,
  TechnologyHistoryQuery,
  TechnologyInput,
  TechnologyList,
  TechnologyListQuery,
  TechnologyView,
  UpdateTechnologyBody,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import type { TechnologyExportRow } from './register.service';

type ImportColumnKey = (typeof REGISTER_IMPORT_COLUMNS)[number]['key'];

/** The location kinds as the template's location syntax writes them (REGISTER_IMPORT_COLUMNS). */
const LOCATION_KIND_WORDS = { site: '拠点', system: 'システム' } as const;

/** Lists inside one cell: one item per line, which the import splits again. */
const lines = (values: readonly string[]): string => values.join('\n');

/** Each column's value, written the way the register import reads it back. */
const exportValues = (locale: Locale): Record<ImportColumnKey, (t: TechnologyExportRow) => string | number | null> => ({
  code: (t) => t.code,
  nameJa: (t) => t.nameJa,
  nameEn: (t) => t.nameEn,
  description: (t) => t.description,
  products: (t) => lines(t.products),
  ownerEmail: (t) => t.ownerEmail,
  department: (t) => t.department,
  classification: (t) => t.classificationCode,
  isCore: (t) => (locale === 'ja' ? (t.isCore ? 'はい' : 'いいえ') : t.isCore ? 'yes' : 'no'),
  coreReason: (t) => t.coreReason,
  designatedCodes: (t) => lines(t.designatedCodes),
  exportControlStatus: (t) => EXPORT_CONTROL_STATUS_LABELS[t.exportControlStatus][locale],
  exportControlRef: (t) => t.exportControlRef,
  exportControlAssessor: (t) => t.exportControlAssessor,
  exportControlDate: (t) => t.exportControlAssessedOn,
  // The template's location syntax: `拠点|名称|国コード|詳細` or `システム|名称||パス`, one location per line.
  locations: (t) =>
    lines(t.locations.map((l) => [LOCATION_KIND_WORDS[l.kind], l.name, l.countryCode ?? '', l.detail ?? ''].join('|'))),
  reviewIntervalMonths: (t) => t.reviewIntervalMonths,
  lastReviewedOn: (t) => t.lastReviewedOn,
});

/** The export's columns: the import template's headers in the caller's language, so that an export re-imports. */
const technologyColumns = (locale: Locale): ExportColumn<TechnologyExportRow>[] => {
  const values = exportValues(locale);
  return REGISTER_IMPORT_COLUMNS.map((c) => ({ ja: c.ja, en: c.en, value: values[c.key] }));
};

/** Routes of the technology register (技術台帳): settings, owners, technologies, trade-secret reviews and history. */
export const registerRegisterRoutes = (api: Api, services: Services) => {
  const tags = ['register'];

  api.get(
    '/register/settings',
    { config: { permission: 'register:read' }, schema: { tags, response: { 200: RegisterSettingsView } } },
    (req) => services.register.getSettings(actorOf(req)),
  );

  api.put(
    '/register/settings',
    {
      config: { permission: 'register:manage' },
      schema: { tags, body: RegisterSettings, response: { 200: RegisterSettingsView } },
    },
    (req) => services.register.updateSettings(actorOf(req), req.body),
  );

  api.get(
    '/register/owners',
    { config: { permission: 'register:read' }, schema: { tags, response: { 200: RegisterOwnerList } } },
    (req) => services.register.listOwners(actorOf(req)),
  );

  api.get(
    '/register/technologies',
    {
      config: { permission: 'register:read' },
      schema: { tags, querystring: TechnologyListQuery, response: { 200: TechnologyList } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { format } = req.query;
      if (format === 'json') return services.register.listTechnologies(actor, req.query);
      const result = await services.register.exportTechnologies(actor, { ...req.query, format });
      return sendExport(reply, format, {
        items: result.items,
        columns: technologyColumns(req.locale),
        locale: req.locale,
        baseName: 'technologies',
        now: result.exportedAt,
      });
    },
  );

  api.post(
    '/register/technologies',
    {
      config: { permission: 'register:create' },
      schema: { tags, body: TechnologyInput, response: { 200: TechnologyView } },
    },
    (req) => services.register.createTechnology(actorOf(req), req.body),
  );

  api.get(
    '/register/technologies/:id',
    { config: { permission: 'register:read' }, schema: { tags, params: IdParams, response: { 200: TechnologyView } } },
    (req) => services.register.getTechnology(actorOf(req), req.params.id),
  );

  api.put(
    '/register/technologies/:id',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: UpdateTechnologyBody, response: { 200: TechnologyView } },
    },
    (req) => services.register.updateTechnology(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/register/technologies/:id/archive',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: ArchiveTechnologyBody, response: { 200: TechnologyView } },
    },
    (req) => services.register.archiveTechnology(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/register/technologies/:id/restore',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: ArchiveTechnologyBody, response: { 200: TechnologyView } },
    },
    (req) => services.register.restoreTechnology(actorOf(req), req.params.id, req.body),
  );

  api.delete(
    '/register/technologies/:id',
    { config: { permission: 'register:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    (req) => services.register.deleteTechnology(actorOf(req), req.params.id),
  );

  api.put(
    '/register/technologies/:id/trade-secret/:requirement',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: RequirementParams, body: RequirementAssessmentInput, response: { 200: TechnologyView } },
    },
    (req) => services.register.assessRequirement(actorOf(req), req.params.id, req.params.requirement, req.body),
  );

  api.get(
    '/register/technologies/:id/history',
    {
      config: { permission: 'register:read' },
      schema: { tags, params: IdParams, querystring: TechnologyHistoryQuery, response: { 200: TechnologyHistory } },
    },
    (req) => services.register.history(actorOf(req), req.params.id, req.query),
  );
};
