import {
  CatalogueDiff,
  CatalogueDiffParams,
  CatalogueList,
  CatalogueParams,
  CountriesQuery,
  CountryPage,
  type CountryView,
  catalogueOfSegment,
  DesignatedTechnologiesQuery,
  DesignatedTechnologiesResponse,
  type DesignatedTechnologyView,
  type EndUserListEntryView,
  EndUserListPage,
  EndUserListQuery,
  ErrorResponse,
  type Locale,
  PublishCatalogueVersionFields,
  PublishCatalogueVersionResponse,
} from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { AppError } from '../../platform/errors/app-error';

/** A row of an export: an item, or a line of text (credits, version) written in the first column. */
type ExportRow<T> = { item: T } | { line: string };

/**
 * Columns over export rows: items fill every column; a text line fills the first column only. Catalogue exports end
 * with an empty row and the lines that say where the data comes from (the End User List's terms require it).
 */
const withLines = <T>(columns: readonly ExportColumn<T>[]): ExportColumn<ExportRow<T>>[] =>
  columns.map((column, index) => ({
    ja: column.ja,
    en: column.en,
    value: (row) => ('item' in row ? column.value(row.item) : index === 0 ? row.line : null),
  }));

const rowsOf = <T>(items: readonly T[], lines: readonly string[]): ExportRow<T>[] => [
  ...items.map((item) => ({ item })),
  ...(lines.length > 0 ? [{ line: '' }, ...lines.map((line) => ({ line }))] : []),
];

const versionLine = (
  version: { label: string; effectiveFrom: string; source: string } | null,
  asOf: string | null,
  locale: Locale,
): string[] => {
  if (!version) return [];
  return locale === 'ja'
    ? [
        `版：${version.label}（${version.effectiveFrom}発効）${asOf ? `／基準日：${asOf}` : ''}`,
        `出典：${version.source}`,
      ]
    : [
        `Version: ${version.label} (in force from ${version.effectiveFrom})${asOf ? `; as of ${asOf}` : ''}`,
        `Source: ${version.source}`,
      ];
};

const yesNo = (value: boolean, locale: Locale) =>
  locale === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'Yes' : 'No';

/** The columns of a designated-technologies export. */
export const technologyExportColumns = (): ExportColumn<DesignatedTechnologyView>[] => [
  { ja: '番号', en: 'No.', value: (t) => t.number },
  { ja: 'コード', en: 'Code', value: (t) => t.code },
  { ja: '名称', en: 'Name (Japanese)', value: (t) => t.nameJa },
  { ja: '名称（英語）', en: 'Name', value: (t) => t.nameEn },
  { ja: '分野', en: 'Group (Japanese)', value: (t) => t.groupJa },
  { ja: '分野（英語）', en: 'Group', value: (t) => t.groupEn },
  { ja: '施行日', en: 'In force from', value: (t) => t.inForceFrom },
  { ja: '終了日', en: 'In force to', value: (t) => t.inForceTo },
  { ja: '法令上の根拠', en: 'Legal reference', value: (t) => t.legalReference },
  { ja: '出典', en: 'Source', value: (t) => t.source },
  { ja: '確度（C確認済・I推定・U不明）', en: 'Status (C confirmed, I inferred, U unknown)', value: (t) => t.status },
  { ja: '確度の注記', en: 'Status note', value: (t) => t.statusNote },
];

/** The columns of a countries export, with Group A membership on the as-of date. */
export const countryExportColumns = (locale: Locale): ExportColumn<CountryView>[] => [
  { ja: 'alpha-2', en: 'Alpha-2', value: (c) => c.alpha2 },
  { ja: 'alpha-3', en: 'Alpha-3', value: (c) => c.alpha3 },
  { ja: '数字コード', en: 'Numeric', value: (c) => c.numeric },
  { ja: '国・地域名', en: 'Name (Japanese)', value: (c) => c.nameJa },
  { ja: '国・地域名（英語）', en: 'Name', value: (c) => c.nameEn },
  { ja: 'グループA', en: 'Group A', value: (c) => yesNo(c.groupA, locale) },
  { ja: 'グループA開始日', en: 'Group A from', value: (c) => c.groupAMembership?.effectiveFrom },
  { ja: 'グループA終了日', en: 'Group A to', value: (c) => c.groupAMembership?.effectiveTo },
  { ja: '確度', en: 'Status', value: (c) => c.groupAMembership?.status },
  { ja: '確度の注記', en: 'Status note', value: (c) => c.groupAMembership?.statusNote },
  { ja: '出典', en: 'Source', value: (c) => c.groupAMembership?.source },
];

/** The columns of an End User List export. */
export const endUserExportColumns = (): ExportColumn<EndUserListEntryView>[] => [
  { ja: 'No.', en: 'No.', value: (e) => e.number },
  { ja: '国名・地域名', en: 'Country or region (Japanese)', value: (e) => e.countryJa },
  { ja: '国名・地域名（英語）', en: 'Country or region', value: (e) => e.countryEn },
  { ja: '企業名・組織名', en: 'Company or organization', value: (e) => e.name },
  { ja: '別名', en: 'Also known as', value: (e) => e.aliases.join('; ') },
  {
    ja: '懸念区分（B生物・C化学・Mミサイル・N核）',
    en: 'Type of WMD (B biological, C chemical, M missile, N nuclear)',
    value: (e) => e.concerns.join(','),
  },
  { ja: '通常兵器', en: 'Conventional weapons', value: (e) => (e.conventionalWeapons ? 'CW' : '') },
];

/**
 * Reads the multipart form of POST /catalogues/:catalogue/versions: the fields (validated with the contracts'
 * schema, messages in the caller's language) and one `file` part, buffered up to the upload limit.
 */
const readPublishForm = async (req: FastifyRequest) => {
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
  const parsed = PublishCatalogueVersionFields.safeParse(fields, { error: z.locales[req.locale]().localeError });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (!file || file.bytes.length === 0)
    problems.push({ path: 'file', message: req.locale === 'ja' ? 'ファイルを選択してください' : 'A file is required' });
  if (!parsed.success || !file || problems.length > 0)
    throw new AppError('request/invalid', { in: 'body', fields: problems });
  return { fields: parsed.data, file };
};

/** Routes of the reference catalogues: versions, as-of queries with exports, comparisons and publishing. */
export const registerCatalogueRoutes = (api: Api, services: Services) => {
  const tags = ['catalogues'];

  api.get(
    '/catalogues',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        description: 'Every reference catalogue with its versions, newest effective date first.',
        response: { 200: CatalogueList },
      },
    },
    (req) => services.catalogues.list(actorOf(req)),
  );

  api.get(
    '/catalogues/designated-technologies',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        description:
          'The designated technologies (重要管理対象技術) in force on `asOf` (default today, Japan time) from the ' +
          'version in force that day; `versionId` reads one version (all its entries unless `asOf` is given). ' +
          '`format=csv|xlsx` downloads the answer.',
        querystring: DesignatedTechnologiesQuery,
        response: { 200: DesignatedTechnologiesResponse },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.catalogues.designatedTechnologies(actorOf(req), req.query);
      const exported = await services.catalogues.exportDesignatedTechnologies(actorOf(req), req.query);
      return sendExport(reply, format, {
        items: rowsOf(exported.items, versionLine(exported.version, exported.asOf, req.locale)),
        columns: withLines(technologyExportColumns()),
        locale: req.locale,
        baseName: 'designated-technologies',
        now: exported.exportedAt,
      });
    },
  );

  api.get(
    '/catalogues/countries',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        description:
          'Countries and regions (ISO 3166-1) of the version in force on `asOf`, with Group A (輸出令別表第3) ' +
          'membership on that date; `q` searches names and codes, `groupA=true|false` filters. `format=csv|xlsx` ' +
          'downloads every match.',
        querystring: CountriesQuery,
        response: { 200: CountryPage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.catalogues.countries(actorOf(req), req.query);
      const exported = await services.catalogues.exportCountries(actorOf(req), req.query);
      return sendExport(reply, format, {
        items: rowsOf(exported.items, versionLine(exported.version, exported.asOf, req.locale)),
        columns: withLines(countryExportColumns(req.locale)),
        locale: req.locale,
        baseName: 'countries',
        now: exported.exportedAt,
      });
    },
  );

  api.get(
    '/catalogues/end-user-list',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        description:
          'The METI End User List (外国ユーザーリスト) edition in force on `asOf`; `q` searches names and aliases ' +
          '(NFKC, any case), `country` and `concern` (B, C, M, N, CW) filter. Displays and exports must carry ' +
          '`attribution`; `format=csv|xlsx` downloads every match with the attribution lines at the end.',
        querystring: EndUserListQuery,
        response: { 200: EndUserListPage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.catalogues.endUserList(actorOf(req), req.query);
      const exported = await services.catalogues.exportEndUserList(actorOf(req), req.query, req.locale);
      return sendExport(reply, format, {
        items: rowsOf(exported.items, exported.credits),
        columns: withLines(endUserExportColumns()),
        locale: req.locale,
        baseName: 'end-user-list',
        now: exported.exportedAt,
      });
    },
  );

  api.get(
    '/catalogues/:catalogue/versions/:a/diff/:b',
    {
      config: { permission: 'catalogue:read' },
      schema: {
        tags,
        description:
          'What changed from version `a` to version `b` of a catalogue: added, removed and changed entries ' +
          '(technologies by code, countries by alpha-2, End User List entities by normalised name and country).',
        params: CatalogueDiffParams,
        response: { 200: CatalogueDiff, 404: ErrorResponse },
      },
    },
    (req) => services.catalogues.diff(actorOf(req), req.params),
  );

  api.post(
    '/catalogues/:catalogue/versions',
    {
      config: { permission: 'catalogue:publish', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        description:
          'Publishes a new version from a file (multipart/form-data: effectiveFrom, label, source, sourceUrl?, ' +
          'notes?, attribution? — required for the End User List — then the part `file`): the official End User ' +
          'List .xlsx, a designated-technologies .yaml in the bundled format, or the one-file countries .yaml. ' +
          'Answers 202 with the job that validates and stores it; a bad file fails the job with ' +
          '`catalogue/invalid_file` and row-level details.',
        params: CatalogueParams,
        consumes: ['multipart/form-data'],
        response: { 202: PublishCatalogueVersionResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { fields, file } = await readPublishForm(req);
      const result = await services.catalogues.requestPublication(
        actorOf(req),
        catalogueOfSegment(req.params.catalogue),
        fields,
        file,
      );
      return reply.code(202).send(result);
    },
  );
};
