import { REGISTER_IMPORT_COLUMNS } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

const OFFICER = 'officer@minato-ceramics.example';
const HEADER = REGISTER_IMPORT_COLUMNS.map((c) => c.ja);

let t: TestApp;
const signIn = signInOnce(() => t);

/** POSTs a file (and options) to the import as a browser form would. */
const upload = (
  client: TestClient,
  file: { name: string; bytes: Buffer } | undefined,
  fields: Record<string, string> = {},
) => {
  const form = multipart(fields, file);
  return client.request({
    method: 'POST',
    url: '/api/v1/register/import',
    payload: form.payload,
    headers: form.headers,
  });
};

const csv = (lines: string[]) => ({ name: 'register.csv', bytes: Buffer.from(lines.join('\r\n')) });

const technologyCount = async (prefix: string) => {
  const r = await t.db.system((tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from technologies where code like ${`${prefix}%`}`),
  );
  return r.rows[0]!.n;
};

const technologyEvents = async () => {
  const r = await t.db.system((tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where type like 'technology.%'`),
  );
  return r.rows[0]!.n;
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /register/import-template', () => {
  it('downloads the XLSX template with the help sheet', async () => {
    const officer = await signIn(OFFICER);
    const r = await officer.get('/api/v1/register/import-template');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="register-template-\d{8}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['技術台帳', '記入方法']);
  });

  it('downloads the CSV template: UTF-8 with BOM, Japanese headers in import order, one example row', async () => {
    const officer = await signIn(OFFICER);
    const r = await officer.get('/api/v1/register/import-template?format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, example, rest] = r.body.split('\r\n');
    expect(header).toBe(`\uFEFF${HEADER.join(',')}`);
    expect(example).toMatch(/^MLCC-001,/);
    expect(rest).toMatch(/^(?!MLCC)/);
  });

  it.each(['engineer@minato-ceramics.example', 'tech@minato-ceramics.example', 'case@meti.example'])(
    'is refused to %s',
    async (email) => {
      const client = await signIn(email);
      const r = await client.get('/api/v1/register/import-template?format=csv');
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('auth/forbidden');
    },
  );

  it('refuses an unknown format', async () => {
    const officer = await signIn(OFFICER);
    expect((await officer.get('/api/v1/register/import-template?format=pdf')).statusCode).toBe(400);
  });
});

describe('POST /register/import', () => {
  it('imports a file and answers the report', async () => {
    const officer = await signIn(OFFICER);
    const r = await upload(
      officer,
      csv(['技術コード,技術名,機密区分,コア技術,コア技術の理由', 'API-1,内部電極,極秘,○,独自条件']),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ totalRows: 1, created: 1, committed: true, mode: 'all_or_nothing', issues: [] });
    expect(await technologyCount('API-')).toBe(1);
  });

  it('answers 422 import/rejected with the report when an all-or-nothing file has errors', async () => {
    const officer = await signIn(OFFICER);
    const r = await upload(officer, csv(['技術コード,技術名,機密区分', 'API-2,誘電体,秘', 'API-3,電極,特秘']));
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.error.code).toBe('import/rejected');
    expect(body.error.message).toContain('何も取り込みませんでした');
    expect(body.error.details).toMatchObject({
      invalidRows: 1,
      committed: false,
      issues: [{ row: 3, column: '機密区分', code: 'unknown_reference', value: '特秘' }],
    });
    expect(body.error.details.issues[0].message).toContain('極秘、秘、社外秘、公開');
    expect(await technologyCount('API-2')).toBe(0);

    const onlyValid = await upload(officer, csv(['技術コード,技術名,機密区分', 'API-2,誘電体,秘', 'API-3,電極,特秘']), {
      mode: 'valid_rows_only',
    });
    expect(onlyValid.statusCode).toBe(200);
    expect(onlyValid.json()).toMatchObject({ created: 1, invalidRows: 1, committed: true });
  });

  it.each<[string, { name: string; bytes: Buffer }, number, string]>([
    ['an empty file', { name: 'register.csv', bytes: Buffer.alloc(0) }, 422, 'import/empty_file'],
    [
      'an .xlsx that is not a zip',
      { name: 'register.xlsx', bytes: Buffer.from('PK?? not really') },
      422,
      'import/unreadable_file',
    ],
    ['random bytes', { name: 'register.csv', bytes: Buffer.alloc(2048, 0xfe) }, 422, 'import/unsupported_encoding'],
    ['wrong headers', csv(['Code,Name,Level', 'API-9,技術,秘']), 422, 'import/missing_columns'],
  ])('refuses %s with a stable code', async (_name, file, status, code) => {
    const officer = await signIn(OFFICER);
    const r = await upload(officer, file);
    expect(r.statusCode).toBe(status);
    expect(r.json().error.code).toBe(code);
  });

  it('names the missing columns', async () => {
    const officer = await signIn(OFFICER);
    const r = await upload(officer, csv(['技術名,備考', '誘電体,x']));
    expect(r.json().error.details.missing.map((m: { ja: string }) => m.ja)).toEqual(['技術コード', '機密区分']);
  });

  it('refuses a 100,000-row workbook quickly with import/too_many_rows', async () => {
    const officer = await signIn(OFFICER);
    const r = await upload(officer, { name: 'huge.xlsx', bytes: await hugeWorkbook(100_000) });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'import/too_many_rows', details: { maxRows: 10_000 } });
    expect(await technologyCount('HUGE-')).toBe(0);
  });

  it('needs a multipart form with a file and valid options', async () => {
    const officer = await signIn(OFFICER);
    const json = await officer.post('/api/v1/register/import', { mode: 'all_or_nothing' });
    expect(json.statusCode).toBe(415);
    const noFile = await upload(officer, undefined, { mode: 'all_or_nothing' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['file']);
    const badMode = await upload(officer, csv(['技術コード,技術名,機密区分', 'API-8,x,秘']), { mode: 'some' });
    expect(badMode.statusCode).toBe(400);
    expect(await technologyCount('API-8')).toBe(0);
  });

  it.each(['engineer@minato-ceramics.example', 'tech@minato-ceramics.example', 'case@meti.example'])(
    'is refused to %s',
    async (email) => {
      const client = await signIn(email);
      const r = await upload(client, csv(['技術コード,技術名,機密区分', 'API-7,x,秘']));
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('auth/forbidden');
      expect(await technologyCount('API-7')).toBe(0);
    },
  );
});

describe('round trip', () => {
  it.each(['xlsx', 'csv'] as const)(
    'an %s export of the register imports back with nothing changed',
    async (format) => {
      const officer = await signIn(OFFICER);
      const exported = await officer.get(`/api/v1/register/technologies?format=${format}&status=active`);
      expect(exported.statusCode).toBe(200);
      const events = await technologyEvents();
      const r = await upload(officer, { name: `export.${format}`, bytes: exported.rawPayload });
      expect(r.statusCode).toBe(200);
      const report = r.json();
      expect(report.issues).toEqual([]);
      expect(report.totalRows).toBeGreaterThanOrEqual(30);
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: report.totalRows, invalidRows: 0 });
      expect(await technologyEvents()).toBe(events);
    },
  );

  it('an English export imports back too', async () => {
    const officer = await signIn(OFFICER);
    expect((await officer.patch('/api/v1/account/preferences', { locale: 'en' })).statusCode).toBe(200);
    try {
      const exported = await officer.get('/api/v1/register/technologies?format=xlsx&status=active');
      const r = await upload(officer, { name: 'export.xlsx', bytes: exported.rawPayload });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ created: 0, updated: 0, invalidRows: 0, issues: [] });
    } finally {
      await officer.patch('/api/v1/account/preferences', { locale: 'ja' });
    }
  });
});

/** A workbook of `rows` technologies, written with the streaming writer so that building it stays cheap. */
const hugeWorkbook = async (rows: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
  const sheet = workbook.addWorksheet('技術台帳');
  sheet.addRow(['技術コード', '技術名', '機密区分']).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([`HUGE-${i}`, `技術${i}`, '秘']).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
};
