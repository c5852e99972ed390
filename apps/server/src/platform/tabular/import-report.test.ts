import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import {
  buildImportReport,
  cellToText,
  createRowReader,
  excelSerialToIsoDate,
  ImportIssueCollector,
  importRejected,
  mapHeaders,
  parseBooleanCell,
  parseChoiceCell,
  parseDateCell,
  parseIntegerCell,
  parseListCell,
  parseTextCell,
} from './import-report';

const COLUMNS = [
  { key: 'code', ja: 'コード', en: 'Code', required: true },
  { key: 'name', ja: '名称', en: 'Name', required: true },
  { key: 'since', ja: '開始日', en: 'Since', required: false },
] as const;

describe('mapHeaders', () => {
  it('finds columns by Japanese or English header, trimmed, full-width and case normalised', () => {
    const map = mapHeaders([' ｺｰﾄﾞ ', 'ＮＡＭＥ', '開始日（必須）', ''], COLUMNS);
    expect(map.index).toEqual({ code: 0, name: 1, since: 2 });
    expect(map.header.code).toBe(' ｺｰﾄﾞ ');
    expect(map.unknown).toEqual([]);
  });

  it('returns unknown and repeated columns for the importer to report', () => {
    const map = mapHeaders(['コード', '名称', '色', 'Code'], COLUMNS);
    expect(map.unknown).toEqual([
      { index: 2, header: '色' },
      { index: 3, header: 'Code' },
    ]);
  });

  it('throws import/missing_columns listing every missing required column', () => {
    try {
      mapHeaders(['開始日', 'その他'], COLUMNS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('import/missing_columns');
      expect((error as AppError).details).toEqual({
        missing: [
          { key: 'code', ja: 'コード', en: 'Code' },
          { key: 'name', ja: '名称', en: 'Name' },
        ],
      });
    }
  });
});

describe('cell parsers', () => {
  it.each([
    ['2026-04-01', '2026-04-01'],
    ['2026/4/1', '2026-04-01'],
    ['２０２６／０４／０１', '2026-04-01'],
    ['2026.04.01', '2026-04-01'],
    ['20260401', '2026-04-01'],
    ['2026年4月1日', '2026-04-01'],
    ['2026/04/01 00:00:00', '2026-04-01'],
    ['46113', '2026-04-01'],
    [46113, '2026-04-01'],
    [46113.75, '2026-04-01'],
    [new Date(Date.UTC(2026, 3, 1)), '2026-04-01'],
    [null, null],
    ['  ', null],
  ] as const)('reads the date %j as %j', (input, expected) => {
    expect(parseDateCell(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['2026-02-30', '2026/13/01', '1/4/2026', 'tomorrow', '123', true, 0])('refuses the date %j', (input) => {
    expect(parseDateCell(input)).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('converts Excel serial numbers on both sides of the 1900 leap-year bug correction', () => {
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(45292)).toBe('2024-01-01');
    expect(excelSerialToIsoDate(60)).toBeNull();
  });

  it('refuses formulas in every kind of cell', () => {
    const formula = { formula: 'A1+1' };
    for (const result of [
      parseTextCell(formula, { max: 10 }),
      parseDateCell(formula),
      parseIntegerCell(formula),
      parseBooleanCell(formula),
      parseListCell(formula),
      parseChoiceCell(formula, { a: { ja: 'あ', en: 'A' } }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'formula_not_allowed' });
    }
  });

  it('reads integers with separators and full-width digits within bounds', () => {
    expect(parseIntegerCell('１,２３４')).toEqual({ ok: true, value: 1234 });
    expect(parseIntegerCell(7)).toEqual({ ok: true, value: 7 });
    expect(parseIntegerCell('3.0')).toEqual({ ok: true, value: 3 });
    expect(parseIntegerCell('3.5')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(parseIntegerCell(2.5)).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(parseIntegerCell('12', { max: 10 })).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(parseIntegerCell('')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['○', true],
    ['◯', true],
    ['はい', true],
    ['YES', true],
    ['true', true],
    ['1', true],
    [true, true],
    [1, true],
    ['×', false],
    ['いいえ', false],
    ['no', false],
    ['FALSE', false],
    ['0', false],
    [null, false],
    ['', false],
  ] as const)('reads the yes/no value %j as %j', (input, expected) => {
    expect(parseBooleanCell(input)).toEqual({ ok: true, value: expected });
  });

  it('refuses a yes/no value it does not know', () => {
    expect(parseBooleanCell('maybe')).toMatchObject({ ok: false, code: 'invalid_value' });
  });

  it('splits lists on line breaks, 「、」 and commas, dropping blanks and repeats', () => {
    expect(parseListCell('製品A、製品B\n製品C, 製品A,\r\n')).toEqual({ ok: true, value: ['製品A', '製品B', '製品C'] });
    expect(parseListCell(null)).toEqual({ ok: true, value: [] });
  });

  it('reads text, refusing control characters and text over the limit, and unescapes exported formulas', () => {
    expect(parseTextCell('  山田  ', { max: 10 })).toEqual({ ok: true, value: '山田' });
    expect(parseTextCell(12345, { max: 10 })).toEqual({ ok: true, value: '12345' });
    expect(parseTextCell("'=SUM(A1)", { max: 20 })).toEqual({ ok: true, value: '=SUM(A1)' });
    expect(parseTextCell('a\u0007b', { max: 10 })).toMatchObject({ ok: false, code: 'invalid_value' });
    expect(parseTextCell('1行目\n2行目', { max: 10 })).toMatchObject({ ok: false, code: 'invalid_value' });
    expect(parseTextCell('1行目\n2行目', { max: 10, multiline: true })).toEqual({ ok: true, value: '1行目\n2行目' });
    expect(parseTextCell('あいうえおか', { max: 5 })).toMatchObject({ ok: false, code: 'too_long' });
    expect(cellToText(1e21)).toBe('1000000000000000000000');
  });

  it('reads a choice by code, Japanese label or English label', () => {
    const labels = { employee: { ja: '従業員', en: 'Employee' }, officer: { ja: '役員', en: 'Officer' } };
    expect(parseChoiceCell('従業員', labels)).toEqual({ ok: true, value: 'employee' });
    expect(parseChoiceCell('OFFICER', labels)).toEqual({ ok: true, value: 'officer' });
    expect(parseChoiceCell('officer', labels)).toEqual({ ok: true, value: 'officer' });
    expect(parseChoiceCell('社長', labels)).toEqual({
      ok: false,
      code: 'invalid_value',
      hint: { ja: '従業員、役員', en: 'Employee, Officer' },
    });
  });
});

describe('ImportIssueCollector and the row reader', () => {
  const map = mapHeaders(['コード', '名称', '開始日'], COLUMNS);

  it('records per-cell issues with the header as written, the value and a message in the caller language', () => {
    const issues = new ImportIssueCollector('ja');
    const reader = createRowReader({ rowNumber: 7, cells: [null, '名前', 'あした'] }, map, COLUMNS, issues);
    expect(reader.text('code', { max: 10 })).toBeUndefined();
    expect(reader.text('name', { max: 10 })).toBe('名前');
    expect(reader.date('since')).toBeUndefined();
    const { issues: list } = issues.result();
    expect(list).toEqual([
      { row: 7, column: 'コード', code: 'required', message: '「コード」は必須です。', value: null },
      {
        row: 7,
        column: '開始日',
        code: 'invalid_date',
        message: '「開始日」は日付で入力してください（YYYY/MM/DD または YYYY-MM-DD）。',
        value: 'あした',
      },
    ]);
    expect(issues.isInvalid(7)).toBe(true);
    expect(issues.isInvalid(8)).toBe(false);
  });

  it('writes English messages for English callers', () => {
    const issues = new ImportIssueCollector('en');
    createRowReader({ rowNumber: 2, cells: ['C', null, null] }, map, COLUMNS, issues).text('name', { max: 10 });
    expect(issues.result().issues[0]?.message).toBe('"名称" is required.');
  });

  it('caps the list at 1,000 issues but keeps counting invalid rows', () => {
    const issues = new ImportIssueCollector('en');
    for (let row = 2; row < 1_502; row++) issues.add({ row, column: 'x', code: 'required' });
    const report = buildImportReport(
      {
        totalRows: 2_000,
        created: 0,
        updated: 0,
        unchanged: 0,
        committed: false,
        mode: 'all_or_nothing',
        dryRun: true,
      },
      issues,
    );
    expect(report.issues).toHaveLength(1_000);
    expect(report.issuesTruncated).toBe(true);
    expect(report.invalidRows).toBe(1_500);
    expect(report.validRows).toBe(500);
  });

  it('notes header issues without invalidating rows, sorts by row, and cuts long values', () => {
    const issues = new ImportIssueCollector('ja');
    issues.add({ row: 5, column: 'a', code: 'too_long', value: 'x'.repeat(300) });
    issues.note({ row: 1, column: '色', code: 'unknown_column' });
    const { issues: list } = issues.result();
    expect(list.map((issue) => issue.row)).toEqual([1, 5]);
    expect(list[1]?.value).toHaveLength(100);
    expect(issues.invalidRowCount).toBe(1);
  });

  it('wraps a refused report in a 422 import/rejected error', () => {
    const report = buildImportReport(
      { totalRows: 1, created: 0, updated: 0, unchanged: 0, committed: false, mode: 'all_or_nothing', dryRun: false },
      new ImportIssueCollector('ja'),
    );
    const error = importRejected(report);
    expect(error.code).toBe('import/rejected');
    expect(error.status).toBe(422);
    expect(error.details).toBe(report);
  });
});
