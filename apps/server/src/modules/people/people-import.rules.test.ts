import { PEOPLE_IMPORT_COLUMNS } from '@kakine/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors/app-error';
import { ImportIssueCollector } from '../../platform/tabular/import-report';
import { templateCsv, templateXlsx } from '../../platform/tabular/import-template';
import { type CellValue, readTable, type Table } from '../../platform/tabular/table-reader';
import {
  mergeImportedPerson,
  PEOPLE_IMPORT_TEMPLATE,
  parsePeopleFile,
  type StoredPersonInput,
} from './people-import.rules';

const HEADERS = PEOPLE_IMPORT_COLUMNS.map((column) => column.ja);

/** A table with the template's Japanese headers (or the given ones) and rows numbered from 2. */
const tableOf = (rows: CellValue[][], headers: string[] = HEADERS): Table => ({
  headers,
  headerRowNumber: 1,
  format: 'csv',
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
});

/** A full row in template order. */
const row = (values: Partial<Record<(typeof PEOPLE_IMPORT_COLUMNS)[number]['key'], CellValue>>): CellValue[] =>
  PEOPLE_IMPORT_COLUMNS.map((column) => values[column.key] ?? null);

const stored: StoredPersonInput = {
  employeeId: 'E-1',
  name: '山田 太郎',
  nameKana: 'ヤマダ タロウ',
  email: 'taro@example.co.jp',
  department: '研究開発部',
  jobTitle: '主任',
  employmentType: 'employee',
  employer: null,
  status: 'leaving',
  lastWorkingDay: '2026-05-31',
  contractEndDate: null,
  notes: null,
};

describe('parsePeopleFile', () => {
  it('reads Japanese labels and English codes for employment type and status, and dates in any accepted form', () => {
    const issues = new ImportIssueCollector('ja');
    const file = parsePeopleFile(
      tableOf([
        row({
          employeeId: 'E-1',
          name: '山田 太郎',
          employmentType: '従業員',
          status: '退職予定',
          lastWorkingDay: '2026/5/31',
        }),
        row({
          employeeId: 'Ｅ－２',
          name: '佐藤 花子',
          employmentType: 'dispatched',
          status: 'Active',
          contractEndDate: 46295,
        }),
        row({
          employeeId: 12345,
          name: 'Lee',
          employmentType: 'Contractor',
          lastWorkingDay: new Date(Date.UTC(2026, 0, 5)),
        }),
      ]),
      issues,
    );
    expect(issues.result().issues).toEqual([]);
    expect(file.rows.map((r) => [r.rowNumber, r.employeeId, r.values.employmentType, r.values.status])).toEqual([
      [2, 'E-1', 'employee', 'leaving'],
      [3, 'E-2', 'dispatched', 'active'],
      [4, '12345', 'contractor', undefined],
    ]);
    expect(file.rows[0]?.values.lastWorkingDay).toBe('2026-05-31');
    expect(file.rows[1]?.values.contractEndDate).toBe('2026-09-30');
    expect(file.rows[2]?.values.lastWorkingDay).toBe('2026-01-05');
  });

  it('leaves columns the file does not have out of the row, and accepts English headers in any order', () => {
    const issues = new ImportIssueCollector('en');
    const file = parsePeopleFile(
      tableOf([['Engineer', 'E-9', 'employee', '鈴木']], ['Job title', 'Employee ID', 'Employment type', 'Name']),
      issues,
    );
    expect(file.rows[0]?.values).toEqual({
      employeeId: 'E-9',
      name: '鈴木',
      jobTitle: 'Engineer',
      employmentType: 'employee',
    });
  });

  it('refuses a file without a required column with import/missing_columns', () => {
    expect(() =>
      parsePeopleFile(tableOf([['E-1', '山田']], ['社員番号', '氏名']), new ImportIssueCollector('ja')),
    ).toThrow(
      expect.objectContaining({
        code: 'import/missing_columns',
        details: { missing: [{ key: 'employmentType', ja: '雇用区分', en: 'Employment type' }] },
      }) as AppError,
    );
  });

  it('reports cell problems per row and column with the header as written, and drops those rows', () => {
    const issues = new ImportIssueCollector('ja');
    const file = parsePeopleFile(
      tableOf([
        row({ employeeId: 'E-1', name: null, employmentType: '正社員' }),
        row({ employeeId: 'E-2', name: { formula: 'A1' }, employmentType: '役員', lastWorkingDay: '2026-02-30' }),
        row({ employeeId: 'E-3', name: '良い 行', employmentType: '役員' }),
      ]),
      issues,
    );
    expect(file.rows.map((r) => r.employeeId)).toEqual(['E-3']);
    const list = issues.result().issues;
    expect(list.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, '氏名', 'required'],
      [2, '雇用区分', 'invalid_value'],
      [3, '氏名', 'formula_not_allowed'],
      [3, '最終出社日', 'invalid_date'],
    ]);
    expect(list[1]?.message).toBe('「雇用区分」の値が正しくありません（従業員、役員、派遣社員、出向者、業務委託）。');
    expect(list[1]?.value).toBe('正社員');
  });

  it('flags every occurrence of an employee id repeated in the file as duplicate_key', () => {
    const issues = new ImportIssueCollector('en');
    const file = parsePeopleFile(
      tableOf([
        row({ employeeId: 'E-1', name: 'A', employmentType: 'employee' }),
        row({ employeeId: 'E-2', name: 'B', employmentType: 'employee' }),
        row({ employeeId: 'Ｅ-1', name: 'C', employmentType: 'employee' }),
      ]),
      issues,
    );
    expect(file.rows.map((r) => r.employeeId)).toEqual(['E-2']);
    expect(issues.result().issues).toEqual([
      expect.objectContaining({ row: 2, column: '社員番号', code: 'duplicate_key', value: 'E-1' }),
      expect.objectContaining({
        row: 4,
        code: 'duplicate_key',
        message: '"社員番号" appears more than once in the file (same as row 2).',
      }),
    ]);
  });

  it('notes unknown columns without invalidating rows', () => {
    const issues = new ImportIssueCollector('ja');
    const file = parsePeopleFile(
      tableOf(
        [[...row({ employeeId: 'E-1', name: 'A', employmentType: 'employee' }), '123']],
        [...HEADERS, '内線番号'],
      ),
      issues,
    );
    expect(file.rows).toHaveLength(1);
    expect(issues.result().issues).toEqual([
      expect.objectContaining({ row: 1, column: '内線番号', code: 'unknown_column' }),
    ]);
    expect(issues.invalidRowCount).toBe(0);
  });
});

describe('mergeImportedPerson', () => {
  const parseOne = (values: Parameters<typeof row>[0], headers?: string[]) => {
    const issues = new ImportIssueCollector('ja');
    const cells = headers
      ? headers.map((h) => values[PEOPLE_IMPORT_COLUMNS.find((c) => c.ja === h)!.key] ?? null)
      : row(values);
    const file = parsePeopleFile(tableOf([cells], headers), issues);
    return { issues, file, parsed: file.rows[0]! };
  };

  it('creates a new person with defaults for what the file does not say', () => {
    const { issues, file, parsed } = parseOne({
      employeeId: 'E-5',
      name: '新人',
      employmentType: '従業員',
      email: 'New@Example.co.jp',
    });
    const merged = mergeImportedPerson(null, parsed, file, issues);
    expect(merged).toEqual({
      ok: true,
      person: expect.objectContaining({
        employeeId: 'E-5',
        status: 'active',
        email: 'new@example.co.jp',
        department: null,
      }),
    });
  });

  it('keeps stored values of absent columns and of a blank status, and clears blank cells of present columns', () => {
    const { issues, file, parsed } = parseOne(
      { employeeId: 'E-1', name: '山田 太郎', employmentType: '従業員', status: null, jobTitle: null },
      ['社員番号', '氏名', '雇用区分', '在籍状況', '役職'],
    );
    const merged = mergeImportedPerson(stored, parsed, file, issues);
    expect(merged.ok && merged.person).toEqual({ ...stored, jobTitle: null });
  });

  it('requires a last working day for a leaving person, on the last-working-day column', () => {
    const { issues, file, parsed } = parseOne({
      employeeId: 'E-7',
      name: 'A',
      employmentType: 'employee',
      status: '退職済み',
    });
    expect(mergeImportedPerson(null, parsed, file, issues)).toEqual({ ok: false });
    expect(issues.result().issues).toEqual([
      expect.objectContaining({
        row: 2,
        column: '最終出社日',
        code: 'required',
        message: '「最終出社日」は必須です（退職予定・退職済みの場合は必須）。',
      }),
    ]);
  });

  it('reports an invalid e-mail address as invalid_email', () => {
    const { issues, file, parsed } = parseOne({
      employeeId: 'E-8',
      name: 'A',
      employmentType: 'employee',
      email: 'not-an-address',
    });
    expect(mergeImportedPerson(null, parsed, file, issues)).toEqual({ ok: false });
    expect(issues.result().issues[0]).toMatchObject({
      column: 'メールアドレス',
      code: 'invalid_email',
      value: 'not-an-address',
    });
  });
});

describe('PEOPLE_IMPORT_TEMPLATE', () => {
  it('reads back, as XLSX and as CSV, into people without issues', async () => {
    for (const [bytes, name] of [
      [await templateXlsx(PEOPLE_IMPORT_TEMPLATE), 'template.xlsx'],
      [Buffer.from(templateCsv(PEOPLE_IMPORT_TEMPLATE), 'utf8'), 'template.csv'],
    ] as const) {
      const table = await readTable(bytes, name, { maxRows: 10 });
      expect(table.headers).toEqual(HEADERS);
      const issues = new ImportIssueCollector('ja');
      const file = parsePeopleFile(table, issues);
      const merged = file.rows.map((r) => mergeImportedPerson(null, r, file, issues));
      expect(issues.result().issues, name).toEqual([]);
      expect(merged.map((m) => m.ok && [m.person.employmentType, m.person.status, m.person.lastWorkingDay])).toEqual([
        ['employee', 'active', null],
        ['dispatched', 'leaving', '2026-09-30'],
      ]);
    }
  });

  it('explains every column and its allowed values on a Japanese second sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateXlsx(PEOPLE_IMPORT_TEMPLATE)) as unknown as ExcelJS.Buffer);
    const guide = workbook.getWorksheet('記入方法')!;
    expect(guide).toBeDefined();
    const rows = new Map<string, string[]>();
    guide.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      if (values[0]) rows.set(values[0], values);
    });
    for (const column of PEOPLE_IMPORT_COLUMNS) {
      expect(rows.get(column.ja)?.[2], column.key).toBe(column.required ? '必須' : '');
    }
    expect(rows.get('雇用区分')?.[5]).toBe('従業員、役員、派遣社員、出向者、業務委託');
    expect(rows.get('在籍状況')?.[5]).toBe('在籍、退職予定、退職済み');
  });
});
