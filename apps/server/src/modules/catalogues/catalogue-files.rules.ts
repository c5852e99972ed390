import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type {
  catalogueVersions,
  countries,
  countryGroupMemberships,
  designatedTechnologies,
} from './catalogues.schema';

/**
 * One problem found in a catalogue file. `row` is the 1-based line of the file where the offending value (or, when
 * the value is missing, the record that lacks it) starts — the CSV record's first line, or the YAML node's line — and
 * null for problems that concern the whole file. `field` is the field name as written in the file (snake_case).
 */
export type CatalogueFileError = {
  /** Set only by functions that read several files: the name of the file the problem is in. */
  readonly file?: string;
  readonly row: number | null;
  readonly field: string | null;
  readonly code: CatalogueFileErrorCode;
  readonly message_ja: string;
  readonly message_en: string;
};

/** The stable codes of catalogue-file problems; clients branch on these, never on the message text. */
export type CatalogueFileErrorCode =
  | 'file_syntax'
  | 'wrong_catalogue'
  | 'required'
  | 'invalid_type'
  | 'invalid_format'
  | 'invalid_value'
  | 'unknown_field'
  | 'empty'
  | 'duplicate'
  | 'invalid_period'
  | 'overlapping_period'
  | 'unknown_country'
  | 'missing_column'
  | 'unknown_column'
  | 'column_count'
  | 'effective_date_mismatch';

/** The catalogue kinds that have a `catalogue_versions` row (the enum of `catalogue_versions.catalogue`). */
export type CatalogueKind = (typeof catalogueVersions.$inferSelect)['catalogue'];

/** The metadata of one catalogue version as read from a file, in the shape of a `catalogue_versions` row. */
export type CatalogueVersionMeta = Pick<
  typeof catalogueVersions.$inferSelect,
  'catalogue' | 'label' | 'effectiveFrom' | 'source' | 'sourceUrl' | 'attribution' | 'notes'
>;

/** A designated technology (重要管理対象技術) as read from a file, in the shape of a `designated_technologies` row. */
export type DesignatedTechnologyEntry = Omit<typeof designatedTechnologies.$inferSelect, 'id' | 'versionId'>;

/** A country or region as read from a file, in the shape of a `countries` row. */
export type CountryEntry = Omit<typeof countries.$inferSelect, 'id' | 'versionId'>;

/** A dated group membership as read from a file, in the shape of a `country_group_memberships` row. */
export type CountryGroupMembershipEntry = Omit<typeof countryGroupMemberships.$inferSelect, 'id' | 'versionId'>;

/** The descriptive header of a group-membership file (e.g. Group A). */
export type CountryGroupMeta = {
  readonly groupCode: string;
  readonly label: string;
  readonly source: string;
  readonly sourceUrl: string | null;
  readonly notes: string | null;
};

/** A failed parse: every problem found, and never a partial result. */
export type CatalogueParseFailure = { readonly ok: false; readonly errors: readonly CatalogueFileError[] };

/** The result of parsing a file that carries its own catalogue-version metadata. */
export type CatalogueFileResult<E> =
  | { readonly ok: true; readonly version: CatalogueVersionMeta; readonly entries: readonly E[] }
  | CatalogueParseFailure;

/** The result of parsing the country list alone (its version metadata lives in a separate file). */
export type CountriesFileResult =
  | { readonly ok: true; readonly entries: readonly CountryEntry[] }
  | CatalogueParseFailure;

/** The result of parsing one group-membership file. */
export type CountryGroupFileResult =
  | { readonly ok: true; readonly group: CountryGroupMeta; readonly entries: readonly CountryGroupMembershipEntry[] }
  | CatalogueParseFailure;

/** The result of parsing a catalogue-metadata file alone. */
export type CatalogueMetadataResult =
  | { readonly ok: true; readonly version: CatalogueVersionMeta }
  | CatalogueParseFailure;

/** The result of parsing all files of the countries catalogue: one version with its countries and memberships. */
export type CountriesCatalogueResult =
  | {
      readonly ok: true;
      readonly version: CatalogueVersionMeta;
      readonly entries: {
        readonly countries: readonly CountryEntry[];
        readonly memberships: readonly CountryGroupMembershipEntry[];
      };
    }
  | CatalogueParseFailure;

/** One record of a CSV file with the 1-based line on which it starts. */
export type CsvRecord = { readonly line: number; readonly fields: readonly string[] };

/** The result of splitting CSV text into records. */
export type CsvParseResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

// ---------------------------------------------------------------------------------------------------------------
// Messages

type MessageParams = { field: string | null; value?: string; hint?: string; detail?: string; other?: number | null };

const quoteJa = (field: string | null) => (field ? `「${field}」` : '');
const quoteEn = (field: string | null) => (field ? `"${field}"` : '');
const hintJa = (hint?: string) => (hint ? `（${hint}）` : '');
const hintEn = (hint?: string) => (hint ? ` (${hint})` : '');

const MESSAGES: Record<CatalogueFileErrorCode, (p: MessageParams) => { ja: string; en: string }> = {
  file_syntax: (p) => ({
    ja: `ファイルの書式に誤りがあります：${p.detail ?? ''}`,
    en: `The file is not well-formed: ${p.detail ?? ''}`,
  }),
  wrong_catalogue: (p) => ({
    ja: `このファイルは別のカタログ用です（「${p.value ?? ''}」、期待値：${p.hint ?? ''}）。`,
    en: `This file belongs to another catalogue ("${p.value ?? ''}", expected ${p.hint ?? ''}).`,
  }),
  required: (p) => ({ ja: `${quoteJa(p.field)}が入力されていません。`, en: `${quoteEn(p.field)} is missing.` }),
  invalid_type: (p) => ({
    ja: `${quoteJa(p.field)}の型が正しくありません${hintJa(p.hint)}。`,
    en: `${quoteEn(p.field)} has the wrong type${hintEn(p.hint)}.`,
  }),
  invalid_format: (p) => ({
    ja: `${quoteJa(p.field)}の形式が正しくありません${hintJa(p.hint)}。`,
    en: `${quoteEn(p.field)} is not in the expected format${hintEn(p.hint)}.`,
  }),
  invalid_value: (p) => ({
    ja: `${quoteJa(p.field)}の値が正しくありません${hintJa(p.hint)}。`,
    en: `${quoteEn(p.field)} has an invalid value${hintEn(p.hint)}.`,
  }),
  unknown_field: (p) => ({ ja: `不明な項目${quoteJa(p.field)}があります。`, en: `Unknown field ${quoteEn(p.field)}.` }),
  empty: (p) => ({ ja: `${quoteJa(p.field)}にデータがありません。`, en: `${quoteEn(p.field)} has no entries.` }),
  duplicate: (p) => ({
    ja: `${quoteJa(p.field)}の値「${p.value ?? ''}」が重複しています${p.other ? `（${p.other}行目と同じ）` : ''}。`,
    en: `Duplicate ${quoteEn(p.field)} "${p.value ?? ''}"${p.other ? ` (same as line ${p.other})` : ''}.`,
  }),
  invalid_period: (p) => ({
    ja: `終了日${quoteJa(p.field)}が開始日より前です。`,
    en: `The end date ${quoteEn(p.field)} is before the start date.`,
  }),
  overlapping_period: (p) => ({
    ja: `「${p.value ?? ''}」の期間が${p.other ? `${p.other}行目の` : '他の'}期間と重なっています。`,
    en: `The period of "${p.value ?? ''}" overlaps ${p.other ? `the one on line ${p.other}` : 'another period'}.`,
  }),
  unknown_country: (p) => ({
    ja: `国・地域コード「${p.value ?? ''}」は国・地域一覧にありません。`,
    en: `Country code "${p.value ?? ''}" is not in the country list.`,
  }),
  missing_column: (p) => ({ ja: `列${quoteJa(p.field)}がありません。`, en: `Column ${quoteEn(p.field)} is missing.` }),
  unknown_column: (p) => ({ ja: `不明な列${quoteJa(p.field)}があります。`, en: `Unknown column ${quoteEn(p.field)}.` }),
  column_count: (p) => ({
    ja: `列の数が見出し行と一致しません${hintJa(p.hint)}。`,
    en: `The number of columns does not match the header${hintEn(p.hint)}.`,
  }),
  effective_date_mismatch: (p) => ({
    ja: `ファイルの${quoteJa(p.field)}（${p.value ?? ''}）が公開フォームの発効日（${p.hint ?? ''}）と一致しません。`,
    en: `The file's ${quoteEn(p.field)} (${p.value ?? ''}) differs from the effective date of the form (${p.hint ?? ''}).`,
  }),
};

const fileError = (row: number | null, code: CatalogueFileErrorCode, params: MessageParams): CatalogueFileError => {
  const message = MESSAGES[code](params);
  return { row, field: params.field, code, message_ja: message.ja, message_en: message.en };
};

// ---------------------------------------------------------------------------------------------------------------
// Shared field schemas

const text = z.string().trim().min(1);
const optionalText = text.nullable().optional();
const isoDate = z.iso.date();
const statusTag = z.enum(['C', 'I', 'U']);

/** Format hints shown with `invalid_format`, by field name. */
const FORMAT_HINTS: Record<string, string> = {
  code: 'A-Z, 0-9, _',
  alpha2: 'A-Z × 2',
  alpha3: 'A-Z × 3',
  numeric: '0-9 × 3',
  group_code: 'A-Z, 0-9, _',
};

type PathKey = string | number;
type Locate = (path: readonly PathKey[]) => number | null;

const lastKey = (path: readonly PathKey[]): string | null => {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return key;
  }
  return null;
};

const valueAt = (root: unknown, path: readonly PathKey[]): unknown => {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
};

const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
};

/** Turns zod issues into catalogue-file errors, locating each one in the source file. */
const issuesToErrors = (
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  basePath: readonly PathKey[],
  locate: Locate,
): CatalogueFileError[] => {
  const errors: CatalogueFileError[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...(issue.path as PathKey[])];
    const field = lastKey(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push(fileError(locate([...path, key]), 'unknown_field', { field: key }));
      continue;
    }
    const row = locate(path);
    const value = valueAt(input, issue.path as PathKey[]);
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      errors.push(fileError(row, 'required', { field }));
      continue;
    }
    switch (issue.code) {
      case 'invalid_type':
        errors.push(
          fileError(row, 'invalid_type', { field, hint: `expected ${issue.expected}, got ${describeValue(value)}` }),
        );
        break;
      case 'invalid_format':
        errors.push(
          fileError(row, 'invalid_format', {
            field,
            hint: issue.format === 'date' ? 'YYYY-MM-DD' : (FORMAT_HINTS[field ?? ''] ?? issue.format),
          }),
        );
        break;
      case 'invalid_value':
        errors.push(fileError(row, 'invalid_value', { field, hint: issue.values.map(String).join(' / ') }));
        break;
      case 'too_small':
        errors.push(
          Array.isArray(value)
            ? fileError(row, 'empty', { field })
            : fileError(row, 'invalid_value', { field, hint: `≥ ${String(issue.minimum)}` }),
        );
        break;
      default:
        errors.push(fileError(row, 'invalid_value', { field, hint: issue.message }));
    }
  }
  return errors;
};

// ---------------------------------------------------------------------------------------------------------------
// YAML reading

type YamlRead = { ok: true; data: unknown; locate: Locate } | { ok: false; errors: CatalogueFileError[] };

const readYaml = (source: string): YamlRead => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', uniqueKeys: true, prettyErrors: true, lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) =>
        fileError(error.linePos?.[0].line ?? null, 'file_syntax', {
          field: null,
          detail: error.message.split('\n')[0],
        }),
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [fileError(null, 'file_syntax', { field: null, detail })] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      errors: [fileError(null, 'file_syntax', { field: null, detail: 'the top level must be a mapping' })],
    };
  }
  const locate: Locate = (path) => {
    for (let length = path.length; length > 0; length--) {
      const node = doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  return { ok: true, data, locate };
};

/** Validates each list item on its own so that one bad item does not hide the problems of the others. */
const validateItems = <T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  list: string | readonly PathKey[],
  locate: Locate,
  errors: CatalogueFileError[],
): { value: T; row: number | null; index: number }[] => {
  const base = typeof list === 'string' ? [list] : list;
  const valid: { value: T; row: number | null; index: number }[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push({ value: parsed.data, row: locate([...base, index]), index });
    else errors.push(...issuesToErrors(parsed.error.issues, item, [...base, index], locate));
  });
  return valid;
};

/** Reports every repeated value of one key among validated rows. */
const checkUnique = <R extends { row: number | null }>(
  rows: readonly R[],
  key: (row: R) => string | number,
  field: string,
  errors: CatalogueFileError[],
  rowOf: (row: R) => number | null = (row) => row.row,
) => {
  const seen = new Map<string | number, number | null>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) errors.push(fileError(rowOf(row), 'duplicate', { field, value: String(k), other: seen.get(k) }));
    else seen.set(k, rowOf(row));
  }
};

const versionFields = {
  label: text,
  effective_from: isoDate,
  source: text,
  source_url: z.url().nullable().optional(),
  attribution: optionalText,
  notes: optionalText,
};

type VersionInput = {
  label: string;
  effective_from: string;
  source: string;
  source_url?: string | null | undefined;
  attribution?: string | null | undefined;
  notes?: string | null | undefined;
};

const toVersion = (catalogue: CatalogueKind, input: VersionInput): CatalogueVersionMeta => ({
  catalogue,
  label: input.label,
  effectiveFrom: input.effective_from,
  source: input.source,
  sourceUrl: input.source_url ?? null,
  attribution: input.attribution ?? null,
  notes: input.notes ?? null,
});

/** Checks the `catalogue` key first so that a file meant for another catalogue gets one clear error. */
const checkCatalogueKind = (data: unknown, expected: CatalogueKind, locate: Locate): CatalogueFileError | null => {
  const value = (data as Record<string, unknown>).catalogue;
  if (value === undefined) return fileError(null, 'required', { field: 'catalogue' });
  if (value !== expected)
    return fileError(locate(['catalogue']), 'wrong_catalogue', {
      field: 'catalogue',
      value: String(value),
      hint: expected,
    });
  return null;
};

// ---------------------------------------------------------------------------------------------------------------
// Designated technologies

const technologyItem = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  number: z.int().min(1),
  name_ja: text,
  name_en: text,
  group_ja: optionalText,
  group_en: optionalText,
  in_force_from: isoDate,
  in_force_to: isoDate.nullable().optional(),
  legal_reference: text,
  source: text,
  status: statusTag,
  status_note: optionalText,
});

const technologiesFile = z.strictObject({
  catalogue: z.literal('designated_technologies'),
  ...versionFields,
  technologies: z.array(z.unknown()).min(1),
});

/** Options of the parsers of uploaded files. */
export type CatalogueUploadOptions = {
  /** The effective date the publisher gave; a file that states another `effective_from` is rejected. */
  readonly expectedEffectiveFrom?: string;
};

/** Reports an `effective_from` of the file that differs from the one the publisher gave. */
const checkEffectiveDate = (
  value: unknown,
  options: CatalogueUploadOptions,
  locate: Locate,
  errors: CatalogueFileError[],
) => {
  const expected = options.expectedEffectiveFrom;
  if (expected === undefined || value === undefined || value === null || value === expected) return;
  errors.push(
    fileError(locate(['effective_from']), 'effective_date_mismatch', {
      field: 'effective_from',
      value: String(value),
      hint: expected,
    }),
  );
};

/**
 * Parses a designated-technologies YAML file (catalogues/designated-technologies/*.yaml) into its version metadata
 * and technology entries, or every problem found; with `expectedEffectiveFrom`, the file's date must equal it.
 */
export const parseDesignatedTechnologiesFile = (
  source: string,
  options: CatalogueUploadOptions = {},
): CatalogueFileResult<DesignatedTechnologyEntry> => {
  const read = readYaml(source);
  if (!read.ok) return read;
  const { data, locate } = read;
  const kindError = checkCatalogueKind(data, 'designated_technologies', locate);
  if (kindError) return { ok: false, errors: [kindError] };

  const errors: CatalogueFileError[] = [];
  const file = technologiesFile.safeParse(data);
  if (!file.success) errors.push(...issuesToErrors(file.error.issues, data, [], locate));
  const rawItems = (data as { technologies?: unknown }).technologies;
  const items = Array.isArray(rawItems) ? validateItems(rawItems, technologyItem, 'technologies', locate, errors) : [];

  const fieldRow = (field: string) => (item: { index: number }) => locate(['technologies', item.index, field]);
  checkUnique(items, (t) => t.value.code, 'code', errors, fieldRow('code'));
  checkUnique(items, (t) => t.value.number, 'number', errors, fieldRow('number'));
  checkEffectiveDate((data as { effective_from?: unknown }).effective_from, options, locate, errors);
  for (const item of items) {
    const { in_force_from: from, in_force_to: to } = item.value;
    if (to != null && to < from)
      errors.push(
        fileError(locate(['technologies', item.index, 'in_force_to']), 'invalid_period', { field: 'in_force_to' }),
      );
  }
  if (errors.length > 0 || !file.success) return { ok: false, errors };

  return {
    ok: true,
    version: toVersion('designated_technologies', file.data),
    entries: items.map(({ value: t }) => ({
      code: t.code,
      number: t.number,
      nameJa: t.name_ja,
      nameEn: t.name_en,
      groupJa: t.group_ja ?? null,
      groupEn: t.group_en ?? null,
      inForceFrom: t.in_force_from,
      inForceTo: t.in_force_to ?? null,
      legalReference: t.legal_reference,
      source: t.source,
      status: t.status,
      statusNote: t.status_note ?? null,
    })),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Catalogue metadata

const metadataFile = z.strictObject({ catalogue: z.string(), ...versionFields });

/** Parses a catalogue-metadata YAML file (e.g. catalogues/countries/catalogue.yaml) for the expected catalogue. */
export const parseCatalogueMetadataFile = (source: string, expected: CatalogueKind): CatalogueMetadataResult => {
  const read = readYaml(source);
  if (!read.ok) return read;
  const { data, locate } = read;
  const kindError = checkCatalogueKind(data, expected, locate);
  if (kindError) return { ok: false, errors: [kindError] };
  const parsed = metadataFile.safeParse(data);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, data, [], locate) };
  return { ok: true, version: toVersion(expected, parsed.data) };
};

// ---------------------------------------------------------------------------------------------------------------
// CSV

/**
 * Splits RFC 4180 CSV text into records: comma-separated fields, CRLF or LF line ends, double-quoted fields that may
 * hold commas, line breaks and doubled quotes. A leading BOM is ignored and empty lines are skipped.
 */
export const parseCsv = (source: string): CsvParseResult => {
  const input = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (only a separator or line end may follow)
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    const isEmptyLine = fields.length === 1 && fields[0] === '';
    if (!isEmptyLine) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i += 1;
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (wasQuoted) return { ok: false, line, message: 'text after a closing quote' };
    if (char === '"') {
      if (field !== '') return { ok: false, line, message: 'a quote inside an unquoted field' };
      quoted = true;
      i += 1;
      continue;
    }
    field += char;
    i += 1;
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is not closed' };
  if (field !== '' || wasQuoted || fields.length > 0) endRecord();
  return { ok: true, records };
};

const COUNTRY_COLUMNS = ['alpha2', 'alpha3', 'numeric', 'name_ja', 'name_en'] as const;

const countryRow = z.strictObject({
  alpha2: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/),
  alpha3: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/),
  numeric: z
    .string()
    .trim()
    .regex(/^\d{3}$/),
  name_ja: text,
  name_en: text,
});

/**
 * Parses the country list CSV (catalogues/countries/iso-3166-1.csv; header alpha2, alpha3, numeric, name_ja,
 * name_en in any order) into country entries, or every problem found.
 */
export const parseCountriesCsv = (source: string): CountriesFileResult => {
  const csv = parseCsv(source);
  if (!csv.ok) return { ok: false, errors: [fileError(csv.line, 'file_syntax', { field: null, detail: csv.message })] };
  const [header, ...records] = csv.records;
  if (!header) return { ok: false, errors: [fileError(null, 'empty', { field: 'countries' })] };

  const errors: CatalogueFileError[] = [];
  const columns = header.fields.map((name) => name.trim());
  for (const name of columns) {
    if (!(COUNTRY_COLUMNS as readonly string[]).includes(name))
      errors.push(fileError(header.line, 'unknown_column', { field: name }));
  }
  checkUnique(
    columns.map((name) => ({ value: name, row: header.line })),
    (column) => column.value,
    'column',
    errors,
  );
  for (const name of COUNTRY_COLUMNS) {
    if (!columns.includes(name)) errors.push(fileError(header.line, 'missing_column', { field: name }));
  }
  if (errors.length > 0) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: [fileError(null, 'empty', { field: 'countries' })] };

  const valid: { value: z.output<typeof countryRow>; row: number }[] = [];
  for (const record of records) {
    if (record.fields.length !== columns.length) {
      errors.push(
        fileError(record.line, 'column_count', {
          field: null,
          hint: `${record.fields.length} / ${columns.length}`,
        }),
      );
      continue;
    }
    const row = Object.fromEntries(columns.map((name, index) => [name, record.fields[index]]));
    const parsed = countryRow.safeParse(row);
    if (parsed.success) valid.push({ value: parsed.data, row: record.line });
    else errors.push(...issuesToErrors(parsed.error.issues, row, [], () => record.line));
  }
  checkUnique(valid, (c) => c.value.alpha2, 'alpha2', errors);
  checkUnique(valid, (c) => c.value.alpha3, 'alpha3', errors);
  checkUnique(valid, (c) => c.value.numeric, 'numeric', errors);
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    entries: valid.map(({ value: c }) => ({
      alpha2: c.alpha2,
      alpha3: c.alpha3,
      numeric: c.numeric,
      nameJa: c.name_ja,
      nameEn: c.name_en,
    })),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Group memberships

const membershipItem = z.strictObject({
  alpha2: z.string().regex(/^[A-Z]{2}$/),
  effective_from: isoDate,
  effective_to: isoDate.nullable().optional(),
  source: text,
  status: statusTag,
  status_note: optionalText,
});

const groupFile = z.strictObject({
  group_code: z.string().regex(/^[A-Z0-9_]+$/),
  label: text,
  source: text,
  source_url: z.url().nullable().optional(),
  notes: optionalText,
  memberships: z.array(z.unknown()).min(1),
});

/**
 * Validates one group (its header and dated memberships) found at `base` in a YAML document: periods ordered and not
 * overlapping for a country and, when `knownAlpha2` is given, every code in the country list.
 */
const readGroup = (
  data: unknown,
  base: readonly PathKey[],
  locate: Locate,
  options: { knownAlpha2?: ReadonlySet<string> },
): CountryGroupFileResult => {
  const errors: CatalogueFileError[] = [];
  const file = groupFile.safeParse(data);
  if (!file.success) errors.push(...issuesToErrors(file.error.issues, data, base, locate));
  const rawItems = (data as { memberships?: unknown } | null)?.memberships;
  const list = [...base, 'memberships'];
  const items = Array.isArray(rawItems) ? validateItems(rawItems, membershipItem, list, locate, errors) : [];

  const byCountry = new Map<string, typeof items>();
  for (const item of items) {
    const { alpha2, effective_from: from, effective_to: to } = item.value;
    if (options.knownAlpha2 && !options.knownAlpha2.has(alpha2))
      errors.push(
        fileError(locate([...list, item.index, 'alpha2']), 'unknown_country', { field: 'alpha2', value: alpha2 }),
      );
    if (to != null && to < from) {
      errors.push(
        fileError(locate([...list, item.index, 'effective_to']), 'invalid_period', { field: 'effective_to' }),
      );
      continue;
    }
    byCountry.set(alpha2, [...(byCountry.get(alpha2) ?? []), item]);
  }
  for (const [alpha2, periods] of byCountry) {
    const sorted = [...periods].sort((a, b) => (a.value.effective_from < b.value.effective_from ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      const previousTo = previous.value.effective_to ?? null;
      if (previousTo === null || current.value.effective_from <= previousTo)
        errors.push(
          fileError(current.row, 'overlapping_period', { field: 'effective_from', value: alpha2, other: previous.row }),
        );
    }
  }
  if (errors.length > 0 || !file.success) return { ok: false, errors };

  const groupCode = file.data.group_code;
  return {
    ok: true,
    group: {
      groupCode,
      label: file.data.label,
      source: file.data.source,
      sourceUrl: file.data.source_url ?? null,
      notes: file.data.notes ?? null,
    },
    entries: items.map(({ value: m }) => ({
      alpha2: m.alpha2,
      groupCode,
      effectiveFrom: m.effective_from,
      effectiveTo: m.effective_to ?? null,
      source: m.source,
      status: m.status,
      statusNote: m.status_note ?? null,
    })),
  };
};

/**
 * Parses a group-membership YAML file (e.g. catalogues/countries/group-a.yaml) into dated memberships, checking that
 * periods are ordered and do not overlap for a country and, when `knownAlpha2` is given, that every code exists.
 */
export const parseCountryGroupFile = (
  source: string,
  options: { knownAlpha2?: ReadonlySet<string> } = {},
): CountryGroupFileResult => {
  const read = readYaml(source);
  if (!read.ok) return read;
  return readGroup(read.data, [], read.locate, options);
};

// ---------------------------------------------------------------------------------------------------------------
// The countries catalogue as a whole

const inFile = (file: string, errors: readonly CatalogueFileError[]) => errors.map((error) => ({ ...error, file }));

/**
 * Parses every file of one countries-catalogue version — its metadata YAML, the country CSV and any number of group
 * files, each given with its file name for error reports — into one version with its countries and memberships.
 */
export const parseCountriesCatalogue = (files: {
  metadata: { name: string; content: string };
  countries: { name: string; content: string };
  groups: readonly { name: string; content: string }[];
}): CountriesCatalogueResult => {
  const errors: CatalogueFileError[] = [];
  const metadata = parseCatalogueMetadataFile(files.metadata.content, 'countries');
  if (!metadata.ok) errors.push(...inFile(files.metadata.name, metadata.errors));
  const countryList = parseCountriesCsv(files.countries.content);
  if (!countryList.ok) errors.push(...inFile(files.countries.name, countryList.errors));
  const knownAlpha2 = countryList.ok ? new Set(countryList.entries.map((c) => c.alpha2)) : undefined;

  const memberships: CountryGroupMembershipEntry[] = [];
  const groupFiles = new Map<string, string>();
  for (const group of files.groups) {
    const parsed = parseCountryGroupFile(group.content, knownAlpha2 ? { knownAlpha2 } : {});
    if (!parsed.ok) {
      errors.push(...inFile(group.name, parsed.errors));
      continue;
    }
    const earlier = groupFiles.get(parsed.group.groupCode);
    if (earlier !== undefined) {
      errors.push(
        ...inFile(group.name, [
          fileError(null, 'duplicate', { field: 'group_code', value: `${parsed.group.groupCode} (${earlier})` }),
        ]),
      );
      continue;
    }
    groupFiles.set(parsed.group.groupCode, group.name);
    memberships.push(...parsed.entries);
  }
  if (errors.length > 0 || !metadata.ok || !countryList.ok) return { ok: false, errors };
  return { ok: true, version: metadata.version, entries: { countries: countryList.entries, memberships } };
};

// ---------------------------------------------------------------------------------------------------------------
// The countries catalogue as one uploaded file

const countriesUploadFile = z.strictObject({
  catalogue: z.literal('countries'),
  label: optionalText,
  effective_from: isoDate.nullable().optional(),
  source: optionalText,
  source_url: z.url().nullable().optional(),
  attribution: optionalText,
  notes: optionalText,
  countries: z.array(z.unknown()).min(1),
  groups: z.array(z.unknown()).optional(),
});

/** The result of parsing an uploaded countries file: the countries and every group membership, or every problem. */
export type CountriesUploadResult =
  | {
      readonly ok: true;
      readonly entries: {
        readonly countries: readonly CountryEntry[];
        readonly memberships: readonly CountryGroupMembershipEntry[];
      };
    }
  | CatalogueParseFailure;

/**
 * Parses the one-file form of a countries-catalogue version that a catalogue administrator uploads (YAML):
 * `catalogue: countries`, optional version fields as in the other catalogue files (`effective_from`, when given,
 * must equal the publisher's date), `countries:` — a list of `alpha2, alpha3, numeric` (quoted, e.g. "020"),
 * `name_ja, name_en` — and `groups:` — a list of groups in the format of group-a.yaml (`group_code, label, source,
 * source_url, notes, memberships`). The same checks as the bundled CSV and group files apply.
 */
export const parseCountriesUploadFile = (
  source: string,
  options: CatalogueUploadOptions = {},
): CountriesUploadResult => {
  const read = readYaml(source);
  if (!read.ok) return read;
  const { data, locate } = read;
  const kindError = checkCatalogueKind(data, 'countries', locate);
  if (kindError) return { ok: false, errors: [kindError] };

  const errors: CatalogueFileError[] = [];
  const file = countriesUploadFile.safeParse(data);
  if (!file.success) errors.push(...issuesToErrors(file.error.issues, data, [], locate));
  checkEffectiveDate((data as { effective_from?: unknown }).effective_from, options, locate, errors);

  const rawCountries = (data as { countries?: unknown }).countries;
  const countryItems = Array.isArray(rawCountries)
    ? validateItems(rawCountries, countryRow, 'countries', locate, errors)
    : [];
  const fieldRow = (field: string) => (item: { index: number }) => locate(['countries', item.index, field]);
  checkUnique(countryItems, (c) => c.value.alpha2, 'alpha2', errors, fieldRow('alpha2'));
  checkUnique(countryItems, (c) => c.value.alpha3, 'alpha3', errors, fieldRow('alpha3'));
  checkUnique(countryItems, (c) => c.value.numeric, 'numeric', errors, fieldRow('numeric'));
  const knownAlpha2 = new Set(countryItems.map((c) => c.value.alpha2));

  const rawGroups = (data as { groups?: unknown }).groups;
  const memberships: CountryGroupMembershipEntry[] = [];
  const groupRows = new Map<string, number | null>();
  if (Array.isArray(rawGroups)) {
    rawGroups.forEach((group, index) => {
      const parsed = readGroup(group, ['groups', index], locate, { knownAlpha2 });
      if (!parsed.ok) {
        errors.push(...parsed.errors);
        return;
      }
      const row = locate(['groups', index, 'group_code']);
      const code = parsed.group.groupCode;
      if (groupRows.has(code)) {
        errors.push(fileError(row, 'duplicate', { field: 'group_code', value: code, other: groupRows.get(code) }));
        return;
      }
      groupRows.set(code, row);
      memberships.push(...parsed.entries);
    });
  }
  if (errors.length > 0 || !file.success) return { ok: false, errors };
  return {
    ok: true,
    entries: {
      countries: countryItems.map(({ value: c }) => ({
        alpha2: c.alpha2,
        alpha3: c.alpha3,
        numeric: c.numeric,
        nameJa: c.name_ja,
        nameEn: c.name_en,
      })),
      memberships,
    },
  };
};
