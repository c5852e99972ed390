import {
  DEFAULT_CLASSIFICATION_LEVELS,
  type ImportIssue,
  type Locale,
  REGISTER_IMPORT_COLUMNS,
  type TechnologyInputParsed,
} from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { ImportIssueCollector, mapHeaders } from '../../platform/tabular/import-report';
import type { CellValue } from '../../platform/tabular/table-reader';
import {
  buildRegisterImportLookups,
  lookupKey,
  type RegisterImportKey,
  readRegisterRows,
  registerRowCells,
  technologyChanged,
  technologyInputOf,
} from './register-import.rules';

const OWNER_ID = '0190a3c4-0000-7000-8000-000000000001';
const EVIDENCE_ID = '0190a3c4-0000-7000-8000-0000000000e1';

const lookups = buildRegisterImportLookups({
  levels: DEFAULT_CLASSIFICATION_LEVELS,
  designatedInForce: [
    {
      code: 'MLCC',
      number: 1,
      nameJa: '積層セラミックコンデンサ（MLCC）',
      nameEn: 'Multilayer ceramic capacitors (MLCC)',
    },
    { code: 'BARIUM_TITANATE', number: 5, nameJa: 'チタン酸バリウム', nameEn: 'Barium titanate powder' },
  ],
  designatedCodesOfAnyVersion: ['MLCC', 'BARIUM_TITANATE', 'RETIRED_CODE'],
  owners: [{ id: OWNER_ID, email: 'Tech@Minato-Ceramics.example' }],
  countries: [
    { alpha2: 'JP', alpha3: 'JPN', nameJa: '日本', nameEn: 'Japan' },
    { alpha2: 'CN', alpha3: 'CHN', nameJa: '中華人民共和国', nameEn: 'China' },
    { alpha2: 'TH', alpha3: 'THA', nameJa: 'タイ', nameEn: 'Thailand' },
  ],
});

const JA_HEADERS = REGISTER_IMPORT_COLUMNS.map((c) => c.ja);
const keyOfHeader = (header: string): RegisterImportKey | undefined =>
  REGISTER_IMPORT_COLUMNS.find((c) => [c.ja, c.en, c.key as string].includes(header))?.key;

type Cells = Partial<Record<RegisterImportKey, CellValue>>;
const BASE: Cells = { code: 'T-001', nameJa: '誘電体シート成形技術', classification: '極秘' };

/** Reads rows through the rules as an import would, with the template's Japanese headers unless others are given. */
const read = (
  rows: Cells[],
  options: { headers?: string[]; existing?: TechnologyInputParsed[]; locale?: Locale } = {},
): { valid: { rowNumber: number; input: TechnologyInputParsed }[]; issues: ImportIssue[] } => {
  const headers = options.headers ?? JA_HEADERS;
  const map = mapHeaders(headers, REGISTER_IMPORT_COLUMNS);
  const issues = new ImportIssueCollector(options.locale ?? 'ja');
  const valid = readRegisterRows(
    rows.map((cells, i) => ({
      rowNumber: i + 2,
      cells: headers.map((h) => {
        const key = keyOfHeader(h);
        return key === undefined ? null : (cells[key] ?? null);
      }),
    })),
    map,
    { lookups, existingByCode: new Map((options.existing ?? []).map((e) => [e.code, e])), issues },
  );
  return { valid, issues: issues.result().issues };
};

const one = (cells: Cells, options: Parameters<typeof read>[1] = {}) => {
  const { valid, issues } = read([{ ...BASE, ...cells }], options);
  return { input: valid[0]?.input ?? null, issues };
};

const issueOf = (cells: Cells, options: Parameters<typeof read>[1] = {}) => {
  const { input, issues } = one(cells, options);
  expect(input).toBeNull();
  expect(issues.length).toBeGreaterThan(0);
  return issues[0]!;
};

describe('a complete row', () => {
  it('becomes the TechnologyInput the form would send', () => {
    const { input, issues } = one({
      code: 'MLCC-EL-01',
      nameJa: '積層セラミックコンデンサ 内部電極形成技術',
      nameEn: 'MLCC inner electrode printing',
      description: 'ニッケル内部電極の印刷条件\n（膜厚 0.5µm）',
      products: 'GRM0335\nGRM155、GCM188,GJM033',
      ownerEmail: 'tech@minato-ceramics.example',
      department: '開発部',
      classification: '極秘',
      isCore: '○',
      coreReason: '競合が再現できない歩留まりの源泉',
      designatedCodes: '積層セラミックコンデンサ\n5',
      exportControlStatus: '非該当',
      exportControlRef: '外為令別表 2の項',
      exportControlAssessor: '山本 修',
      exportControlDate: new Date(Date.UTC(2025, 3, 1)),
      locations:
        '拠点|本社工場|JP|滋賀県野洲市\n拠点|タイ工場|タイ|\nシステム|開発ファイルサーバ||\\\\fs01\\開発\\MLCC',
      reviewIntervalMonths: 6,
      lastReviewedOn: '2025/10/01',
    });
    expect(issues).toEqual([]);
    expect(input).toEqual({
      code: 'MLCC-EL-01',
      nameJa: '積層セラミックコンデンサ 内部電極形成技術',
      nameEn: 'MLCC inner electrode printing',
      description: 'ニッケル内部電極の印刷条件\n（膜厚 0.5µm）',
      products: ['GRM0335', 'GRM155', 'GCM188', 'GJM033'],
      ownerUserId: OWNER_ID,
      department: '開発部',
      classificationCode: 'top_secret',
      isCore: true,
      coreReason: '競合が再現できない歩留まりの源泉',
      designatedCodes: ['MLCC', 'BARIUM_TITANATE'],
      exportControl: {
        status: 'not_applicable',
        listItemRef: '外為令別表 2の項',
        assessorName: '山本 修',
        assessedOn: '2025-04-01',
        evidenceFileIds: [],
      },
      locations: [
        { kind: 'site', name: '本社工場', countryCode: 'JP', detail: '滋賀県野洲市' },
        { kind: 'site', name: 'タイ工場', countryCode: 'TH', detail: null },
        { kind: 'system', name: '開発ファイルサーバ', countryCode: null, detail: '\\\\fs01\\開発\\MLCC' },
      ],
      reviewIntervalMonths: 6,
      lastReviewedOn: '2025-10-01',
    });
  });

  it('gets the defaults for every blank optional cell', () => {
    const { input } = one({});
    expect(input).toMatchObject({
      nameEn: null,
      description: '',
      products: [],
      ownerUserId: null,
      isCore: false,
      designatedCodes: [],
      exportControl: { status: 'undetermined', assessedOn: null },
      locations: [],
      reviewIntervalMonths: null,
      lastReviewedOn: null,
    });
  });

  it('reads the English headers too and names them in issues as written', () => {
    const headers = REGISTER_IMPORT_COLUMNS.map((c) => c.en);
    const { input } = one({ classification: 'Internal only' }, { headers });
    expect(input?.classificationCode).toBe('confidential');
    const issue = issueOf({ classification: 'Ultra' }, { headers, locale: 'en' });
    expect(issue).toMatchObject({ row: 2, column: 'Classification', code: 'unknown_reference', value: 'Ultra' });
    expect(issue.message).toContain('Top secret, Secret, Internal only, Public');
  });
});

describe('classification', () => {
  it.each([
    ['極秘', 'top_secret'],
    ['社外秘', 'confidential'],
    ['public', 'public'],
    ['Top Secret', 'top_secret'],
    ['ＳＥＣＲＥＴ', 'secret'],
    [' 秘 ', 'secret'],
  ])('%s is the level %s', (cell, code) => {
    expect(one({ classification: cell }).input?.classificationCode).toBe(code);
  });

  it('refuses a level the tenant does not have, listing the levels it has', () => {
    const issue = issueOf({ classification: '部外秘' });
    expect(issue).toMatchObject({ column: '機密区分', code: 'unknown_reference', value: '部外秘' });
    expect(issue.message).toContain('極秘、秘、社外秘、公開');
  });

  it('is required', () => {
    expect(issueOf({ classification: null })).toMatchObject({ column: '機密区分', code: 'required' });
  });
});

describe('core technology flag', () => {
  it.each<[CellValue, boolean]>([
    ['○', true],
    ['◯', true],
    ['はい', true],
    ['true', true],
    [true, true],
    [1, true],
    ['×', false],
    ['いいえ', false],
    [false, false],
    [null, false],
  ])('%s reads as %s', (cell, expected) => {
    expect(one({ isCore: cell, coreReason: '理由' }).input?.isCore).toBe(expected);
  });

  it('refuses anything else', () => {
    expect(issueOf({ isCore: 'たぶん' })).toMatchObject({ column: 'コア技術', code: 'invalid_value' });
  });

  it('needs a reason when set', () => {
    const issue = issueOf({ isCore: '○', coreReason: null });
    expect(issue).toMatchObject({ column: 'コア技術の理由', code: 'required' });
    expect(issue.message).toContain('コア技術の場合は必須');
  });
});

describe('designated technologies', () => {
  it.each<[CellValue, string[]]>([
    ['MLCC', ['MLCC']],
    ['mlcc', ['MLCC']],
    ['ＭＬＣＣ', ['MLCC']],
    [1, ['MLCC']],
    ['1', ['MLCC']],
    ['積層セラミックコンデンサ', ['MLCC']],
    ['積層セラミックコンデンサ（MLCC）', ['MLCC']],
    ['Multilayer ceramic capacitors', ['MLCC']],
    ['チタン酸バリウム、MLCC', ['BARIUM_TITANATE', 'MLCC']],
    ['MLCC\n1\n積層セラミックコンデンサ', ['MLCC']],
    ['RETIRED_CODE', ['RETIRED_CODE']],
  ])('%s maps to %j', (cell, codes) => {
    expect(one({ designatedCodes: cell }).input?.designatedCodes).toEqual(codes);
  });

  it.each(['99', 'コンデンサ', 'RETIRED'])('refuses %s, naming the item', (cell) => {
    const issue = issueOf({ designatedCodes: `MLCC\n${cell}` });
    expect(issue).toMatchObject({ column: '重要管理対象技術', code: 'unknown_reference' });
    expect(issue.message).toContain(`「${cell}」`);
  });
});

describe('export control', () => {
  it.each([
    ['該当', 'applicable'],
    ['非該当', 'not_applicable'],
    ['未判定', 'undetermined'],
    ['applicable', 'applicable'],
    ['Not controlled', 'not_applicable'],
  ])('%s is %s', (cell, status) => {
    expect(one({ exportControlStatus: cell, exportControlDate: '2025-04-01' }).input?.exportControl.status).toBe(
      status,
    );
  });

  it('needs the date once classified', () => {
    expect(issueOf({ exportControlStatus: '該当' })).toMatchObject({ column: '判定日', code: 'required' });
  });

  it('refuses an unknown result, listing the allowed ones', () => {
    const issue = issueOf({ exportControlStatus: 'たぶん該当' });
    expect(issue).toMatchObject({ column: '該非判定', code: 'invalid_value' });
    expect(issue.message).toContain('該当、非該当、未判定');
  });
});

describe('owner', () => {
  it('is found by e-mail whatever its case', () => {
    expect(one({ ownerEmail: ' TECH@minato-ceramics.example ' }).input?.ownerUserId).toBe(OWNER_ID);
  });

  it('refuses an address that is not a user of the tenant', () => {
    expect(issueOf({ ownerEmail: 'someone@else.example' })).toMatchObject({
      column: '技術オーナー（メール）',
      code: 'unknown_reference',
    });
  });

  it('refuses text that is not an address', () => {
    expect(issueOf({ ownerEmail: '伊藤さん' })).toMatchObject({ code: 'invalid_email', value: '伊藤さん' });
  });
});

describe('locations', () => {
  it.each<[string, object]>([
    [
      'site|Bangkok plant|Thailand|Amata City',
      { kind: 'site', name: 'Bangkok plant', countryCode: 'TH', detail: 'Amata City' },
    ],
    ['拠点|上海工場|中華人民共和国', { kind: 'site', name: '上海工場', countryCode: 'CN', detail: null }],
    ['拠点｜本社｜ｊｐ｜', { kind: 'site', name: '本社', countryCode: 'JP', detail: null }],
    [
      'system|GitLab||https://git.example/mlcc|main',
      { kind: 'system', name: 'GitLab', countryCode: null, detail: 'https://git.example/mlcc|main' },
    ],
    ['システム|PLM|JP|', { kind: 'system', name: 'PLM', countryCode: null, detail: null }],
  ])('%s', (cell, location) => {
    expect(one({ locations: cell }).input?.locations).toEqual([location]);
  });

  it.each<[string, string, string]>([
    ['拠点|本社工場||', 'required', '拠点には国コードが必要です'],
    ['拠点|本社工場|ZZ|', 'unknown_reference', '国「ZZ」はカタログにありません'],
    ['倉庫|第2倉庫|JP|', 'invalid_value', '「倉庫|第2倉庫|JP|」'],
    ['本社工場', 'invalid_value', '1行に1件'],
    ['拠点||JP|', 'invalid_value', '1行に1件'],
  ])('refuses %s', (cell, code, text) => {
    const issue = issueOf({ locations: `拠点|本社|JP|\n${cell}` });
    expect(issue).toMatchObject({ column: '保管場所', code });
    expect(issue.message).toContain(text);
  });
});

describe('dates', () => {
  it.each<[CellValue, string]>([
    [new Date(Date.UTC(2025, 9, 1)), '2025-10-01'],
    [45_931, '2025-10-01'],
    ['45931', '2025-10-01'],
    ['2025/10/1', '2025-10-01'],
    ['2025-10-01', '2025-10-01'],
    ['2025年10月1日', '2025-10-01'],
  ])('%s is %s', (cell, date) => {
    expect(one({ lastReviewedOn: cell }).input?.lastReviewedOn).toBe(date);
  });

  it.each(['2025-02-30', '来月', '10/1'])('refuses %s', (cell) => {
    expect(issueOf({ lastReviewedOn: cell })).toMatchObject({ column: '最終見直し日', code: 'invalid_date' });
  });
});

describe('other cells', () => {
  it('refuses formulas in any column', () => {
    const issue = issueOf({ nameJa: { formula: 'A1&"技術"' } });
    expect(issue).toMatchObject({ column: '技術名', code: 'formula_not_allowed', value: '=A1&"技術"' });
  });

  it('refuses over-long text with the limit', () => {
    const issue = issueOf({ nameJa: 'あ'.repeat(201) });
    expect(issue).toMatchObject({ column: '技術名', code: 'too_long' });
    expect(issue.message).toContain('200文字以内');
    expect(one({ nameJa: 'あ'.repeat(200) }).issues).toEqual([]);
  });

  it('refuses a code with characters the register does not allow', () => {
    expect(issueOf({ code: 'T 001' })).toMatchObject({ column: '技術コード', code: 'invalid_value' });
  });

  it('needs a code and a name', () => {
    const { issues } = read([{ classification: '秘' }]);
    expect(issues.map((i) => [i.column, i.code])).toEqual([
      ['技術コード', 'required'],
      ['技術名', 'required'],
    ]);
  });

  it.each<[CellValue, string]>([
    [0, 'invalid_number'],
    [61, 'invalid_number'],
    ['毎年', 'invalid_number'],
  ])('refuses a review cadence of %s', (cell, code) => {
    expect(issueOf({ reviewIntervalMonths: cell })).toMatchObject({ column: '見直し周期（月）', code });
  });

  it('splits products on line breaks, 「、」 and commas and drops repeats', () => {
    expect(one({ products: 'A\r\nB、C，D,A' }).input?.products).toEqual(['A', 'B', 'C', 'D']);
  });

  it('reads back text that our exports escaped with an apostrophe', () => {
    expect(one({ description: "'=1+1 は数式ではない" }).input?.description).toBe('=1+1 は数式ではない');
  });
});

describe('the whole file', () => {
  it('refuses a technology code used by an earlier row, naming that row', () => {
    const { valid, issues } = read([BASE, { ...BASE, nameJa: '別の技術' }, { ...BASE, code: 'T-002' }]);
    expect(valid.map((v) => v.rowNumber)).toEqual([2, 4]);
    expect(issues).toEqual([
      expect.objectContaining({ row: 3, column: '技術コード', code: 'duplicate_key', value: 'T-001' }),
    ]);
    expect(issues[0]!.message).toContain('2行目と同じ');
  });

  it('collects every problem of every row, in row order', () => {
    const { valid, issues } = read([
      { ...BASE, classification: '部外秘', ownerEmail: 'x' },
      BASE,
      { ...BASE, code: 'T-3', isCore: 'maybe' },
    ]);
    expect(valid).toHaveLength(0);
    expect(issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'invalid_email'],
      [2, 'unknown_reference'],
      [3, 'duplicate_key'],
      [4, 'invalid_value'],
    ]);
  });
});

describe('re-import over a stored technology', () => {
  const stored = technologyInputOf({
    code: 'T-001',
    nameJa: '誘電体シート成形技術',
    nameEn: 'Dielectric sheet forming',
    description: '説明',
    products: ['GRM155'],
    ownerUserId: OWNER_ID,
    department: '開発部',
    classificationCode: 'top_secret',
    isCore: false,
    coreReason: null,
    designatedCodes: ['MLCC'],
    exportControlStatus: 'not_applicable',
    exportControlRef: null,
    exportControlAssessor: '山本 修',
    exportControlAssessedOn: '2025-04-01',
    exportControlEvidence: [EVIDENCE_ID],
    locations: [{ kind: 'site', name: '本社工場', countryCode: 'JP', detail: null }],
    reviewIntervalMonths: 12,
    lastReviewedOn: null,
  });

  it('keeps what the file has no column for, including evidence files', () => {
    const headers = ['技術コード', '技術名', '機密区分'];
    const { input } = one({ nameJa: '誘電体シート成形技術（改）' }, { headers, existing: [stored] });
    expect(input).toEqual({ ...stored, nameJa: '誘電体シート成形技術（改）' });
    expect(technologyChanged(stored, input!, 12)).toBe(true);
  });

  it('clears what a present column leaves blank', () => {
    const { input } = one({}, { existing: [stored] });
    expect(input).toMatchObject({ nameEn: null, products: [], ownerUserId: null, designatedCodes: [] });
    expect(input?.exportControl.evidenceFileIds).toEqual([EVIDENCE_ID]);
  });

  it('finds no change in the cells the template layout writes for the stored technology', () => {
    const cells = registerRowCells(stored, {
      levels: DEFAULT_CLASSIFICATION_LEVELS,
      emailOfUser: (id) => (id === OWNER_ID ? 'tech@minato-ceramics.example' : null),
    });
    const { input, issues } = one(cells, { existing: [stored] });
    expect(issues).toEqual([]);
    expect(input).toEqual(stored);
    expect(technologyChanged(stored, input!, 12)).toBe(false);
  });

  it("counts a blank cadence as the tenant's default and ignores a system's country", () => {
    const next = { ...stored, reviewIntervalMonths: null };
    expect(technologyChanged(stored, next, 12)).toBe(false);
    expect(technologyChanged(stored, next, 6)).toBe(true);
    const withSystem = {
      ...stored,
      locations: [{ kind: 'system' as const, name: 'PLM', countryCode: null, detail: null }],
    };
    expect(
      technologyChanged(
        withSystem,
        { ...withSystem, locations: [{ ...withSystem.locations[0]!, countryCode: 'JP' }] },
        12,
      ),
    ).toBe(false);
  });
});

describe('lookupKey', () => {
  it('ignores width, case and spaces', () => {
    expect(lookupKey(' Ｔｏｐ　Secret ')).toBe('topsecret');
  });
});
