import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ExportColumn, toCsv, toXlsx } from './list-export';

type Row = { name: string; count: number; at: Date | null };
const columns: ExportColumn<Row>[] = [
  { ja: '名前', en: 'Name', value: (r) => r.name },
  { ja: '件数', en: 'Count', value: (r) => r.count },
  { ja: '日時', en: 'Time', value: (r) => r.at },
];
const rows: Row[] = [
  { name: '積層セラミックコンデンサ, "MLCC"', count: 3, at: new Date('2025-06-09T00:00:00Z') },
  { name: '=HYPERLINK("http://evil")', count: 0, at: null },
];

describe('list export', () => {
  it('writes CSV with a BOM, quoted fields, localised headers and neutralised formulas', () => {
    const csv = toCsv(rows, columns, 'ja');
    expect(csv.startsWith('\uFEFF名前,件数,日時\r\n')).toBe(true);
    expect(csv).toContain('"積層セラミックコンデンサ, ""MLCC""",3,2025-06-09T00:00:00.000Z\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",0,\r\n`);
    expect(toCsv(rows, columns, 'en').slice(1, 16)).toBe('Name,Count,Time');
  });

  it('writes an XLSX sheet that reads back with the same cells', async () => {
    const buffer = await toXlsx(rows, columns, 'en', 'audit');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('audit')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Count', 'Time']);
    expect(sheet.getRow(2).getCell(1).value).toBe('積層セラミックコンデンサ, "MLCC"');
    expect(sheet.getRow(3).getCell(1).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(sheet.rowCount).toBe(3);
  });
});
