import type { Bilingual } from '@kakine/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of an import template: its headers, whether it is required, and the explanation for the guide sheet. */
export type TemplateColumn = {
  readonly ja: string;
  readonly en: string;
  readonly required: boolean;
  /** What to enter, in Japanese (the guide sheet is Japanese); the English text is kept for the API docs. */
  readonly description: Bilingual;
  /** The values the column accepts, when it is a fixed list: shown on the guide sheet and offered as a drop-down. */
  readonly choices?: readonly string[];
  /** How values are written: text columns are formatted as text so that Excel keeps leading zeros. */
  readonly kind?: 'text' | 'date' | 'number' | 'boolean' | 'list';
};

/** An import template: file name, data sheet name, the columns in order and example rows in column order. */
export type ImportTemplate = {
  readonly baseName: string;
  readonly sheetName: string;
  readonly columns: readonly TemplateColumn[];
  readonly examples: readonly (readonly (string | number | Date | null)[])[];
};

/** Rows of the data sheet that get the drop-down lists and text formats. */
const FORMATTED_ROWS = 2_000;

const KIND_NOTE: Record<NonNullable<TemplateColumn['kind']>, string> = {
  text: '文字列',
  date: '日付（YYYY/MM/DD）',
  number: '整数',
  boolean: '○ または ×（はい／いいえ）',
  list: '複数の場合は改行または「、」で区切る',
};

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

const exampleText = (value: string | number | Date | null) => {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10).replaceAll('-', '/');
  return String(value);
};

/** The template as CSV: UTF-8 with BOM (Excel opens Japanese correctly), Japanese headers, the example rows, CRLF. */
export const templateCsv = (template: ImportTemplate): string => {
  const lines = [
    template.columns.map((column) => csvField(column.ja)).join(','),
    ...template.examples.map((row) => row.map((value) => csvField(exampleText(value))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};

/**
 * The template as XLSX: the data sheet (bold frozen Japanese header, example rows, text and date formats, drop-down
 * lists for fixed values) and a second sheet 「記入方法」 explaining each column and its allowed values in Japanese.
 */
export const templateXlsx = async (template: ImportTemplate): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kakine';
  const sheet = workbook.addWorksheet(template.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = template.columns.map((column) => ({
    header: column.ja,
    width: Math.min(40, Math.max(14, column.ja.length * 2 + 4)),
    style: column.kind === 'date' ? { numFmt: 'yyyy/mm/dd' } : column.kind === 'text' ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  template.columns.forEach((column, index) => {
    if (column.required)
      header.getCell(index + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
  });
  for (const row of template.examples) sheet.addRow([...row]);
  template.columns.forEach((column, index) => {
    const list = column.choices?.join(',');
    // Excel limits a literal list to 255 characters; longer lists are explained on the guide sheet only.
    if (!list || list.length > 250) return;
    for (let row = 2; row <= FORMATTED_ROWS; row++) {
      sheet.getCell(row, index + 1).dataValidation = {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorTitle: column.ja,
        error: `「${column.ja}」は一覧から選んでください。`,
      };
    }
  });

  const guide = workbook.addWorksheet('記入方法');
  guide.columns = [
    { header: '列名', width: 18 },
    { header: '英語の列名（可）', width: 22 },
    { header: '必須', width: 8 },
    { header: '形式', width: 26 },
    { header: '説明', width: 60 },
    { header: '入力できる値', width: 50 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of template.columns) {
    const row = guide.addRow([
      column.ja,
      column.en,
      column.required ? '必須' : '',
      KIND_NOTE[column.kind ?? 'text'],
      column.description.ja,
      column.choices?.join('、') ?? '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  guide.addRow([]);
  for (const note of [
    '1行目の見出しはそのまま残してください（英語の見出しでも取り込めます）。見出しの順番は自由です。',
    '2行目以降の例は削除して、実際のデータを入力してください。',
    '数式は取り込めません。値として貼り付けてください。',
    'CSVで保存する場合は、UTF-8 または Shift_JIS（CSV（コンマ区切り））を選んでください。',
  ]) {
    guide.addRow([note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** Sends an import template as a download named `<baseName>-template.<format>`. */
export const sendImportTemplate = async (
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  template: ImportTemplate,
): Promise<FastifyReply> => {
  reply.header('content-disposition', `attachment; filename="${template.baseName}-template.${format}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(templateCsv(template));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(await templateXlsx(template));
};
