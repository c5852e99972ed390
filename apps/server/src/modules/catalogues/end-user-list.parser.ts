import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { endUserListEntries } from './catalogues.schema';

/** A concern code of the End User List: B biological, C chemical, M missile, N nuclear (懸念区分). */
export type EndUserListConcern = 'B' | 'C' | 'M' | 'N';

/** The logical columns of the End User List sheet, found by their header texts. */
export type EndUserListColumn = 'number' | 'country' | 'name' | 'aliases' | 'concerns' | 'conventionalWeapons';

/** The original cell texts of one sheet row, kept with the entry so that nothing of the official file is lost. */
export type EndUserListRawRow = {
  readonly sheet: string;
  readonly row: number;
  readonly cells: Readonly<Record<EndUserListColumn, string>>;
};

/** One entity of the End User List, in the shape of an `end_user_list_entries` row. */
export type EndUserListEntry = Omit<typeof endUserListEntries.$inferSelect, 'id' | 'versionId' | 'raw'> & {
  readonly raw: EndUserListRawRow;
};

/** The stable codes of End User List file problems; clients branch on these, never on the message text. */
export type EndUserListErrorCode =
  | 'too_large'
  | 'not_xlsx'
  | 'unreadable'
  | 'header_not_found'
  | 'empty'
  | 'missing_number'
  | 'invalid_number'
  | 'duplicate_number'
  | 'missing_country'
  | 'invalid_country'
  | 'missing_name'
  | 'unknown_concern_code'
  | 'concern_mismatch'
  | 'no_concern'
  | 'invalid_conventional_weapons';

/**
 * One problem found in an End User List file: `row` is the 1-based sheet row (null for file-level problems) and
 * `field` the logical column (`number`, `country`, `name`, `aliases`, `concerns`, `conventionalWeapons`).
 */
export type EndUserListError = {
  readonly row: number | null;
  readonly field: EndUserListColumn | null;
  readonly code: EndUserListErrorCode;
  readonly message_ja: string;
  readonly message_en: string;
};

/** The result of parsing an End User List file: every entry, or every problem found (never a partial list). */
export type EndUserListParseResult =
  | {
      readonly ok: true;
      readonly sheet: string;
      readonly headerRow: number;
      readonly entries: readonly EndUserListEntry[];
    }
  | { readonly ok: false; readonly errors: readonly EndUserListError[] };

/** Limits that keep a hostile or broken upload from exhausting memory; the official file is about 90 KB. */
export type EndUserListParseOptions = {
  /** Largest accepted file, in bytes (default 20 MiB). */
  readonly maxBytes?: number;
  /** Largest accepted sum of the uncompressed sizes of the parts inside the xlsx, in bytes (default 100 MiB). */
  readonly maxUncompressedBytes?: number;
};

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** The header is near the top; searching further only costs time on files that are not the list. */
const HEADER_SEARCH_ROWS = 30;

// ---------------------------------------------------------------------------------------------------------------
// Messages

type Params = { value?: string; other?: number | null; detail?: string };

const MESSAGES: Record<EndUserListErrorCode, (p: Params) => { ja: string; en: string }> = {
  too_large: (p) => ({
    ja: `ファイルが大きすぎます（${p.detail ?? ''}）。`,
    en: `The file is too large (${p.detail ?? ''}).`,
  }),
  not_xlsx: (p) => ({
    ja: `Excel（.xlsx）ファイルではありません（${p.detail ?? ''}）。`,
    en: `This is not an Excel (.xlsx) file (${p.detail ?? ''}).`,
  }),
  unreadable: (p) => ({
    ja: `Excelファイルを読み込めません（${p.detail ?? ''}）。`,
    en: `The Excel file cannot be read (${p.detail ?? ''}).`,
  }),
  header_not_found: () => ({
    ja: '見出し行（No.、国名・地域名、企業名・組織名、別名、懸念区分）が見つかりません。',
    en: 'The header row (No., Country or Region, Company or Organization, Also Known As, Type of WMD) was not found.',
  }),
  empty: () => ({ ja: 'データ行がありません。', en: 'The list has no entries.' }),
  missing_number: () => ({ ja: '「No.」が入力されていません。', en: '"No." is missing.' }),
  invalid_number: (p) => ({
    ja: `「No.」の値「${p.value ?? ''}」は正の整数ではありません。`,
    en: `"No." value "${p.value ?? ''}" is not a positive whole number.`,
  }),
  duplicate_number: (p) => ({
    ja: `No.「${p.value ?? ''}」が重複しています（${p.other ?? '?'}行目と同じ）。`,
    en: `No. "${p.value ?? ''}" is repeated (same as row ${p.other ?? '?'}).`,
  }),
  missing_country: () => ({ ja: '国名・地域名が入力されていません。', en: 'The country or region is missing.' }),
  invalid_country: (p) => ({
    ja: `国名・地域名「${p.value ?? ''}」を日本語名と英語名に分けられません。`,
    en: `The country or region "${p.value ?? ''}" cannot be split into a Japanese and an English name.`,
  }),
  missing_name: () => ({
    ja: '企業名・組織名が入力されていません。',
    en: 'The company or organization name is missing.',
  }),
  unknown_concern_code: (p) => ({
    ja: `懸念区分に不明な値「${p.value ?? ''}」があります（B、C、M、N または 生物、化学、ミサイル、核）。`,
    en: `Unknown concern code "${p.value ?? ''}" (expected B, C, M, N or 生物, 化学, ミサイル, 核).`,
  }),
  concern_mismatch: (p) => ({
    ja: `懸念区分の日本語表記と記号が一致しません（${p.detail ?? ''}）。`,
    en: `The Japanese labels and the codes of the concern do not agree (${p.detail ?? ''}).`,
  }),
  no_concern: () => ({
    ja: '懸念区分も通常兵器の区分もありません。',
    en: 'The entry has neither a WMD concern nor the conventional-weapons mark.',
  }),
  invalid_conventional_weapons: (p) => ({
    ja: `通常兵器の列に不明な値「${p.value ?? ''}」があります（「通常兵器」または「CW」）。`,
    en: `Unknown value "${p.value ?? ''}" in the conventional-weapons column (expected 通常兵器 or CW).`,
  }),
};

const eulError = (
  row: number | null,
  field: EndUserListColumn | null,
  code: EndUserListErrorCode,
  params: Params = {},
): EndUserListError => {
  const message = MESSAGES[code](params);
  return { row, field, code, message_ja: message.ja, message_en: message.en };
};

const failure = (...errors: EndUserListError[]): EndUserListParseResult => ({ ok: false, errors });

// ---------------------------------------------------------------------------------------------------------------
// Zip pre-flight: reject what is not an xlsx, and zip bombs, before exceljs inflates everything in memory.

const SIGNATURE_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const SIGNATURE_CENTRAL_DIRECTORY = 0x02014b50;
const SIGNATURE_LOCAL_HEADER = 0x04034b50;

type ZipCheck = { ok: true } | { ok: false; error: EndUserListError };

/**
 * Reads the zip central directory and inflates every part with an output cap equal to its declared size, so that
 * a truncated, corrupted, encrypted, zip64 or bomb-like archive is rejected with a clear error and bounded memory.
 */
const checkZip = (bytes: Uint8Array, maxUncompressedBytes: number): ZipCheck => {
  const notXlsx = (detail: string): ZipCheck => ({ ok: false, error: eulError(null, null, 'not_xlsx', { detail }) });
  const unreadable = (detail: string): ZipCheck => ({
    ok: false,
    error: eulError(null, null, 'unreadable', { detail }),
  });
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return notXlsx('not a zip archive');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === SIGNATURE_END_OF_CENTRAL_DIRECTORY) {
      end = p;
      break;
    }
  }
  if (end < 0) return unreadable('the zip directory is missing; the file may be truncated');
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) return unreadable('zip64 archives are not supported');
  if (directoryOffset + directorySize > end) return unreadable('the zip directory is corrupted');

  const names = new Set<string>();
  let total = 0;
  let p = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== SIGNATURE_CENTRAL_DIRECTORY)
      return unreadable('the zip directory is corrupted');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > end) return unreadable('the zip directory is corrupted');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    names.add(name);
    if ((flags & 0x1) !== 0) return unreadable('the file is encrypted');
    total += uncompressedSize;
    if (total > maxUncompressedBytes)
      return {
        ok: false,
        error: eulError(null, null, 'too_large', { detail: `> ${maxUncompressedBytes} bytes unpacked` }),
      };

    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== SIGNATURE_LOCAL_HEADER)
      return unreadable(`part ${name} is corrupted`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) return unreadable(`part ${name} is truncated`);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: uncompressedSize + 1 }).length;
      } catch {
        return unreadable(`part ${name} is corrupted`);
      }
    } else return unreadable(`part ${name} uses an unsupported compression method`);
    if (size !== uncompressedSize) return unreadable(`part ${name} is corrupted`);
  }
  if (!names.has('[Content_Types].xml') || ![...names].some((name) => name.startsWith('xl/')))
    return notXlsx('a zip archive without a workbook');
  return { ok: true };
};

// ---------------------------------------------------------------------------------------------------------------
// Cells and header

/** The displayed text of a cell value: formula results, rich text and hyperlinks become their text. */
const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return String(value.error);
  return '';
};

const normalise = (value: string) => value.normalize('NFKC').replace(/\s+/g, ' ').trim();
const headerKey = (value: string) => normalise(value).toLowerCase();

/** How each column is recognised in the header row; the Japanese or the English heading is enough. */
const HEADER_MATCHERS: Record<EndUserListColumn, (key: string) => boolean> = {
  number: (key) => /^no\.?(\s|$)/.test(key) || key === '番号',
  country: (key) => key.includes('country') || key.includes('国名'),
  name: (key) => key.includes('company') || key.includes('企業名'),
  aliases: (key) => key.includes('also known') || key.includes('別名'),
  concerns: (key) => key.includes('type of wmd') || key.includes('懸念区分'),
  conventionalWeapons: (key) => key.includes('conventional') || key.includes('通常兵器'),
};
const REQUIRED_COLUMNS: readonly EndUserListColumn[] = ['number', 'country', 'name', 'aliases', 'concerns'];

const findHeader = (row: ExcelJS.Row): Partial<Record<EndUserListColumn, number>> | null => {
  const columns: Partial<Record<EndUserListColumn, number>> = {};
  row.eachCell((cell, column) => {
    const key = headerKey(cellText(cell.value));
    if (key === '') return;
    for (const name of Object.keys(HEADER_MATCHERS) as EndUserListColumn[]) {
      if (columns[name] === undefined && HEADER_MATCHERS[name](key)) {
        columns[name] = column;
        return;
      }
    }
  });
  return REQUIRED_COLUMNS.every((name) => columns[name] !== undefined) ? columns : null;
};

// ---------------------------------------------------------------------------------------------------------------
// Cell interpretation

const splitLines = (value: string) =>
  value
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');

const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_LETTER = /[A-Za-z]/;

/** Splits the country cell, written "日本語名\nEnglish name" (or on one line), into its two names. */
export const splitCountryCell = (value: string): { ja: string; en: string } | null => {
  const lines = splitLines(value);
  let ja: string | undefined;
  let en: string | undefined;
  if (lines.length >= 2) {
    ja = lines[0];
    en = lines.slice(1).join(' ');
  } else if (lines.length === 1) {
    const match = /^([^A-Za-z]+?)\s*([A-Za-z].*)$/.exec(lines[0] as string);
    ja = match?.[1];
    en = match?.[2];
  }
  if (!ja || !en || !JAPANESE_SCRIPT.test(ja) || !LATIN_LETTER.test(en)) return null;
  return { ja, en };
};

const BULLETS = /^[・･•]\s*/;

/**
 * Splits the alias cell into aliases. In the official file each alias starts on a new line with "・"; a line without
 * the bullet continues the previous alias (a wrapped long name or the Japanese name in brackets under the English
 * one), and ";" inside an item separates aliases (a trailing "; and" is an artefact of the source list). "・" inside
 * a line is part of a name (katakana word separator), so it never splits.
 */
export const splitAliases = (value: string): string[] => {
  const items: string[] = [];
  for (const line of splitLines(value)) {
    if (BULLETS.test(line)) items.push(line.replace(BULLETS, ''));
    else if (items.length === 0) items.push(line);
    else items[items.length - 1] = `${items[items.length - 1]} ${line}`;
  }
  const aliases = items
    .flatMap((item) => item.split(';'))
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/^(and|or)$/i.test(part));
  return [...new Set(aliases)];
};

const CONCERN_ORDER: readonly EndUserListConcern[] = ['B', 'C', 'M', 'N'];
const CONCERN_WORDS: Readonly<Record<string, EndUserListConcern>> = { 生物: 'B', 化学: 'C', ミサイル: 'M', 核: 'N' };

/** Splits a cell into tokens: separators are commas, 、, spaces, line breaks, ・ and /; letters split from kana/kanji. */
const tokens = (value: string): string[] =>
  value
    .normalize('NFKC')
    .split(/[\s,、;・/]+/)
    .flatMap((token) => token.match(/[A-Za-z]+|[^A-Za-z]+/g) ?? []);

/**
 * Reads the concern cell ("生物、化学、ミサイル、核\nB,C,M,N", also "ミサイルM", full-width letters or 、 between
 * codes) into the sorted codes; the Japanese labels and the letter codes must agree when both are present.
 */
export const parseConcernCell = (
  value: string,
):
  | { ok: true; concerns: EndUserListConcern[] }
  | { ok: false; code: 'unknown_concern_code' | 'concern_mismatch'; detail: string } => {
  const fromCodes = new Set<EndUserListConcern>();
  const fromWords = new Set<EndUserListConcern>();
  for (const token of tokens(value)) {
    const upper = token.toUpperCase();
    if ((CONCERN_ORDER as readonly string[]).includes(upper)) fromCodes.add(upper as EndUserListConcern);
    else if (CONCERN_WORDS[token]) fromWords.add(CONCERN_WORDS[token]);
    else return { ok: false, code: 'unknown_concern_code', detail: token };
  }
  const sorted = (set: Set<EndUserListConcern>) => CONCERN_ORDER.filter((c) => set.has(c));
  if (fromCodes.size > 0 && fromWords.size > 0 && sorted(fromCodes).join() !== sorted(fromWords).join())
    return {
      ok: false,
      code: 'concern_mismatch',
      detail: `${sorted(fromWords).join(',')} / ${sorted(fromCodes).join(',')}`,
    };
  return { ok: true, concerns: sorted(new Set([...fromCodes, ...fromWords])) };
};

/** Reads the conventional-weapons cell ("通常兵器\nCW" when set, empty otherwise); other text is not understood. */
export const parseConventionalWeaponsCell = (value: string): boolean | null => {
  const parts = tokens(value);
  if (parts.length === 0) return false;
  return parts.every((token) => token.toUpperCase() === 'CW' || token === '通常兵器') ? true : null;
};

// ---------------------------------------------------------------------------------------------------------------
// The parser

const readRow = (row: ExcelJS.Row, columns: Partial<Record<EndUserListColumn, number>>) => {
  const read = (name: EndUserListColumn) => {
    const column = columns[name];
    return column === undefined ? '' : cellText(row.getCell(column).value);
  };
  return {
    number: read('number'),
    country: read('country'),
    name: read('name'),
    aliases: read('aliases'),
    concerns: read('concerns'),
    conventionalWeapons: read('conventionalWeapons'),
  };
};

/**
 * Parses the official METI End User List workbook (外国ユーザーリスト, .xlsx) into entries. The header row is found by
 * its texts on the first sheet that has one; each following non-empty row becomes an entry. Never throws: garbage
 * bytes, corrupted archives and unexpected layouts come back as errors.
 */
export const parseEndUserList = async (
  input: Uint8Array,
  options: EndUserListParseOptions = {},
): Promise<EndUserListParseResult> => {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (input.byteLength > maxBytes)
      return failure(eulError(null, null, 'too_large', { detail: `${input.byteLength} > ${maxBytes} bytes` }));
    const zip = checkZip(input, options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);
    if (!zip.ok) return failure(zip.error);

    const workbook = new ExcelJS.Workbook();
    try {
      const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
      await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    } catch (error) {
      return failure(
        eulError(null, null, 'unreadable', { detail: error instanceof Error ? error.message : 'unknown' }),
      );
    }

    for (const sheet of workbook.worksheets) {
      const rows: ExcelJS.Row[] = [];
      sheet.eachRow((row) => {
        rows.push(row);
      });
      const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => findHeader(row) !== null);
      if (headerIndex < 0) continue;
      const headerRow = rows[headerIndex] as ExcelJS.Row;
      const columns = findHeader(headerRow) ?? {};
      return parseRows(sheet.name, headerRow.number, rows.slice(headerIndex + 1), columns);
    }
    return failure(eulError(null, null, 'header_not_found'));
  } catch (error) {
    return failure(eulError(null, null, 'unreadable', { detail: error instanceof Error ? error.message : 'unknown' }));
  }
};

const parseRows = (
  sheet: string,
  headerRow: number,
  rows: readonly ExcelJS.Row[],
  columns: Partial<Record<EndUserListColumn, number>>,
): EndUserListParseResult => {
  const errors: EndUserListError[] = [];
  const entries: EndUserListEntry[] = [];
  const numbers = new Map<number, number>();

  for (const row of rows) {
    const cells = readRow(row, columns);
    if (Object.values(cells).every((cell) => cell.trim() === '')) continue;
    const at = row.number;
    const before = errors.length;

    const numberText = normalise(cells.number);
    let number = Number.NaN;
    if (numberText === '') errors.push(eulError(at, 'number', 'missing_number'));
    else if (!/^\d+$/.test(numberText) || Number(numberText) < 1)
      errors.push(eulError(at, 'number', 'invalid_number', { value: numberText }));
    else {
      number = Number(numberText);
      const first = numbers.get(number);
      if (first !== undefined)
        errors.push(eulError(at, 'number', 'duplicate_number', { value: numberText, other: first }));
      else numbers.set(number, at);
    }

    const country = splitCountryCell(cells.country);
    if (normalise(cells.country) === '') errors.push(eulError(at, 'country', 'missing_country'));
    else if (!country) errors.push(eulError(at, 'country', 'invalid_country', { value: normalise(cells.country) }));

    const name = splitLines(cells.name).join(' ');
    if (name === '') errors.push(eulError(at, 'name', 'missing_name'));

    const concerns = parseConcernCell(cells.concerns);
    if (!concerns.ok)
      errors.push(eulError(at, 'concerns', concerns.code, { value: concerns.detail, detail: concerns.detail }));
    const conventionalWeapons = parseConventionalWeaponsCell(cells.conventionalWeapons);
    if (conventionalWeapons === null)
      errors.push(
        eulError(at, 'conventionalWeapons', 'invalid_conventional_weapons', {
          value: normalise(cells.conventionalWeapons),
        }),
      );
    if (concerns.ok && concerns.concerns.length === 0 && conventionalWeapons === false)
      errors.push(eulError(at, 'concerns', 'no_concern'));

    if (errors.length > before || !country || !concerns.ok || conventionalWeapons === null) continue;
    entries.push({
      number,
      countryJa: country.ja,
      countryEn: country.en,
      name,
      aliases: splitAliases(cells.aliases),
      concerns: concerns.concerns,
      conventionalWeapons,
      raw: { sheet, row: at, cells },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (entries.length === 0) return failure(eulError(null, null, 'empty'));
  return { ok: true, sheet, headerRow, entries };
};
