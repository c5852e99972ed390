import type { Locale } from '@kakine/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of an exported list: a header in both languages and how to get the cell from an item. */
export type ExportColumn<T> = {
  ja: string;
  en: string;
  value: (item: T) => string | number | boolean | Date | null | undefined;
};

const cellText = (v: string | number | boolean | Date | null | undefined): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
};

// Cells starting with these characters are executed as formulas by spreadsheet programs (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

const csvField = (text: string): string => {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Renders items as CSV (UTF-8 with BOM so that Excel opens Japanese text correctly, CRLF line ends). */
export const toCsv = <T>(items: readonly T[], columns: readonly ExportColumn<T>[], locale: Locale): string => {
  const header = columns.map((c) => csvField(c[locale])).join(',');
  const rows = items.map((item) => columns.map((c) => csvField(cellText(c.value(item)))).join(','));
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
};

/** Renders items as an XLSX workbook with one sheet, a bold frozen header row and auto-filter. */
export const toXlsx = async <T>(
  items: readonly T[],
  columns: readonly ExportColumn<T>[],
  locale: Locale,
  sheetName: string,
): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kakine';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c[locale], width: Math.min(60, Math.max(12, c[locale].length * 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(item);
        if (v === null || v === undefined) return null;
        if (typeof v === 'string' && FORMULA_START.test(v)) return `'${v}`;
        return v;
      }),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/**
 * Sends an exported list as a download (`format=csv|xlsx`), named `<baseName>-<YYYYMMDD>.<ext>`. List routes call
 * this when the query asks for an export, with every matching item rather than one page.
 */
export const sendExport = async <T>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  options: { items: readonly T[]; columns: readonly ExportColumn<T>[]; locale: Locale; baseName: string; now: Date },
): Promise<FastifyReply> => {
  const stamp = options.now.toISOString().slice(0, 10).replaceAll('-', '');
  const filename = `${options.baseName}-${stamp}.${format}`;
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  if (format === 'csv') {
    return reply.type('text/csv; charset=utf-8').send(toCsv(options.items, options.columns, options.locale));
  }
  const body = await toXlsx(options.items, options.columns, options.locale, options.baseName);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body);
};

/** The most rows one export returns; larger exports must be narrowed with filters. */
export const EXPORT_ROW_LIMIT = 100_000;
