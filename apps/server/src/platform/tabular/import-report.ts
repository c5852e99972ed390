import type { Bilingual, ImportIssue, ImportIssueCode, ImportMode, ImportReport, Locale } from '@kakine/contracts';
import { AppError } from '../errors/app-error';
import type { CellValue, TableRow } from './table-reader';

/** The most issues one report lists; further issues only set `issuesTruncated`. */
export const MAX_IMPORT_ISSUES = 1_000;

/** The longest offending value an issue repeats. */
const MAX_ISSUE_VALUE_LENGTH = 100;

// ---------------------------------------------------------------------------------------------------------------
// Issues

/** What an importer knows about one problem; the collector turns it into an `ImportIssue` in the caller's language. */
export type ImportIssueInput = {
  row: number;
  /** The column header as written in the file, or null for a whole-row problem. */
  column: string | null;
  code: ImportIssueCode;
  value?: CellValue | undefined;
  /** What was expected, e.g. the allowed values or the maximum length, in both languages. */
  hint?: Bilingual | undefined;
  /** For `duplicate_key`: the row that first had the key. */
  otherRow?: number | undefined;
};

const quoted = (column: string | null, locale: Locale) =>
  column === null ? '' : locale === 'ja' ? `「${column}」` : `"${column}"`;

const MESSAGES: Record<ImportIssueCode, (column: string | null, locale: Locale, otherRow?: number) => Bilingual> = {
  required: (c, l) => ({ ja: `${quoted(c, l)}は必須です。`, en: `${quoted(c, l)} is required.` }),
  too_long: (c, l) => ({ ja: `${quoted(c, l)}が長すぎます。`, en: `${quoted(c, l)} is too long.` }),
  invalid_value: (c, l) => ({
    ja: `${quoted(c, l)}の値が正しくありません。`,
    en: `${quoted(c, l)} has an invalid value.`,
  }),
  invalid_date: (c, l) => ({
    ja: `${quoted(c, l)}は日付で入力してください。`,
    en: `${quoted(c, l)} must be a date.`,
  }),
  invalid_number: (c, l) => ({
    ja: `${quoted(c, l)}は整数で入力してください。`,
    en: `${quoted(c, l)} must be a whole number.`,
  }),
  invalid_email: (c, l) => ({
    ja: `${quoted(c, l)}はメールアドレスの形式ではありません。`,
    en: `${quoted(c, l)} is not an e-mail address.`,
  }),
  unknown_reference: (c, l) => ({
    ja: `${quoted(c, l)}に登録されていない値が指定されています。`,
    en: `${quoted(c, l)} refers to something that does not exist.`,
  }),
  duplicate_key: (c, l, other) => ({
    ja: `${quoted(c, l)}がファイル内で重複しています${other ? `（${other}行目と同じ）` : ''}。`,
    en: `${quoted(c, l)} appears more than once in the file${other ? ` (same as row ${other})` : ''}.`,
  }),
  formula_not_allowed: (c, l) => ({
    ja: `${quoted(c, l)}に数式があります。値として貼り付けてください。`,
    en: `${quoted(c, l)} holds a formula. Paste it as a value.`,
  }),
  unknown_column: (c, l) => ({
    ja: `列${quoted(c, l)}は取り込み対象ではないため無視しました。`,
    en: `Column ${quoted(c, l)} is not part of the import and was ignored.`,
  }),
};

/** The text of a cell as the issue shows it (dates as YYYY-MM-DD, formulas with their "="), cut to 100 characters. */
export const issueValueText = (value: CellValue | undefined): string | null => {
  if (value === null || value === undefined) return null;
  let text: string;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  else if (typeof value === 'object') text = `=${value.formula}`;
  else text = String(value);
  return text.length > MAX_ISSUE_VALUE_LENGTH ? `${text.slice(0, MAX_ISSUE_VALUE_LENGTH - 1)}…` : text;
};

/** Renders one issue in the caller's language. */
export const importIssue = (input: ImportIssueInput, locale: Locale): ImportIssue => {
  const base = MESSAGES[input.code](input.column, locale, input.otherRow)[locale];
  const hint = input.hint ? (locale === 'ja' ? `（${input.hint.ja}）` : ` (${input.hint.en})`) : '';
  const message = hint ? `${base.replace(/[。.]$/, '')}${hint}${locale === 'ja' ? '。' : '.'}` : base;
  return { row: input.row, column: input.column, code: input.code, message, value: issueValueText(input.value) };
};

/**
 * Collects the issues of one import in row order up to the cap, and remembers which data rows are invalid (a row
 * with any issue) even after the cap, so that counts stay right.
 */
export class ImportIssueCollector {
  private readonly list: ImportIssue[] = [];
  private readonly invalid = new Set<number>();
  private truncated = false;

  /** Creates a collector that writes messages in `locale`, keeping at most `cap` issues. */
  constructor(
    readonly locale: Locale,
    private readonly cap: number = MAX_IMPORT_ISSUES,
  ) {}

  /** Records a problem with a data row: the row becomes invalid. */
  add(input: ImportIssueInput): void {
    this.invalid.add(input.row);
    this.note(input);
  }

  /** Records a problem that does not invalidate a data row (an ignored column in the header). */
  note(input: ImportIssueInput): void {
    if (this.list.length >= this.cap) {
      this.truncated = true;
      return;
    }
    this.list.push(importIssue(input, this.locale));
  }

  /** Whether a data row has any issue. */
  isInvalid(row: number): boolean {
    return this.invalid.has(row);
  }

  /** How many data rows have issues. */
  get invalidRowCount(): number {
    return this.invalid.size;
  }

  /** The issues sorted by row (stable within a row), and whether some were left out. */
  result(): { issues: ImportIssue[]; issuesTruncated: boolean } {
    return { issues: [...this.list].sort((a, b) => a.row - b.row), issuesTruncated: this.truncated };
  }
}

/** The counts an importer reports besides its issues. */
export type ImportOutcome = {
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  mode: ImportMode;
  dryRun: boolean;
};

/** Assembles the `ImportReport` of an import from its outcome and collected issues. */
export const buildImportReport = (outcome: ImportOutcome, issues: ImportIssueCollector): ImportReport => ({
  totalRows: outcome.totalRows,
  validRows: outcome.totalRows - issues.invalidRowCount,
  invalidRows: issues.invalidRowCount,
  created: outcome.created,
  updated: outcome.updated,
  unchanged: outcome.unchanged,
  committed: outcome.committed,
  mode: outcome.mode,
  dryRun: outcome.dryRun,
  ...issues.result(),
});

/** The error of an all-or-nothing import refused because of invalid rows: 422 `import/rejected`, report in details. */
export const importRejected = (report: ImportReport): AppError => new AppError('import/rejected', report);

// ---------------------------------------------------------------------------------------------------------------
// Headers

/** One column an importer understands: its key, the Japanese header the template writes, and the English one. */
export type ImportColumnSpec<K extends string = string> = {
  readonly key: K;
  readonly ja: string;
  readonly en: string;
  readonly required: boolean;
};

/** Where each known column is in the file, with the header as written, and the columns that were not understood. */
export type HeaderMap<K extends string> = {
  readonly index: Partial<Record<K, number>>;
  readonly header: Partial<Record<K, string>>;
  readonly unknown: readonly { index: number; header: string }[];
};

/**
 * Normalises a header for matching: NFKC (full-width letters and digits, half-width kana), no spaces, lower case,
 * and without a required marker such as "*", "※" or "（必須）".
 */
export const normaliseHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[*※]+|[*※]+$/g, '')
    .replace(/\((必須|任意|required|optional)\)$/i, '')
    .toLowerCase();

/**
 * Finds each column by its Japanese header, English header or key (trimmed, NFKC-normalised, case-insensitive).
 * Throws 422 `import/missing_columns` with `{ missing: [{ key, ja, en }] }` when a required column is absent; unnamed
 * columns are ignored and other unknown or repeated headers are returned for the importer to report.
 */
export const mapHeaders = <K extends string>(
  headers: readonly string[],
  columns: readonly ImportColumnSpec<K>[],
): HeaderMap<K> => {
  const byName = new Map<string, ImportColumnSpec<K>>();
  for (const column of columns) {
    for (const name of [column.ja, column.en, column.key]) byName.set(normaliseHeader(name), column);
  }
  const index: Partial<Record<K, number>> = {};
  const header: Partial<Record<K, string>> = {};
  const unknown: { index: number; header: string }[] = [];
  headers.forEach((text, i) => {
    const name = normaliseHeader(text);
    if (name === '') return;
    const column = byName.get(name);
    if (!column || index[column.key] !== undefined) {
      unknown.push({ index: i, header: text });
      return;
    }
    index[column.key] = i;
    header[column.key] = text;
  });
  const missing = columns
    .filter((column) => column.required && index[column.key] === undefined)
    .map(({ key, ja, en }) => ({ key, ja, en }));
  if (missing.length > 0) throw new AppError('import/missing_columns', { missing });
  return { index, header, unknown };
};

/** Notes every unknown or repeated column of the header row as an `unknown_column` issue (data is not invalid). */
export const reportUnknownColumns = (
  map: HeaderMap<string>,
  headerRowNumber: number,
  issues: ImportIssueCollector,
): void => {
  for (const column of map.unknown) {
    issues.note({ row: headerRowNumber, column: column.header, code: 'unknown_column' });
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Cells

/** The result of interpreting one cell: a value, or the issue code (with an optional hint) of why it is not one. */
export type CellParse<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ImportIssueCode; readonly hint?: Bilingual };

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const bad = <T>(code: ImportIssueCode, hint?: Bilingual): CellParse<T> =>
  hint ? { ok: false, code, hint } : { ok: false, code };

const isFormula = (value: CellValue): value is { formula: string } =>
  value !== null && typeof value === 'object' && !(value instanceof Date);

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number): string | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2999) return null;
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
};

// Excel's day 0 is 1899-12-30 once its fictitious 1900-02-29 is accounted for (true for every date after 1900-03-01).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The calendar date of an Excel serial day number (the time part is ignored), or null outside 1900–2999. */
export const excelSerialToIsoDate = (serial: number): string | null => {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 401_769) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
};

/**
 * The text of a cell for text columns: trimmed, NFC, numbers without exponent, dates as YYYY-MM-DD, and without
 * the apostrophe our own exports put before text that a spreadsheet would take for a formula. Null when blank.
 */
export const cellToText = (value: CellValue): string | null => {
  if (value === null) return null;
  let text: string;
  if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else if (typeof value === 'number')
    text = Number.isInteger(value) ? BigInt(value).toString() : String(value).replace(/e\+?(\d+)$/, 'e$1');
  else if (typeof value === 'boolean') text = value ? 'TRUE' : 'FALSE';
  else if (typeof value === 'string') text = value;
  else return null;
  text = text.normalize('NFC').trim();
  if (/^'[=+\-@]/.test(text)) text = text.slice(1);
  return text === '' ? null : text;
};

/**
 * Reads a text cell: refuses formulas, control characters other than line breaks and tabs, and text longer than
 * `max` characters. Blank is null.
 */
export const parseTextCell = (
  value: CellValue,
  options: { max: number; multiline?: boolean },
): CellParse<string | null> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  const text = cellToText(value);
  if (text === null) return ok(null);
  const controls = options.multiline ? /(?![\t\n\r])\p{Cc}/u : /\p{Cc}/u;
  if (controls.test(text)) return bad('invalid_value');
  if ([...text].length > options.max)
    return bad('too_long', { ja: `${options.max}文字以内`, en: `at most ${options.max} characters` });
  return ok(text);
};

const DATE_HINT: Bilingual = { ja: 'YYYY/MM/DD または YYYY-MM-DD', en: 'YYYY-MM-DD or YYYY/MM/DD' };

/**
 * Reads a date cell into `YYYY-MM-DD`: Date cells, Excel serial day numbers (as numbers or five-digit text, what a
 * date column saved without its format shows), `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` and
 * `YYYY年M月D日`, each optionally followed by a time. Blank is null.
 */
export const parseDateCell = (value: CellValue): CellParse<string | null> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  if (value === null) return ok(null);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return bad('invalid_date', DATE_HINT);
    const date = isoOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return date ? ok(date) : bad('invalid_date', DATE_HINT);
  }
  if (typeof value === 'number') {
    const date = excelSerialToIsoDate(value);
    return date ? ok(date) : bad('invalid_date', DATE_HINT);
  }
  if (typeof value === 'boolean') return bad('invalid_date', DATE_HINT);
  const text = value.normalize('NFKC').trim();
  if (text === '') return ok(null);
  if (/^\d{5}$/.test(text)) {
    const date = excelSerialToIsoDate(Number(text));
    return date ? ok(date) : bad('invalid_date', DATE_HINT);
  }
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    ) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(text);
  const date = match ? isoOf(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return date ? ok(date) : bad('invalid_date', DATE_HINT);
};

/** Reads a whole-number cell (also "1,234" and full-width digits), optionally within bounds. Blank is null. */
export const parseIntegerCell = (
  value: CellValue,
  options: { min?: number; max?: number } = {},
): CellParse<number | null> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  if (value === null) return ok(null);
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const text = value.normalize('NFKC').trim().replaceAll(',', '');
    if (text === '') return ok(null);
    if (!/^[+-]?\d+(\.0+)?$/.test(text)) return bad('invalid_number');
    number = Number(text);
  } else return bad('invalid_number');
  if (!Number.isSafeInteger(number)) return bad('invalid_number');
  const { min, max } = options;
  if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
    const range = `${min ?? ''}〜${max ?? ''}`;
    return bad('invalid_number', { ja: range, en: `${min ?? ''}–${max ?? ''}` });
  }
  return ok(number);
};

const TRUE_WORDS = new Set(['○', '◯', '〇', '●', '✓', '✔', 'はい', '有', 'あり', 'yes', 'y', 'true', '1']);
const FALSE_WORDS = new Set(['×', '✕', '✗', 'いいえ', '無', 'なし', 'no', 'n', 'false', '0', '-', '―', 'ー']);
const BOOLEAN_HINT: Bilingual = { ja: '○ / × または はい / いいえ', en: 'yes / no' };

/** Reads a yes/no cell: ○/◯/はい/yes/true/1 and ×/いいえ/no/false/0; blank is false. */
export const parseBooleanCell = (value: CellValue): CellParse<boolean> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  if (value === null) return ok(false);
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number')
    return value === 1 ? ok(true) : value === 0 ? ok(false) : bad('invalid_value', BOOLEAN_HINT);
  if (value instanceof Date) return bad('invalid_value', BOOLEAN_HINT);
  const word = value.normalize('NFKC').trim().toLowerCase();
  if (word === '') return ok(false);
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad('invalid_value', BOOLEAN_HINT);
};

/**
 * Reads a list cell: items separated by line breaks, 「、」 or commas (also full-width), trimmed, blanks and repeats
 * dropped. Blank is an empty list.
 */
export const parseListCell = (value: CellValue, options: { maxItemLength?: number } = {}): CellParse<string[]> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  const text = cellToText(value);
  if (text === null) return ok([]);
  const items = [
    ...new Set(
      text
        .split(/\r\n|\r|\n|、|,|，/)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
  const max = options.maxItemLength;
  if (max !== undefined && items.some((item) => [...item].length > max))
    return bad('too_long', { ja: `1項目${max}文字以内`, en: `at most ${max} characters per item` });
  return ok(items);
};

const choiceKey = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Reads a cell that must be one of a fixed set of codes: the code itself or its Japanese or English label
 * (NFKC-normalised, case- and space-insensitive). Blank is null; the hint lists the Japanese labels.
 */
export const parseChoiceCell = <T extends string>(
  value: CellValue,
  labels: Readonly<Record<T, Bilingual>>,
): CellParse<T | null> => {
  if (isFormula(value)) return bad('formula_not_allowed');
  const text = cellToText(value);
  if (text === null) return ok(null);
  const codes = Object.keys(labels) as T[];
  const wanted = choiceKey(text);
  const found = codes.find((code) => {
    const label = labels[code];
    return [code, label.ja, label.en].some((name) => choiceKey(name) === wanted);
  });
  if (found !== undefined) return ok(found);
  return bad('invalid_value', {
    ja: codes.map((code) => labels[code].ja).join('、'),
    en: codes.map((code) => labels[code].en).join(', '),
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Row reader

/**
 * Reads the cells of one data row by column key, recording an issue (with the header as written and the offending
 * value) for every cell that is required but blank or cannot be read, and returning undefined for it. A column the
 * file does not have reads as blank.
 */
export const createRowReader = <K extends string>(
  row: TableRow,
  map: HeaderMap<K>,
  columns: readonly ImportColumnSpec<K>[],
  issues: ImportIssueCollector,
) => {
  const specOf = (key: K) => columns.find((column) => column.key === key);
  const headerOf = (key: K) => map.header[key] ?? specOf(key)?.[issues.locale] ?? key;
  const raw = (key: K): CellValue => {
    const index = map.index[key];
    return index === undefined ? null : (row.cells[index] ?? null);
  };
  const read = <T>(
    key: K,
    parse: (value: CellValue) => CellParse<T>,
    isBlank: (value: T) => boolean,
  ): T | undefined => {
    const value = raw(key);
    const result = parse(value);
    if (!result.ok) {
      issues.add({ row: row.rowNumber, column: headerOf(key), code: result.code, value, hint: result.hint });
      return undefined;
    }
    if (specOf(key)?.required && isBlank(result.value)) {
      issues.add({ row: row.rowNumber, column: headerOf(key), code: 'required', value: null });
      return undefined;
    }
    return result.value;
  };
  const isNull = (value: unknown) => value === null;
  return {
    /** The cell as read from the file. */
    raw,
    /** The header of a column as written in the file (or the template's header when the file lacks it). */
    headerOf,
    /** Whether the file has the column at all (an absent optional column leaves existing data untouched). */
    has: (key: K) => map.index[key] !== undefined,
    text: (key: K, options: { max: number; multiline?: boolean }) =>
      read(key, (value) => parseTextCell(value, options), isNull),
    date: (key: K) => read(key, parseDateCell, isNull),
    integer: (key: K, options: { min?: number; max?: number } = {}) =>
      read(key, (value) => parseIntegerCell(value, options), isNull),
    boolean: (key: K) => read(key, parseBooleanCell, () => false),
    list: (key: K, options: { maxItemLength?: number } = {}) =>
      read(
        key,
        (value) => parseListCell(value, options),
        (items) => items.length === 0,
      ),
    choice: <T extends string>(key: K, labels: Readonly<Record<T, Bilingual>>) =>
      read(key, (value) => parseChoiceCell(value, labels), isNull),
    /** Records an issue on a column of this row (for checks beyond one cell's format). */
    issue: (key: K | null, code: ImportIssueCode, extra: { hint?: Bilingual; otherRow?: number } = {}) =>
      issues.add({
        row: row.rowNumber,
        column: key === null ? null : headerOf(key),
        code,
        value: key === null ? null : raw(key),
        ...extra,
      }),
  };
};

/** The reader of one row's cells, from `createRowReader`. */
export type RowReader<K extends string> = ReturnType<typeof createRowReader<K>>;
