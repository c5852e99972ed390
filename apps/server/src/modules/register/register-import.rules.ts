import {
  type Bilingual,
  type ClassificationLevel,
  EXPORT_CONTROL_STATUS_LABELS,
  type ExportControlStatus,
  type ImportIssueCode,
  LOCATION_KIND_LABELS,
  REGISTER_IMPORT_COLUMNS,
  TechnologyInput,
  type TechnologyInputParsed,
} from '@kakine/contracts';
import {
  cellToText,
  createRowReader,
  type HeaderMap,
  type ImportIssueCollector,
  type RowReader,
} from '../../platform/tabular/import-report';
import type { CellValue, TableRow } from '../../platform/tabular/table-reader';

/** The key of one column of the register spreadsheet (REGISTER_IMPORT_COLUMNS). */
export type RegisterImportKey = (typeof REGISTER_IMPORT_COLUMNS)[number]['key'];

/** The most locations, products and designated technologies one technology may have (the contract's limits). */
const MAX_LOCATIONS = 50;
const MAX_PRODUCTS = 50;
const MAX_DESIGNATED = 15;

/**
 * Normalises a name for look-ups: NFKC (full-width letters, digits and brackets), no spaces, lower case. 「極秘」,
 * 「ＭＬＣＣ」 and "top secret" thus match their catalogue or settings entries however they were typed.
 */
export const lookupKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The catalogue's name without a trailing bracketed abbreviation: 「積層セラミックコンデンサ（MLCC）」 → 「積層セラミックコンデンサ」. */
const withoutTrailingBrackets = (key: string): string => key.replace(/\([^()]*\)$/, '');

/**
 * Everything a register row is checked against, loaded once per import by the service and passed in so that the
 * rules stay pure: keys are `lookupKey`s (e-mail addresses lowercased), values the codes or ids to store.
 */
export type RegisterImportLookups = {
  /** Classification levels by code, Japanese name and English name → level code. */
  classifications: ReadonlyMap<string, string>;
  /** The tenant's levels, for the hint of an unknown one. */
  classificationHint: Bilingual;
  /** Designated technologies by code, number (1–15), Japanese and English name → catalogue code. */
  designated: ReadonlyMap<string, string>;
  /** Active users of the tenant by lowercased e-mail → user id. */
  ownersByEmail: ReadonlyMap<string, string>;
  /** Countries by alpha-2, alpha-3, Japanese and English name → alpha-2. */
  countries: ReadonlyMap<string, string>;
};

/** One designated technology of the catalogue, as the look-up needs it. */
export type DesignatedLookupEntry = { code: string; number: number; nameJa: string; nameEn: string };
/** One country of the catalogue, as the look-up needs it. */
export type CountryLookupEntry = { alpha2: string; alpha3?: string | null; nameJa: string; nameEn: string };

/**
 * Builds the look-ups of an import. Designated technologies in force are found by code, number and names; codes of
 * other catalogue versions (a technology no longer in force that an older export still names) by code only. Entries
 * in force win when a name or number is ambiguous.
 */
export const buildRegisterImportLookups = (data: {
  levels: readonly ClassificationLevel[];
  designatedInForce: readonly DesignatedLookupEntry[];
  designatedCodesOfAnyVersion: Iterable<string>;
  owners: readonly { id: string; email: string }[];
  countries: readonly CountryLookupEntry[];
}): RegisterImportLookups => {
  const classifications = new Map<string, string>();
  for (const level of data.levels) {
    for (const name of [level.nameEn, level.nameJa, level.code]) classifications.set(lookupKey(name), level.code);
  }
  const designated = new Map<string, string>();
  for (const code of data.designatedCodesOfAnyVersion) designated.set(lookupKey(code), code);
  for (const entry of data.designatedInForce) {
    const ja = lookupKey(entry.nameJa);
    const en = lookupKey(entry.nameEn);
    for (const name of [withoutTrailingBrackets(en), en, withoutTrailingBrackets(ja), ja, String(entry.number)]) {
      if (name !== '') designated.set(name, entry.code);
    }
    designated.set(lookupKey(entry.code), entry.code);
  }
  const countries = new Map<string, string>();
  for (const country of data.countries) {
    for (const name of [country.nameEn, country.nameJa, country.alpha3 ?? '', country.alpha2]) {
      if (name !== '') countries.set(lookupKey(name), country.alpha2);
    }
  }
  return {
    classifications,
    classificationHint: {
      ja: data.levels.map((l) => l.nameJa).join('、'),
      en: data.levels.map((l) => l.nameEn).join(', '),
    },
    designated,
    ownersByEmail: new Map(data.owners.map((o) => [o.email.trim().toLowerCase(), o.id])),
    countries,
  };
};

/**
 * A stored technology in the shape of an import row's result, so that a row can be compared with it and so that a
 * column the file leaves out keeps its stored value.
 */
export const technologyInputOf = (row: {
  code: string;
  nameJa: string;
  nameEn: string | null;
  description: string;
  products: readonly string[];
  ownerUserId: string | null;
  department: string | null;
  classificationCode: string;
  isCore: boolean;
  coreReason: string | null;
  designatedCodes: readonly string[];
  exportControlStatus: ExportControlStatus;
  exportControlRef: string | null;
  exportControlAssessor: string | null;
  exportControlAssessedOn: string | null;
  exportControlEvidence: readonly string[];
  locations: readonly { kind: 'site' | 'system'; name: string; countryCode: string | null; detail: string | null }[];
  reviewIntervalMonths: number;
  lastReviewedOn: string | null;
}): TechnologyInputParsed => ({
  code: row.code,
  nameJa: row.nameJa,
  nameEn: row.nameEn,
  description: row.description,
  products: [...row.products],
  ownerUserId: row.ownerUserId,
  department: row.department,
  classificationCode: row.classificationCode,
  isCore: row.isCore,
  coreReason: row.coreReason,
  designatedCodes: [...row.designatedCodes],
  exportControl: {
    status: row.exportControlStatus,
    listItemRef: row.exportControlRef,
    assessorName: row.exportControlAssessor,
    assessedOn: row.exportControlAssessedOn,
    evidenceFileIds: [...row.exportControlEvidence],
  },
  locations: row.locations.map((l) => ({ kind: l.kind, name: l.name, countryCode: l.countryCode, detail: l.detail })),
  reviewIntervalMonths: row.reviewIntervalMonths,
  lastReviewedOn: row.lastReviewedOn,
});

/** A JSON text with object keys sorted, so that equal values compare equal whatever their key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : (v ?? null),
  );

/** The values that decide whether a write changes anything, as the register stores them. */
const stored = (t: TechnologyInputParsed, defaultReviewIntervalMonths: number) =>
  canonical({
    ...t,
    // A system has no country: the register stores null whatever was given.
    locations: t.locations.map((l) => ({ ...l, countryCode: l.kind === 'site' ? l.countryCode : null })),
    reviewIntervalMonths: t.reviewIntervalMonths ?? defaultReviewIntervalMonths,
  });

/**
 * Whether importing `next` over `existing` would change the stored technology (a blank review cadence means the
 * tenant's default). Drives the preview counts of a dry run; the commit counts what writeTechnology did.
 */
export const technologyChanged = (
  existing: TechnologyInputParsed,
  next: TechnologyInputParsed,
  defaultReviewIntervalMonths: number,
): boolean => stored(existing, defaultReviewIntervalMonths) !== stored(next, defaultReviewIntervalMonths);

// ---------------------------------------------------------------------------------------------------------------
// Cells specific to the register
// ---------------------------------------------------------------------------------------------------------------

const SITE_WORDS = new Set(['拠点', 'site', 'サイト', '工場', lookupKey(LOCATION_KIND_LABELS.site.en)]);
const SYSTEM_WORDS = new Set([
  'システム',
  'system',
  '保管場所',
  'リポジトリ',
  'repository',
  lookupKey(LOCATION_KIND_LABELS.system.ja),
  lookupKey(LOCATION_KIND_LABELS.system.en),
]);

const LOCATION_HINT: Bilingual = {
  ja: '1行に1件、「拠点|名称|国コード|詳細」または「システム|名称||パス」',
  en: 'one per line, "site|name|country code|detail" or "system|name||path"',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ParsedLocation = { kind: 'site' | 'system'; name: string; countryCode: string | null; detail: string | null };

/**
 * Reads the locations cell: one location per line, `kind|name|country|detail`. The country of a site is its
 * alpha-2 code or its name in the countries catalogue; a system's country part is ignored (systems have none).
 */
const parseLocations = (
  value: CellValue,
  countries: ReadonlyMap<string, string>,
): { ok: true; value: ParsedLocation[] } | { ok: false; code: ImportIssueCode; hint: Bilingual } => {
  const text = cellToText(value);
  if (text === null) return { ok: true, value: [] };
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > MAX_LOCATIONS) {
    return { ok: false, code: 'too_long', hint: { ja: `${MAX_LOCATIONS}件以内`, en: `at most ${MAX_LOCATIONS}` } };
  }
  const locations: ParsedLocation[] = [];
  for (const line of lines) {
    const parts = line.replaceAll('｜', '|').split('|');
    const kindWord = lookupKey(parts[0] ?? '');
    const kind = SITE_WORDS.has(kindWord) ? 'site' : SYSTEM_WORDS.has(kindWord) ? 'system' : null;
    const name = parts[1]?.trim() ?? '';
    const detail = parts.slice(3).join('|').trim();
    if (kind === null || parts.length < 2 || name === '') {
      return {
        ok: false,
        code: 'invalid_value',
        hint: { ja: `「${line}」：${LOCATION_HINT.ja}`, en: `"${line}": ${LOCATION_HINT.en}` },
      };
    }
    if ([...name].length > 200 || [...detail].length > 500) {
      return {
        ok: false,
        code: 'too_long',
        hint: { ja: '名称は200文字、詳細は500文字以内', en: 'name up to 200, detail up to 500 characters' },
      };
    }
    let countryCode: string | null = null;
    if (kind === 'site') {
      const country = parts[2]?.trim() ?? '';
      if (country === '') {
        return {
          ok: false,
          code: 'required',
          hint: { ja: `「${line}」：拠点には国コードが必要です`, en: `"${line}": a site needs its country` },
        };
      }
      countryCode = countries.get(lookupKey(country)) ?? null;
      if (countryCode === null) {
        return {
          ok: false,
          code: 'unknown_reference',
          hint: {
            ja: `国「${country}」はカタログにありません。国コード（例：JP、CN）か国名で指定してください`,
            en: `country "${country}" is not in the catalogue; use its code (e.g. JP, CN) or name`,
          },
        };
      }
    }
    locations.push({ kind, name, countryCode, detail: detail === '' ? null : detail });
  }
  return { ok: true, value: locations };
};

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

/** Which spreadsheet column a field of TechnologyInput comes from (for the contract's own checks). */
const COLUMN_OF_FIELD: Record<string, RegisterImportKey> = {
  code: 'code',
  nameJa: 'nameJa',
  nameEn: 'nameEn',
  description: 'description',
  products: 'products',
  ownerUserId: 'ownerEmail',
  department: 'department',
  classificationCode: 'classification',
  isCore: 'isCore',
  coreReason: 'coreReason',
  designatedCodes: 'designatedCodes',
  locations: 'locations',
  reviewIntervalMonths: 'reviewIntervalMonths',
  lastReviewedOn: 'lastReviewedOn',
  'exportControl.status': 'exportControlStatus',
  'exportControl.listItemRef': 'exportControlRef',
  'exportControl.assessorName': 'exportControlAssessor',
  'exportControl.assessedOn': 'exportControlDate',
};

const columnOfPath = (path: readonly PropertyKey[]): RegisterImportKey | null => {
  const [first, second] = path.map(String);
  if (first === undefined) return null;
  return COLUMN_OF_FIELD[first === 'exportControl' ? `exportControl.${second}` : first] ?? null;
};

/** Hints for the contract's cross-field rules, which a spreadsheet user knows by column rather than by field. */
const REQUIRED_HINTS: Partial<Record<RegisterImportKey, Bilingual>> = {
  coreReason: { ja: 'コア技術の場合は必須', en: 'required for core technology' },
  exportControlDate: { ja: '該当・非該当と判定した場合は必須', en: 'required once classified' },
  locations: { ja: '拠点には国コードが必要です', en: 'a site needs its country' },
};

/**
 * Reads one data row into a TechnologyInput, recording every problem in `issues` (row, column as written, code,
 * bilingual hint). `existing` is the stored technology with the same code: a column the file does not have keeps
 * its stored value, and export-control evidence files (never in the file) are kept. Returns null when the row has
 * any issue.
 */
export const parseTechnologyRow = (
  reader: RowReader<RegisterImportKey>,
  lookups: RegisterImportLookups,
  existing: TechnologyInputParsed | null,
): TechnologyInputParsed | null => {
  let failed = false;
  const fail = (key: RegisterImportKey | null, code: ImportIssueCode, hint?: Bilingual) => {
    failed = true;
    reader.issue(key, code, hint ? { hint } : {});
  };
  /** A column's value from the file, or the stored value (or the default) when the file lacks the column. */
  const column = <T>(key: RegisterImportKey, read: () => T | undefined, kept: T | undefined, fallback: T): T => {
    if (!reader.has(key)) return existing && kept !== undefined ? kept : fallback;
    const value = read();
    if (value === undefined) failed = true;
    return value ?? fallback;
  };

  const code = column('code', () => reader.text('code', { max: 40 }), existing?.code, null) ?? '';
  const nameJa = column('nameJa', () => reader.text('nameJa', { max: 200 }), existing?.nameJa, null) ?? '';
  const nameEn = column('nameEn', () => reader.text('nameEn', { max: 200 }), existing?.nameEn, null);
  const description =
    column(
      'description',
      () => reader.text('description', { max: 10_000, multiline: true }),
      existing?.description,
      null,
    ) ?? '';
  const products = column('products', () => reader.list('products', { maxItemLength: 200 }), existing?.products, []);
  if (products.length > MAX_PRODUCTS)
    fail('products', 'too_long', { ja: `${MAX_PRODUCTS}件以内`, en: `at most ${MAX_PRODUCTS}` });

  const ownerUserId = column(
    'ownerEmail',
    () => {
      const email = reader.text('ownerEmail', { max: 254 });
      if (email === undefined || email === null) return email;
      const normalised = email.normalize('NFKC').toLowerCase();
      if (!EMAIL.test(normalised)) {
        fail('ownerEmail', 'invalid_email');
        return null;
      }
      const id = lookups.ownersByEmail.get(normalised);
      if (id === undefined) {
        fail('ownerEmail', 'unknown_reference', {
          ja: 'この組織の有効なユーザーのメールアドレスを指定してください',
          en: 'use the e-mail address of an active user of this organisation',
        });
        return null;
      }
      return id;
    },
    existing?.ownerUserId,
    null,
  );
  const department = column('department', () => reader.text('department', { max: 200 }), existing?.department, null);

  const classificationCode =
    column(
      'classification',
      () => {
        const text = reader.text('classification', { max: 60 });
        if (text === undefined || text === null) return text;
        const found = lookups.classifications.get(lookupKey(text));
        if (found === undefined) {
          fail('classification', 'unknown_reference', lookups.classificationHint);
          return null;
        }
        return found;
      },
      existing?.classificationCode,
      null,
    ) ?? '';

  const isCore = column('isCore', () => reader.boolean('isCore'), existing?.isCore, false);
  const coreReason = column('coreReason', () => reader.text('coreReason', { max: 2000 }), existing?.coreReason, null);

  const designatedCodes = column(
    'designatedCodes',
    () => {
      const items = reader.list('designatedCodes');
      if (items === undefined) return undefined;
      const codes: string[] = [];
      for (const item of items) {
        const found =
          lookups.designated.get(lookupKey(item)) ?? lookups.designated.get(withoutTrailingBrackets(lookupKey(item)));
        if (found === undefined) {
          fail('designatedCodes', 'unknown_reference', {
            ja: `「${item}」は重要管理対象技術のカタログにありません。コード（例：MLCC）、番号（1〜15）または名称で指定してください`,
            en: `"${item}" is not a designated technology; use its code (e.g. MLCC), number (1–15) or name`,
          });
          return [];
        }
        if (!codes.includes(found)) codes.push(found);
      }
      if (codes.length > MAX_DESIGNATED) {
        fail('designatedCodes', 'too_long', { ja: `${MAX_DESIGNATED}件以内`, en: `at most ${MAX_DESIGNATED}` });
      }
      return codes;
    },
    existing?.designatedCodes,
    [],
  );

  const previousControl = existing?.exportControl;
  const status =
    column(
      'exportControlStatus',
      () => reader.choice('exportControlStatus', EXPORT_CONTROL_STATUS_LABELS),
      previousControl?.status,
      null,
    ) ?? 'undetermined';
  const listItemRef = column(
    'exportControlRef',
    () => reader.text('exportControlRef', { max: 200 }),
    previousControl?.listItemRef,
    null,
  );
  const assessorName = column(
    'exportControlAssessor',
    () => reader.text('exportControlAssessor', { max: 200 }),
    previousControl?.assessorName,
    null,
  );
  const assessedOn = column(
    'exportControlDate',
    () => reader.date('exportControlDate'),
    previousControl?.assessedOn,
    null,
  );

  const locations = column(
    'locations',
    () => {
      const parsed = parseLocations(reader.raw('locations'), lookups.countries);
      if (!parsed.ok) {
        fail('locations', parsed.code, parsed.hint);
        return [];
      }
      return parsed.value;
    },
    existing?.locations,
    [],
  );
  const reviewIntervalMonths = column(
    'reviewIntervalMonths',
    () => reader.integer('reviewIntervalMonths', { min: 1, max: 60 }),
    existing?.reviewIntervalMonths,
    null,
  );
  const lastReviewedOn = column('lastReviewedOn', () => reader.date('lastReviewedOn'), existing?.lastReviewedOn, null);

  if (failed) return null;

  // The contract's own rules (code characters, control characters, core reason, classification date, a site's
  // country) decide last, so that the import accepts exactly what the form accepts.
  const parsed = TechnologyInput.safeParse({
    code,
    nameJa,
    nameEn,
    description,
    products,
    ownerUserId,
    department,
    classificationCode,
    isCore,
    coreReason,
    designatedCodes,
    exportControl: {
      status,
      listItemRef,
      assessorName,
      assessedOn,
      evidenceFileIds: previousControl?.evidenceFileIds ?? [],
    },
    locations,
    reviewIntervalMonths,
    lastReviewedOn,
  });
  if (parsed.success) return parsed.data;
  const reported = new Set<string>();
  for (const problem of parsed.error.issues) {
    const key = columnOfPath(problem.path);
    if (reported.has(String(key))) continue;
    reported.add(String(key));
    if (problem.code === 'too_big') fail(key, 'too_long');
    else if (problem.code === 'custom' && key !== null && REQUIRED_HINTS[key])
      fail(key, 'required', REQUIRED_HINTS[key]);
    else if (key === 'code')
      fail(key, 'invalid_value', { ja: '英数字・かな漢字と _ . - / のみ', en: 'letters, digits, _ . - / only' });
    else fail(key, 'invalid_value');
  }
  return null;
};

/** The technology code a row names, as the importer matches it (trimmed text), or null when blank or unreadable. */
export const rowCode = (row: TableRow, map: HeaderMap<RegisterImportKey>): string | null => {
  const index = map.index.code;
  const value = index === undefined ? null : (row.cells[index] ?? null);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return null;
  return cellToText(value);
};

/** A row that passed every check, ready to write. */
export type ValidRegisterRow = { rowNumber: number; input: TechnologyInputParsed };

/**
 * Reads every data row of a register file: parses each row against the look-ups and the stored technology with the
 * same code, and refuses a technology code that an earlier row of the file already used (`duplicate_key`, naming
 * that row). Issues go to `issues`; the valid rows come back in file order.
 */
export const readRegisterRows = (
  rows: readonly TableRow[],
  map: HeaderMap<RegisterImportKey>,
  context: {
    lookups: RegisterImportLookups;
    existingByCode: ReadonlyMap<string, TechnologyInputParsed>;
    issues: ImportIssueCollector;
  },
): ValidRegisterRow[] => {
  const firstRowOfCode = new Map<string, number>();
  const valid: ValidRegisterRow[] = [];
  for (const row of rows) {
    const reader = createRowReader(row, map, REGISTER_IMPORT_COLUMNS, context.issues);
    const code = rowCode(row, map);
    const earlier = code === null ? undefined : firstRowOfCode.get(code);
    if (earlier !== undefined) {
      reader.issue('code', 'duplicate_key', { otherRow: earlier });
    } else if (code !== null) {
      firstRowOfCode.set(code, row.rowNumber);
    }
    const input = parseTechnologyRow(
      reader,
      context.lookups,
      code === null ? null : (context.existingByCode.get(code) ?? null),
    );
    if (input && earlier === undefined) valid.push({ rowNumber: row.rowNumber, input });
  }
  return valid;
};

// ---------------------------------------------------------------------------------------------------------------
// Writing rows (template example, exports)
// ---------------------------------------------------------------------------------------------------------------

/** The first word of a location line as the template writes it. */
const LOCATION_WORDS = { site: '拠点', system: 'システム' } as const;

/**
 * The cells of a technology in the spreadsheet layout that the import reads back unchanged: the classification's
 * Japanese name, ○ for core technology, designated technologies by code, 該当/非該当/未判定, one location per line
 * (`拠点|名称|JP|詳細`), lists one item per line and dates as YYYY-MM-DD.
 */
export const registerRowCells = (
  t: TechnologyInputParsed,
  names: { levels: readonly ClassificationLevel[]; emailOfUser: (userId: string) => string | null },
): Record<RegisterImportKey, string | number | null> => {
  const level = names.levels.find((l) => l.code === t.classificationCode);
  const blank = (text: string | null | undefined) => (text === null || text === undefined || text === '' ? null : text);
  return {
    code: t.code,
    nameJa: t.nameJa,
    nameEn: blank(t.nameEn),
    description: blank(t.description),
    products: blank(t.products.join('\n')),
    ownerEmail: t.ownerUserId ? names.emailOfUser(t.ownerUserId) : null,
    department: blank(t.department),
    classification: level?.nameJa ?? t.classificationCode,
    isCore: t.isCore ? '○' : null,
    coreReason: blank(t.coreReason),
    designatedCodes: blank(t.designatedCodes.join('\n')),
    exportControlStatus: EXPORT_CONTROL_STATUS_LABELS[t.exportControl.status].ja,
    exportControlRef: blank(t.exportControl.listItemRef),
    exportControlAssessor: blank(t.exportControl.assessorName),
    exportControlDate: blank(t.exportControl.assessedOn),
    locations: blank(
      t.locations
        .map((l) =>
          [LOCATION_WORDS[l.kind], l.name, l.kind === 'site' ? (l.countryCode ?? '') : '', l.detail ?? ''].join('|'),
        )
        .join('\n'),
    ),
    reviewIntervalMonths: t.reviewIntervalMonths ?? null,
    lastReviewedOn: blank(t.lastReviewedOn),
  };
};
