import { ImportOptions, type ImportReport, REGISTER_IMPORT_COLUMNS } from '@kakine/contracts';
import { and, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, codeOf, createSeededServices } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { technologies } from './register.schema';

let db: Database;
let services: Services;
let officer: Actor;
let tenantId: string;

const HEADER = REGISTER_IMPORT_COLUMNS.map((c) => c.ja);
type Row = Partial<Record<(typeof REGISTER_IMPORT_COLUMNS)[number]['key'], unknown>>;

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
/** A UTF-8 CSV in the template layout. */
const csv = (rows: Row[], header: string[] = HEADER): Buffer =>
  Buffer.from(
    [header.join(','), ...rows.map((r) => REGISTER_IMPORT_COLUMNS.map((c) => csvField(r[c.key])).join(','))].join(
      '\r\n',
    ),
  );

/** An XLSX in the template layout; cells keep their types (Date, number, formula objects). */
const xlsx = async (rows: Row[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('技術台帳');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(REGISTER_IMPORT_COLUMNS.map((c) => (r[c.key] ?? null) as ExcelJS.CellValue));
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

const options = (fields: Record<string, string> = {}) => ImportOptions.parse(fields);
const importFile = (
  bytes: Buffer,
  fields: Record<string, string> = {},
  name = 'register.csv',
  actor: Actor = officer,
): Promise<ImportReport> => services.registerImport.importFile(actor, { name, bytes }, options(fields), 'ja');

/** The details of the AppError a promise rejects with. */
const rejection = async (work: Promise<unknown>): Promise<{ code: string; details: unknown }> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a rejection');
};

const stored = (prefix: string) =>
  db.system((tx) =>
    tx
      .select()
      .from(technologies)
      .where(and(eq(technologies.tenantId, tenantId), like(technologies.code, `${prefix}%`)))
      .orderBy(technologies.code),
  );

const eventCount = async (type: string) => {
  const r = await db.system((tx) =>
    tx.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where tenant_id = ${tenantId} and type = ${type}`,
    ),
  );
  return r.rows[0]!.n;
};

const row = (code: string, overrides: Row = {}): Row => ({
  code,
  nameJa: `誘電体材料 ${code}`,
  classification: '秘',
  ...overrides,
});

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await actorFor(db, 'officer@minato-ceramics.example');
  tenantId = officer.tenantId;
});
afterAll(async () => {
  await db?.close();
});

describe('a valid file', () => {
  const file = () =>
    csv([
      row('IMP-A1', {
        nameEn: 'Dielectric slurry',
        products: 'GRM155\nGCM188',
        ownerEmail: 'TECH@minato-ceramics.example',
        department: '材料技術課',
        isCore: '○',
        coreReason: '独自の分散条件',
        designatedCodes: '積層セラミックコンデンサ、チタン酸バリウム',
        exportControlStatus: '非該当',
        exportControlDate: '2025/04/01',
        locations: '拠点|本社工場|JP|\n拠点|タイ工場|タイ|Ayutthaya\nシステム|PLM||plm://mlcc',
        reviewIntervalMonths: '6',
      }),
      row('IMP-A2'),
      row('IMP-A3', { classification: 'Public' }),
    ]);

  it('creates every row in one go, with one audit event per technology and one for the import', async () => {
    const createdBefore = await eventCount('technology.created');
    const importsBefore = await eventCount('register.imported');
    const report = await importFile(file());
    expect(report).toMatchObject({
      totalRows: 3,
      validRows: 3,
      invalidRows: 0,
      created: 3,
      updated: 0,
      unchanged: 0,
      committed: true,
      dryRun: false,
      mode: 'all_or_nothing',
      issues: [],
    });
    const rows = await stored('IMP-A');
    expect(rows.map((r) => [r.code, r.classificationCode])).toEqual([
      ['IMP-A1', 'secret'],
      ['IMP-A2', 'secret'],
      ['IMP-A3', 'public'],
    ]);
    const owner = await actorFor(db, 'tech@minato-ceramics.example');
    expect(rows[0]).toMatchObject({
      ownerUserId: owner.userId,
      products: ['GRM155', 'GCM188'],
      isCore: true,
      designatedCodes: ['MLCC', 'BARIUM_TITANATE'],
      exportControlStatus: 'not_applicable',
      exportControlAssessedOn: '2025-04-01',
      overseas: true,
      reviewIntervalMonths: 6,
      locations: [
        { kind: 'site', name: '本社工場', countryCode: 'JP', detail: null },
        { kind: 'site', name: 'タイ工場', countryCode: 'TH', detail: 'Ayutthaya' },
        { kind: 'system', name: 'PLM', countryCode: null, detail: 'plm://mlcc' },
      ],
    });
    expect(rows[0]!.searchText).toContain('誘電体材料');
    expect(await eventCount('technology.created')).toBe(createdBefore + 3);
    expect(await eventCount('register.imported')).toBe(importsBefore + 1);
  });

  it('writes nothing and records no technology event when imported again', async () => {
    const before = await stored('IMP-A');
    const created = await eventCount('technology.created');
    const updated = await eventCount('technology.updated');
    const report = await importFile(file());
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 3, committed: true, issues: [] });
    const after = await stored('IMP-A');
    expect(after.map((r) => [r.version, r.updatedAt.getTime()])).toEqual(
      before.map((r) => [r.version, r.updatedAt.getTime()]),
    );
    expect(await eventCount('technology.created')).toBe(created);
    expect(await eventCount('technology.updated')).toBe(updated);
  });

  it('updates only the rows that changed, recording what changed', async () => {
    const updated = await eventCount('technology.updated');
    const report = await importFile(
      csv([
        row('IMP-A2', { nameJa: '誘電体材料 改訂版', department: '開発部' }),
        row('IMP-A3', { classification: '公開' }),
      ]),
    );
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [a2] = await stored('IMP-A2');
    expect(a2).toMatchObject({ nameJa: '誘電体材料 改訂版', department: '開発部', version: 2 });
    expect(await eventCount('technology.updated')).toBe(updated + 1);
    const r = await db.system((tx) =>
      tx.execute<{ payload: { changes: { field: string }[]; source: string } }>(
        sql`select payload from audit_events where tenant_id = ${tenantId} and type = 'technology.updated'
          and subject_id = ${a2!.id}`,
      ),
    );
    expect(r.rows[0]!.payload.source).toBe('import');
    expect(r.rows[0]!.payload.changes.map((c) => c.field).sort()).toEqual(['department', 'nameJa']);
  });
});

describe('invalid rows', () => {
  const mixed = () => csv([row('IMP-B1'), row('IMP-B2', { classification: '部外秘' }), row('IMP-B3')]);

  it('all-or-nothing refuses the whole file with the report and writes nothing', async () => {
    const imports = await eventCount('register.imported');
    const { code, details } = await rejection(importFile(mixed()));
    expect(code).toBe('import/rejected');
    expect(details).toMatchObject({
      totalRows: 3,
      validRows: 2,
      invalidRows: 1,
      created: 2,
      committed: false,
      issues: [{ row: 3, column: '機密区分', code: 'unknown_reference', value: '部外秘' }],
    });
    expect(await stored('IMP-B')).toEqual([]);
    expect(await eventCount('register.imported')).toBe(imports);
  });

  it('valid-rows-only writes the rows that passed and reports the others', async () => {
    const report = await importFile(mixed(), { mode: 'valid_rows_only' });
    expect(report).toMatchObject({ created: 2, invalidRows: 1, committed: true, mode: 'valid_rows_only' });
    expect((await stored('IMP-B')).map((r) => r.code)).toEqual(['IMP-B1', 'IMP-B3']);
  });

  it('a dry run previews the counts and writes nothing, not even an audit event', async () => {
    const imports = await eventCount('register.imported');
    const report = await importFile(csv([row('IMP-B1', { nameJa: '変更' }), row('IMP-B4'), row('IMP-B3')]), {
      dryRun: 'true',
    });
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1, committed: false, dryRun: true });
    expect((await stored('IMP-B')).map((r) => [r.code, r.nameJa])).toEqual([
      ['IMP-B1', '誘電体材料 IMP-B1'],
      ['IMP-B3', '誘電体材料 IMP-B3'],
    ]);
    expect(await eventCount('register.imported')).toBe(imports);
  });

  it('refuses a code repeated in the file and a change to an archived technology', async () => {
    const [b3] = await stored('IMP-B3');
    await services.register.archiveTechnology(officer, b3!.id, { reason: null });
    const { details } = await rejection(
      importFile(csv([row('IMP-B5'), row('IMP-B5', { nameJa: '重複' }), row('IMP-B3', { nameJa: '変更' })])),
    );
    expect((details as ImportReport).issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, '技術コード', 'duplicate_key'],
      [4, '技術コード', 'invalid_value'],
    ]);
    expect((details as ImportReport).issues[1]!.message).toContain('アーカイブ済み');
  });
});

describe('hostile and malformed files', () => {
  it('names the missing required columns', async () => {
    const { code, details } = await rejection(importFile(Buffer.from('技術名,Classification,備考\r\n積層,秘,x\r\n')));
    expect(code).toBe('import/missing_columns');
    expect(details).toEqual({ missing: [{ key: 'code', ja: '技術コード', en: 'Technology code' }] });
  });

  it('ignores a column it does not know, saying so, and imports the rest', async () => {
    const report = await importFile(
      Buffer.from('技術コード,技術名,備考,機密区分\r\nIMP-F1,焼成炉の温度管理,社内メモ,秘\r\n'),
    );
    expect(report).toMatchObject({ created: 1, invalidRows: 0 });
    expect(report.issues).toEqual([expect.objectContaining({ row: 1, column: '備考', code: 'unknown_column' })]);
  });

  it('reports formulas cell by cell and Excel dates as dates', async () => {
    const report = await importFile(
      await xlsx([
        row('IMP-C1', { nameJa: { formula: 'CONCATENATE("積層","技術")' } as never }),
        row('IMP-C2', { lastReviewedOn: new Date(Date.UTC(2025, 5, 30)), exportControlDate: 45_748 }),
      ]),
      { mode: 'valid_rows_only' },
      'register.xlsx',
    );
    expect(report.issues).toEqual([expect.objectContaining({ row: 2, column: '技術名', code: 'formula_not_allowed' })]);
    const [c2] = await stored('IMP-C2');
    expect(c2).toMatchObject({ lastReviewedOn: '2025-06-30', exportControlAssessedOn: '2025-04-01' });
  });

  it('decodes a Shift_JIS CSV', async () => {
    const encode = shiftJis();
    const report = await importFile(encode(`技術コード,技術名,機密区分\r\nIMP-D1,ﾁﾀﾝ酸バリウム粉末の合成,極秘\r\n`));
    expect(report.created).toBe(1);
    const [d1] = await stored('IMP-D1');
    expect(d1).toMatchObject({ nameJa: 'ﾁﾀﾝ酸バリウム粉末の合成', classificationCode: 'top_secret' });
  });

  it.each<[string, Buffer, string, string]>([
    ['an empty file', Buffer.alloc(0), 'register.csv', 'import/empty_file'],
    ['a header without rows', Buffer.from(`${HEADER.join(',')}\r\n`), 'register.csv', 'import/empty_file'],
    [
      'bytes that are neither UTF-8 nor Shift_JIS',
      Buffer.alloc(512, 0xfd),
      'register.csv',
      'import/unsupported_encoding',
    ],
    ['binary content', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'register.csv', 'import/unreadable_file'],
    ['an .xlsx that is not a zip', Buffer.from('技術コード,技術名\r\n'), 'register.xlsx', 'import/unreadable_file'],
  ])('refuses %s with a stable code', async (_name, bytes, name, code) => {
    expect(await codeOf(importFile(bytes, {}, name))).toBe(code);
  });

  it('refuses a 100,000-row file without reading it all', async () => {
    const lines = ['技術コード,技術名,機密区分'];
    for (let i = 0; i < 100_000; i++) lines.push(`BIG-${i},技術${i},秘`);
    const { code, details } = await rejection(importFile(Buffer.from(lines.join('\r\n'))));
    expect(code).toBe('import/too_many_rows');
    expect(details).toEqual({ maxRows: 10_000 });
    expect(await stored('BIG-')).toEqual([]);
  });
});

describe('permissions', () => {
  it.each([
    'tech@minato-ceramics.example',
    'engineer@minato-ceramics.example',
    'legal@minato-ceramics.example',
    'case@meti.example',
  ])('refuses %s', async (email) => {
    const actor = await actorFor(db, email);
    expect(await codeOf(importFile(csv([row('IMP-E1')]), {}, 'register.csv', actor))).toBe('auth/forbidden');
    expect(await codeOf(services.registerImport.template(actor, 'xlsx'))).toBe('auth/forbidden');
    expect(await stored('IMP-E')).toEqual([]);
  });
});

describe('template', () => {
  it("lists the columns, the tenant's levels and the designated technologies in force", async () => {
    const file = await services.registerImport.template(officer, 'xlsx');
    expect(file.fileName).toMatch(/^register-template-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const [main, help] = workbook.worksheets;
    expect(main!.name).toBe('技術台帳');
    expect((main!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(main!.getRow(2).getCell(1).value).toBe('MLCC-001');
    // Drop-down lists over the data rows for the closed vocabularies (機密区分, コア技術, 該非判定).
    expect(main!.getCell('H500').dataValidation).toMatchObject({ type: 'list', formulae: ['"極秘,秘,社外秘,公開"'] });
    expect(main!.getCell('I2').dataValidation).toMatchObject({ type: 'list', formulae: ['"○,×"'] });
    expect(main!.getCell('A2').dataValidation).toBeUndefined();
    expect(help!.name).toBe('記入方法');
    const helpText = JSON.stringify(help!.getSheetValues());
    expect(helpText).toContain('極秘（top_secret）');
    expect(helpText).toContain('1. MLCC：積層セラミックコンデンサ（MLCC）');
    expect(helpText).toContain('15. SEPARATOR_MFG_EQUIPMENT');
  });

  it('imports as it is: the example row is valid for the tenant', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await services.registerImport.template(officer, format);
      const report = await importFile(Buffer.from(file.body), { dryRun: 'true' }, file.fileName);
      expect(report).toMatchObject({ totalRows: 1, validRows: 1, issues: [] });
    }
  });
});

/** Encodes text as Shift_JIS (CP932) by inverting Node's decoder, which has no encoder for it. */
const shiftJis = () => {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), [b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return (text: string): Buffer => {
    const bytes = [...text].flatMap((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80) return [code];
      const encoded = table.get(char);
      if (!encoded) throw new Error(`not in Shift_JIS: ${char}`);
      return encoded;
    });
    const buffer = Buffer.from(bytes);
    // The bytes really are Shift_JIS, not UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buffer)).toThrow();
    return buffer;
  };
};
