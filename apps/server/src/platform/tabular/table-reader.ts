import ExcelJS from 'exceljs';
import { AppError } from '../errors/app-error';
import { inflateZip } from './zip-check';

/**
 * One cell as read from an imported file: CSV cells are strings; XLSX cells keep their type, dates as `Date` (UTC
 * midnight of the calendar day Excel shows) and formulas as `{ formula }` so that importers can refuse them. Empty
 * cells are null.
 */
export type CellValue = string | number | boolean | Date | { formula: string } | null;

/** One data row: the 1-based row number as the spreadsheet program shows it, and the cells in header order. */
export type TableRow = { rowNumber: number; cells: CellValue[] };

/** A read file: the header texts (trimmed; '' for an unnamed column) and the non-blank data rows after the header. */
export type Table = { headers: string[]; headerRowNumber: number; rows: TableRow[]; format: 'csv' | 'xlsx' };

/** Limits of one read; `maxRows` counts non-blank data rows. */
export type ReadTableOptions = { maxRows: number; maxUncompressedBytes?: number };

/** The most data rows one import file may have; larger files are refused with `import/too_many_rows`. */
export const IMPORT_MAX_ROWS = 50_000;

/** The most bytes an XLSX may unpack to; a 50,000-row sheet of a dozen text columns unpacks to about 25 MB. */
export const IMPORT_MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024;

/**
 * The most columns a file may use; imports have a dozen or two. Beyond it, blank cells are dropped and a value is
 * refused, so that one hostile row of a million separators cannot make every row a million cells wide.
 */
export const IMPORT_MAX_COLUMNS = 256;

const tooManyRows = (maxRows: number) => new AppError('import/too_many_rows', { maxRows });
const unreadable = (reason: string) => new AppError('import/unreadable_file', { reason });

const isBlank = (cell: CellValue) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** Cuts a row to IMPORT_MAX_COLUMNS, refusing the file when a value lies beyond. */
const capColumns = (cells: CellValue[]): CellValue[] => {
  if (cells.length <= IMPORT_MAX_COLUMNS) return cells;
  if (!cells.slice(IMPORT_MAX_COLUMNS).every(isBlank))
    throw new AppError('import/unreadable_file', { reason: 'too many columns', maxColumns: IMPORT_MAX_COLUMNS });
  return cells.slice(0, IMPORT_MAX_COLUMNS);
};

// ---------------------------------------------------------------------------------------------------------------
// CSV

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Decodes CSV bytes: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8, then strict Shift_JIS (WHATWG's
 * shift_jis is Windows-31J/CP932, which Japanese Excel writes). Bytes valid in neither are refused rather than
 * imported as mojibake.
 */
const decodeCsv = (bytes: Uint8Array): string => {
  const strict = (encoding: string, input: Uint8Array) => new TextDecoder(encoding, { fatal: true }).decode(input);
  try {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strict('utf-8', bytes.subarray(3));
    if (startsWith(bytes, [0xff, 0xfe])) return strict('utf-16le', bytes.subarray(2));
    if (startsWith(bytes, [0xfe, 0xff])) return strict('utf-16be', bytes.subarray(2));
  } catch {
    throw new AppError('import/unsupported_encoding');
  }
  // NUL bytes never occur in UTF-8 or Shift_JIS text: this is a binary file (or BOM-less UTF-16).
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw unreadable('binary content');
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return strict(encoding, bytes);
    } catch {
      // try the next encoding
    }
  }
  throw new AppError('import/unsupported_encoding');
};

/**
 * Splits CSV text (RFC 4180: quoted fields may hold separators, quotes as "" and line breaks) into records, each
 * with the 1-based row number a spreadsheet program shows. Stray quotes inside unquoted fields are kept as text, the
 * way Excel reads them; an unterminated quoted field is refused because it would swallow the rest of the file.
 */
const parseCsvRecords = function* (text: string, separator: string): Generator<{ rowNumber: number; cells: string[] }> {
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let rowNumber = 1;
  let line = 1;
  let i = 0;
  let fieldStart = true;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === separator) {
      cells.push(field);
      field = '';
      fieldStart = true;
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      cells.push(field);
      yield { rowNumber, cells };
      cells = [];
      field = '';
      fieldStart = true;
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowNumber += 1;
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i += 1;
      continue;
    }
    fieldStart = false;
    field += char;
    i += 1;
  }
  if (quoted) throw new AppError('import/unreadable_file', { reason: 'unterminated quoted field', line });
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    yield { rowNumber, cells };
  }
};

const readCsv = (bytes: Uint8Array, options: ReadTableOptions): Table => {
  const text = decodeCsv(bytes);
  if (text.includes('\u0000')) throw unreadable('binary content');
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  // Excel's "Unicode text" export is tab-separated; a header with tabs and no commas is read that way.
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let header: TableRow | undefined;
  const rows: TableRow[] = [];
  for (const record of parseCsvRecords(text, separator)) {
    const cells = capColumns(record.cells.map((cell): CellValue => (cell === '' ? null : cell)));
    if (cells.every(isBlank)) continue;
    if (!header) {
      header = { rowNumber: record.rowNumber, cells };
      continue;
    }
    if (rows.length >= options.maxRows) throw tooManyRows(options.maxRows);
    rows.push({ rowNumber: record.rowNumber, cells });
  }
  if (!header) throw new AppError('import/empty_file');
  return shape(
    header.cells.map((cell) => cellText(cell).trim()),
    header.rowNumber,
    rows,
    'csv',
  );
};

// ---------------------------------------------------------------------------------------------------------------
// XLSX

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The part name of the workbook's first sheet (the first tab), from workbook.xml and its relationships. */
const firstSheetPart = (parts: ReadonlyMap<string, Buffer>): string | undefined => {
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8');
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) return undefined;
  const sheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook)?.[0];
  const id = sheet && attribute(sheet, 'r:id');
  if (!id) return undefined;
  const relation = [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => attribute(tag, 'Id') === id);
  const target = relation && attribute(relation, 'Target');
  if (!target) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
};

/**
 * Counts the rows of a sheet's XML that hold a value, without building the workbook: exceljs needs about 5 KB of
 * memory per row, so a file far beyond the limit is refused before it is loaded.
 */
const countFilledRows = (xml: string): number => {
  let count = 0;
  for (const match of xml.matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    if (match[1] && /<(?:\w+:)?(?:v|is|f)\b/.test(match[1])) count += 1;
  }
  return count;
};

const richText = (runs: { text: string }[]) => runs.map((run) => run.text).join('');

/** Turns an exceljs cell into a `CellValue`. */
const cellValue = (cell: ExcelJS.Cell): CellValue => {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('formula' in value || 'sharedFormula' in value) return { formula: cell.formula || '(shared formula)' };
  if ('richText' in value) return richText(value.richText) || null;
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    if (typeof text === 'string') return text || null;
    if (text && typeof text === 'object' && 'richText' in text)
      return richText((text as ExcelJS.CellRichTextValue).richText);
    return value.hyperlink || null;
  }
  if ('error' in value) return String(value.error);
  return null;
};

const cellText = (cell: CellValue): string => {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return '';
  return String(cell);
};

const readXlsx = async (bytes: Uint8Array, options: ReadTableOptions): Promise<Table> => {
  const zip = inflateZip(bytes, options.maxUncompressedBytes ?? IMPORT_MAX_UNCOMPRESSED_BYTES);
  if (!zip.ok) {
    if (zip.reason === 'too_large') throw tooManyRows(options.maxRows);
    throw unreadable(zip.detail);
  }
  const sheetPart = firstSheetPart(zip.parts);
  const sheetXml = sheetPart ? zip.parts.get(sheetPart) : undefined;
  if (!zip.parts.has('[Content_Types].xml') || !sheetXml) throw unreadable('a zip archive without a worksheet');
  // The header row is one of the filled rows, hence the + 1.
  if (countFilledRows(sheetXml.toString('utf8')) > options.maxRows + 1) throw tooManyRows(options.maxRows);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message.slice(0, 200) : 'unreadable workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no worksheet');

  let header: { rowNumber: number; cells: CellValue[] } | undefined;
  const rows: TableRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (tooMany) return;
    const cells: CellValue[] = [];
    let beyond = false;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = cellValue(cell);
      if (column > IMPORT_MAX_COLUMNS) beyond ||= !isBlank(value);
      else cells[column - 1] = value;
    });
    if (beyond)
      throw new AppError('import/unreadable_file', { reason: 'too many columns', maxColumns: IMPORT_MAX_COLUMNS });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (cells.every(isBlank)) return;
    if (!header) {
      header = { rowNumber: row.number, cells };
      return;
    }
    if (rows.length >= options.maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ rowNumber: row.number, cells });
  });
  if (tooMany) throw tooManyRows(options.maxRows);
  if (!header) throw new AppError('import/empty_file');
  const headerRow = header;
  return shape(
    headerRow.cells.map((cell) => cellText(cell).trim()),
    headerRow.rowNumber,
    rows,
    'xlsx',
  );
};

// ---------------------------------------------------------------------------------------------------------------

/** Pads the header and every row to the widest row, so that `cells[i]` always belongs to `headers[i]`. */
const shape = (headers: string[], headerRowNumber: number, rows: TableRow[], format: 'csv' | 'xlsx'): Table => {
  if (rows.length === 0) throw new AppError('import/empty_file');
  const width = Math.max(headers.length, ...rows.map((row) => row.cells.length));
  while (headers.length < width) headers.push('');
  for (const row of rows) while (row.cells.length < width) row.cells.push(null);
  return { headers, headerRowNumber, rows, format };
};

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * Reads the first sheet of an uploaded CSV (UTF-8 with or without BOM, or Shift_JIS) or XLSX file into its header
 * and non-blank data rows. The format follows the content (a zip is an XLSX whatever its name), the name only
 * decides what an unreadable file was meant to be. Throws AppError `import/empty_file`, `import/unreadable_file`,
 * `import/unsupported_encoding` or `import/too_many_rows`; never anything else for bad input.
 */
export const readTable = async (bytes: Buffer, fileName: string, options: ReadTableOptions): Promise<Table> => {
  if (bytes.length === 0) throw new AppError('import/empty_file');
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, ZIP_SIGNATURE)) return readXlsx(bytes, options);
  if (['xlsx', 'xlsm', 'xltx', 'ods', 'numbers'].includes(extension)) throw unreadable('not an xlsx workbook');
  if (startsWith(bytes, OLE_SIGNATURE) || extension === 'xls')
    throw unreadable('the Excel 97-2003 format (.xls) is not supported; save as .xlsx');
  return readCsv(bytes, options);
};
