import { PassThrough } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { encodeShiftJis } from './shift-jis.testing';
import { IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS, readTable } from './table-reader';

const options = { maxRows: IMPORT_MAX_ROWS };

/** The AppError code a promise rejects with. */
const errorCodeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a rejection');
};

const workbookBuffer = async (fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void) => {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('人員'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('readTable: CSV', () => {
  it('reads UTF-8 with a BOM, Japanese headers and values', async () => {
    const bytes = Buffer.from('\uFEFF社員番号,氏名,部署\r\nE001,山田 太郎,研究開発部\r\n', 'utf8');
    const table = await readTable(bytes, 'people.csv', options);
    expect(table.format).toBe('csv');
    expect(table.headers).toEqual(['社員番号', '氏名', '部署']);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['E001', '山田 太郎', '研究開発部'] }]);
  });

  it('reads UTF-8 without a BOM and treats empty cells as null', async () => {
    const bytes = Buffer.from('社員番号,氏名,部署\nE002,佐藤 花子,\n', 'utf8');
    const table = await readTable(bytes, 'people.csv', options);
    expect(table.headers[0]).toBe('社員番号');
    expect(table.rows[0]?.cells).toEqual(['E002', '佐藤 花子', null]);
  });

  it('detects Shift_JIS (CP932) and decodes Japanese, half-width kana and vendor characters', async () => {
    const text = '社員番号,氏名,フリガナ,備考\r\nE003,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,①㈱テスト\r\n';
    const bytes = encodeShiftJis(text);
    // The bytes really are Shift_JIS: they are not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const table = await readTable(bytes, 'people.csv', options);
    expect(table.headers).toEqual(['社員番号', '氏名', 'フリガナ', '備考']);
    expect(table.rows[0]?.cells).toEqual(['E003', '髙橋 一郎', 'ﾀｶﾊｼ ｲﾁﾛｳ', '①㈱テスト']);
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS with import/unsupported_encoding', async () => {
    const bytes = Buffer.concat([
      Buffer.from('社員番号,氏名\r\n', 'utf8'),
      Buffer.from([0x45, 0x31, 0x2c, 0xff, 0xfe, 0x80]),
    ]);
    expect(await errorCodeOf(readTable(bytes, 'people.csv', options))).toMatchObject({
      code: 'import/unsupported_encoding',
    });
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, keeping spreadsheet row numbers', async () => {
    const bytes = Buffer.from(
      '社員番号,氏名,備考\r\n"E1","山田, 太郎","1行目\r\n2行目"\r\n\r\nE2,"佐藤 ""花子""",\r\n',
      'utf8',
    );
    const table = await readTable(bytes, 'people.csv', options);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['E1', '山田, 太郎', '1行目\r\n2行目'] },
      // Row 3 is blank and skipped, but the numbering follows what a spreadsheet shows.
      { rowNumber: 4, cells: ['E2', '佐藤 "花子"', null] },
    ]);
  });

  it('reads a last line without a line break and pads short rows', async () => {
    const table = await readTable(Buffer.from('a,b,c\n1,2\n3,4,5,6', 'utf8'), 'x.csv', options);
    expect(table.headers).toEqual(['a', 'b', 'c', '']);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['1', '2', null, null],
      ['3', '4', '5', '6'],
    ]);
  });

  it('reads UTF-16 tab-separated text (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('社員番号\t氏名\r\nE9\t鈴木\r\n', 'utf16le')]);
    const table = await readTable(bytes, 'people.txt', options);
    expect(table.headers).toEqual(['社員番号', '氏名']);
    expect(table.rows[0]?.cells).toEqual(['E9', '鈴木']);
  });

  it('refuses an unterminated quoted field instead of swallowing the rest of the file', async () => {
    const bytes = Buffer.from('a,b\n1,"open\n2,3\n', 'utf8');
    expect(await errorCodeOf(readTable(bytes, 'x.csv', options))).toMatchObject({ code: 'import/unreadable_file' });
  });

  it('answers import/empty_file for an empty file, a BOM alone, blank lines and a header without rows', async () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('\uFEFF', 'utf8'),
      Buffer.from('\r\n\r\n,,\r\n', 'utf8'),
      Buffer.from('社員番号,氏名\r\n', 'utf8'),
    ]) {
      expect(await errorCodeOf(readTable(bytes, 'people.csv', options))).toMatchObject({ code: 'import/empty_file' });
    }
  });

  it('refuses binary content named .csv', async () => {
    const bytes = Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x00]);
    expect(await errorCodeOf(readTable(bytes, 'people.csv', options))).toMatchObject({
      code: 'import/unreadable_file',
    });
  });

  it('drops trailing blank columns beyond the column limit and refuses values there', async () => {
    const wide = Buffer.from(`a,b${','.repeat(1_000_000)}\r\n1,2${','.repeat(1_000)}\r\n`, 'utf8');
    const table = await readTable(wide, 'x.csv', options);
    expect(table.headers).toHaveLength(IMPORT_MAX_COLUMNS);
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual(['1', '2', null]);
    const valueFarRight = Buffer.from(`a,b\r\n1,2${','.repeat(IMPORT_MAX_COLUMNS)}x\r\n`, 'utf8');
    expect(await errorCodeOf(readTable(valueFarRight, 'x.csv', options))).toEqual({
      code: 'import/unreadable_file',
      details: { reason: 'too many columns', maxColumns: IMPORT_MAX_COLUMNS },
    });
    const sheet = await workbookBuffer((ws) => {
      ws.addRow(['a']);
      ws.getCell(2, 1).value = 'x';
      ws.getCell(2, IMPORT_MAX_COLUMNS + 5).value = 'far';
    });
    expect(await errorCodeOf(readTable(sheet, 'x.xlsx', options))).toMatchObject({ code: 'import/unreadable_file' });
  });

  it('reads exactly the row limit and refuses a 100,000-row file with import/too_many_rows', async () => {
    const lines = (count: number) =>
      Buffer.from(['社員番号,氏名', ...Array.from({ length: count }, (_, i) => `E${i},氏名${i}`)].join('\r\n'), 'utf8');
    const atLimit = await readTable(lines(IMPORT_MAX_ROWS), 'people.csv', options);
    expect(atLimit.rows).toHaveLength(IMPORT_MAX_ROWS);
    expect(atLimit.rows.at(-1)?.rowNumber).toBe(IMPORT_MAX_ROWS + 1);
    expect(await errorCodeOf(readTable(lines(100_000), 'people.csv', options))).toEqual({
      code: 'import/too_many_rows',
      details: { maxRows: IMPORT_MAX_ROWS },
    });
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet with typed cells: text, numbers, dates, serial numbers, booleans, rich text', async () => {
    const bytes = await workbookBuffer((sheet, workbook) => {
      sheet.addRow(['社員番号', '氏名', '最終出社日', '契約終了日', '在籍', '人数']);
      sheet.addRow([
        12345,
        { richText: [{ text: '山田' }, { text: ' 太郎' }] },
        new Date(Date.UTC(2026, 2, 31)),
        46113,
        true,
        3,
      ]);
      workbook.addWorksheet('説明').addRow(['この行は読まない']);
    });
    const table = await readTable(bytes, 'people.xlsx', options);
    expect(table.format).toBe('xlsx');
    expect(table.headers).toEqual(['社員番号', '氏名', '最終出社日', '契約終了日', '在籍', '人数']);
    const row = table.rows[0]!;
    expect(row.rowNumber).toBe(2);
    expect(row.cells[0]).toBe(12345);
    expect(row.cells[1]).toBe('山田 太郎');
    expect(row.cells[2]).toBeInstanceOf(Date);
    expect((row.cells[2] as Date).toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(row.cells[3]).toBe(46113);
    expect(row.cells[4]).toBe(true);
  });

  it('reports formula cells as { formula } and never their cached result', async () => {
    const bytes = await workbookBuffer((sheet) => {
      sheet.addRow(['社員番号', '氏名']);
      sheet.addRow(['E1', { formula: 'CONCAT("山","田")', result: '山田' }]);
    });
    const table = await readTable(bytes, 'people.xlsx', options);
    expect(table.rows[0]?.cells).toEqual(['E1', { formula: 'CONCAT("山","田")' }]);
  });

  it('skips blank rows and keeps the sheet row numbers; the header is the first filled row', async () => {
    const bytes = await workbookBuffer((sheet) => {
      sheet.getCell('A2').value = '社員番号';
      sheet.getCell('B2').value = '氏名';
      sheet.getCell('A3').value = 'E1';
      sheet.getCell('A5').value = 'E2';
      sheet.getCell('B5').value = '佐藤';
    });
    const table = await readTable(bytes, 'people.xlsx', options);
    expect(table.headerRowNumber).toBe(2);
    expect(table.rows).toEqual([
      { rowNumber: 3, cells: ['E1', null] },
      { rowNumber: 5, cells: ['E2', '佐藤'] },
    ]);
  });

  it('reads an XLSX by its content even when it is named .csv', async () => {
    const bytes = await workbookBuffer((sheet) => {
      sheet.addRow(['社員番号']);
      sheet.addRow(['E1']);
    });
    expect((await readTable(bytes, 'people.csv', options)).rows[0]?.cells).toEqual(['E1']);
  });

  it('refuses a 100,000-row workbook with import/too_many_rows before loading it', async () => {
    const chunks: Buffer[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
    const sheet = writer.addWorksheet('人員');
    sheet.addRow(['社員番号', '氏名']).commit();
    for (let i = 0; i < 100_000; i++) sheet.addRow([`E${i}`, '山田']).commit();
    sheet.commit();
    await writer.commit();
    expect(await errorCodeOf(readTable(Buffer.concat(chunks), 'people.xlsx', options))).toEqual({
      code: 'import/too_many_rows',
      details: { maxRows: IMPORT_MAX_ROWS },
    });
  });

  it('counts data rows against the limit exactly', async () => {
    const bytes = await workbookBuffer((sheet) => {
      sheet.addRow(['社員番号']);
      for (let i = 0; i < 4; i++) sheet.addRow([`E${i}`]);
    });
    expect((await readTable(bytes, 'people.xlsx', { maxRows: 4 })).rows).toHaveLength(4);
    expect(await errorCodeOf(readTable(bytes, 'people.xlsx', { maxRows: 3 }))).toMatchObject({
      code: 'import/too_many_rows',
    });
  });

  it('answers import/empty_file for a workbook with a header only', async () => {
    const bytes = await workbookBuffer((sheet) => {
      sheet.addRow(['社員番号', '氏名']);
    });
    expect(await errorCodeOf(readTable(bytes, 'people.xlsx', options))).toMatchObject({ code: 'import/empty_file' });
  });

  it('refuses garbage, truncated and corrupted workbooks, .xls and non-workbook zips with import/unreadable_file', async () => {
    const valid = await workbookBuffer((sheet) => {
      sheet.addRow(['社員番号']);
      sheet.addRow(['E1']);
    });
    const corrupted = Buffer.from(valid);
    for (let i = 200; i < 400; i++) corrupted[i] = 0x55;
    const name = Buffer.from('readme.txt');
    const data = deflateRawSync(Buffer.from('hello'));
    // A well-formed zip holding one text file and no workbook.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(5, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(5, 24);
    central.writeUInt16LE(name.length, 28);
    const directoryOffset = local.length + name.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    const textZip = Buffer.concat([local, name, data, central, name, end]);

    const cases: [Buffer, string][] = [
      [Buffer.from('this is not a spreadsheet at all'), 'people.xlsx'],
      [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'people.xlsx'],
      [valid.subarray(0, valid.length / 2), 'people.xlsx'],
      [corrupted, 'people.xlsx'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'people.xls'],
      [textZip, 'people.xlsx'],
    ];
    for (const [bytes, fileName] of cases) {
      expect(await errorCodeOf(readTable(bytes, fileName, options)), fileName).toMatchObject({
        code: 'import/unreadable_file',
      });
    }
  });
});
