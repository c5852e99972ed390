import {
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  type ImportIssueCode,
  PEOPLE_IMPORT_COLUMNS,
  PERSON_STATUS_LABELS,
  PERSON_STATUSES,
  PersonInput,
} from '@kakine/contracts';
import {
  createRowReader,
  type HeaderMap,
  type ImportIssueCollector,
  mapHeaders,
  reportUnknownColumns,
} from '../../platform/tabular/import-report';
import type { ImportTemplate } from '../../platform/tabular/import-template';
import type { Table } from '../../platform/tabular/table-reader';
import { normaliseEmployeeId, PERSON_FIELDS, type PersonField } from './people.rules';

/** The key of a column of the HR import. */
export type PeopleImportColumn = (typeof PEOPLE_IMPORT_COLUMNS)[number]['key'];

/**
 * One row of an HR file as read: the values of the columns the file has (a column the file lacks is absent, so that
 * re-importing a file with fewer columns leaves the other fields alone). A blank status cell is absent too: HR exports
 * often leave it empty, and that must not turn a person who gave notice back into an active one.
 */
export type ImportedPersonRow = {
  rowNumber: number;
  employeeId: string;
  values: Partial<Record<PersonField, string | null>>;
};

/** The readable rows of an HR file and how to name its columns in issues. */
export type ParsedPeopleFile = {
  rows: ImportedPersonRow[];
  /** The header of a column as the file writes it (or the template's Japanese header when the file lacks it). */
  headerOf: (key: PeopleImportColumn) => string;
};

const MAX_LENGTH: Record<PersonField, number> = {
  employeeId: 64,
  name: 200,
  nameKana: 200,
  email: 320,
  department: 200,
  jobTitle: 200,
  employmentType: 64,
  employer: 200,
  status: 64,
  lastWorkingDay: 10,
  contractEndDate: 10,
  notes: 2_000,
};

const TEXT_FIELDS = ['name', 'nameKana', 'email', 'department', 'jobTitle', 'employer', 'notes'] as const;

/**
 * Reads the data rows of an HR file (CSV or XLSX) against PEOPLE_IMPORT_COLUMNS: maps the headers (throws
 * `import/missing_columns`), notes unknown columns, reads every cell (employment type and status as Japanese labels,
 * English labels or codes; dates in any accepted form), and flags employee ids that appear more than once in the
 * file (`duplicate_key` on every occurrence: which one is right cannot be guessed). Rows with issues are left out.
 */
export const parsePeopleFile = (table: Table, issues: ImportIssueCollector): ParsedPeopleFile => {
  const map: HeaderMap<PeopleImportColumn> = mapHeaders(table.headers, PEOPLE_IMPORT_COLUMNS);
  reportUnknownColumns(map, table.headerRowNumber, issues);
  const headerOf = (key: PeopleImportColumn) =>
    map.header[key] ?? PEOPLE_IMPORT_COLUMNS.find((column) => column.key === key)?.ja ?? key;

  const read: ImportedPersonRow[] = [];
  const firstRowOf = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  for (const row of table.rows) {
    const cells = createRowReader(row, map, PEOPLE_IMPORT_COLUMNS, issues);
    const values: ImportedPersonRow['values'] = {};
    const employeeId = cells.text('employeeId', { max: MAX_LENGTH.employeeId });
    for (const field of TEXT_FIELDS) {
      if (!cells.has(field)) continue;
      const value = cells.text(field, { max: MAX_LENGTH[field] });
      if (value !== undefined) values[field] = value;
    }
    const employmentType = cells.choice('employmentType', EMPLOYMENT_TYPE_LABELS);
    if (employmentType) values.employmentType = employmentType;
    if (cells.has('status')) {
      const status = cells.choice('status', PERSON_STATUS_LABELS);
      if (status) values.status = status;
    }
    for (const field of ['lastWorkingDay', 'contractEndDate'] as const) {
      if (!cells.has(field)) continue;
      const value = cells.date(field);
      if (value !== undefined) values[field] = value;
    }
    if (employeeId === undefined || employeeId === null) continue;
    const key = normaliseEmployeeId(employeeId);
    const first = firstRowOf.get(key);
    if (first === undefined) firstRowOf.set(key, row.rowNumber);
    else duplicates.set(key, [...(duplicates.get(key) ?? [first]), row.rowNumber]);
    read.push({ rowNumber: row.rowNumber, employeeId: key, values: { ...values, employeeId: key } });
  }
  for (const rows of duplicates.values()) {
    rows.forEach((rowNumber, i) => {
      const other = i === 0 ? rows[1] : rows[0];
      const value = read.find((r) => r.rowNumber === rowNumber)?.employeeId ?? null;
      issues.add({ row: rowNumber, column: headerOf('employeeId'), code: 'duplicate_key', value, otherRow: other });
    });
  }
  return { rows: read.filter((row) => !issues.isInvalid(row.rowNumber)), headerOf };
};

/** The contract's person fields of a stored person, as the merge starts from them. */
export type StoredPersonInput = { [F in PersonField]: PersonInput[F] };

/** The result of applying one row of the file to the stored person (or to nothing, for a new person). */
export type MergedPerson = { ok: true; person: PersonInput } | { ok: false };

const LAST_DAY_HINT = {
  ja: '退職予定・退職済みの場合は必須',
  en: 'required for a person who is leaving or has left',
} as const;

/**
 * Applies one row to the stored person: the row's columns replace the stored values, the others stay. The result
 * is validated with the same `PersonInput` schema as the form, and its problems are recorded against the row.
 */
export const mergeImportedPerson = (
  stored: StoredPersonInput | null,
  row: ImportedPersonRow,
  file: ParsedPeopleFile,
  issues: ImportIssueCollector,
): MergedPerson => {
  const base: Record<string, unknown> = stored ? { ...stored } : { status: 'active' };
  for (const field of PERSON_FIELDS) {
    if (field in row.values) base[field] = row.values[field];
  }
  const parsed = PersonInput.safeParse(base);
  if (parsed.success) return { ok: true, person: parsed.data };
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as PersonField | undefined;
    const column = field && (PERSON_FIELDS as readonly string[]).includes(field) ? field : null;
    if (seen.has(column ?? '')) continue;
    seen.add(column ?? '');
    let code: ImportIssueCode = 'invalid_value';
    let hint: { ja: string; en: string } | undefined;
    if (column === 'email') code = 'invalid_email';
    else if (column === 'lastWorkingDay' && issue.code === 'custom') {
      code = 'required';
      hint = LAST_DAY_HINT;
    } else if (issue.code === 'too_big') code = 'too_long';
    else if (base[column ?? ''] === undefined || base[column ?? ''] === null) code = 'required';
    issues.add({
      row: row.rowNumber,
      column: column ? file.headerOf(column) : null,
      code,
      value: column ? ((base[column] as string | null | undefined) ?? null) : null,
      hint,
    });
  }
  return { ok: false };
};

/** The HR import template: Japanese headers, an explanation of each column, the allowed values and two examples. */
export const PEOPLE_IMPORT_TEMPLATE: ImportTemplate = {
  baseName: 'people-import',
  sheetName: '人員名簿',
  columns: PEOPLE_IMPORT_COLUMNS.map((column) => {
    const explained = {
      employeeId: {
        ja: '社員番号。取り込みのキーで、同じ社員番号の行は既存の人員を更新します。',
        en: 'The employee ID: the key of the import; a row with a known ID updates that person.',
        kind: 'text',
      },
      name: { ja: '氏名（例：山田 太郎）。', en: 'Full name.', kind: 'text' },
      nameKana: { ja: 'フリガナ（全角カタカナ推奨）。並べ替えに使います。', en: 'Reading in kana.', kind: 'text' },
      email: {
        ja: 'メールアドレス。Kakine のユーザーと同じアドレスなら、そのユーザーと紐付きます。',
        en: 'E-mail address; links the person to the Kakine user with the same address.',
        kind: 'text',
      },
      department: { ja: '部署名。部署単位のアクセス権に使います。', en: 'Department.', kind: 'text' },
      jobTitle: { ja: '役職。', en: 'Job title.', kind: 'text' },
      employmentType: {
        ja: '雇用区分。日本語の区分名または英語のコードで入力します。',
        en: 'Employment type, as a Japanese label or an English code.',
        kind: 'text',
      },
      employer: {
        ja: '派遣社員・出向者・業務委託の場合の所属元企業。',
        en: 'The company a dispatched worker, secondee or contractor comes from.',
        kind: 'text',
      },
      status: {
        ja: '在籍状況。空欄の場合、新規は「在籍」、既存の人員は変更しません。',
        en: 'Status; blank means active for a new person and no change for an existing one.',
        kind: 'text',
      },
      lastWorkingDay: {
        ja: '最終出社日。「退職予定」「退職済み」の場合は必須です。',
        en: 'Last working day; required when leaving or left.',
        kind: 'date',
      },
      contractEndDate: { ja: '契約終了日（派遣・出向・業務委託）。', en: 'Contract end date.', kind: 'date' },
      notes: { ja: '備考（2,000文字まで、改行不可）。', en: 'Notes (up to 2,000 characters, one line).', kind: 'text' },
    } as const;
    const about = explained[column.key];
    const choices =
      column.key === 'employmentType'
        ? EMPLOYMENT_TYPES.map((type) => EMPLOYMENT_TYPE_LABELS[type].ja)
        : column.key === 'status'
          ? PERSON_STATUSES.map((status) => PERSON_STATUS_LABELS[status].ja)
          : undefined;
    return {
      ja: column.ja,
      en: column.en,
      required: column.required,
      description: { ja: about.ja, en: about.en },
      kind: about.kind,
      ...(choices ? { choices } : {}),
    };
  }),
  examples: [
    [
      'E-00123',
      '山田 太郎',
      'ヤマダ タロウ',
      'taro.yamada@example.co.jp',
      '研究開発部',
      '主任研究員',
      EMPLOYMENT_TYPE_LABELS.employee.ja,
      null,
      PERSON_STATUS_LABELS.active.ja,
      null,
      null,
      null,
    ],
    [
      'H-00045',
      '佐藤 花子',
      'サトウ ハナコ',
      null,
      '生産技術部',
      null,
      EMPLOYMENT_TYPE_LABELS.dispatched.ja,
      '株式会社サンプル人材',
      PERSON_STATUS_LABELS.leaving.ja,
      new Date(Date.UTC(2026, 8, 30)),
      new Date(Date.UTC(2026, 8, 30)),
      '設備保全を担当',
    ],
  ],
};
