import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { encodeShiftJis } from '../../platform/tabular/shift-jis.testing';

let t: TestApp;
const signIn = signInOnce(() => t);

const HR = 'hr@minato-ceramics.example';
const OFFICER = 'officer@minato-ceramics.example';
const LEGAL = 'legal@minato-ceramics.example';
const EMPLOYEE = 'engineer@minato-ceramics.example';
const METI = 'case@meti.example';

const HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署,役職,雇用区分,所属元,在籍状況,最終出社日,契約終了日,備考';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importAs = (client: TestClient, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) =>
  client.request({ method: 'POST', url: '/api/v1/people/import', ...multipart(fields, file) });

const put = (client: TestClient, url: string, payload: unknown) => client.request({ method: 'PUT', url, payload });
const del = (client: TestClient, url: string) => client.request({ method: 'DELETE', url });

const personBody = (overrides: Record<string, unknown> = {}) => ({
  employeeId: 'API-001',
  name: '結合 試験',
  nameKana: 'ケツゴウ シケン',
  email: null,
  department: 'API試験部',
  jobTitle: null,
  employmentType: 'employee',
  employer: null,
  status: 'active',
  lastWorkingDay: null,
  contractEndDate: null,
  notes: null,
  ...overrides,
});

const loadWorkbook = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
};

beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_LIMIT_MB: '1' } });
});
afterAll(async () => {
  await t?.close();
});

describe('people API: who may call it', () => {
  it('answers 401 without a session', async () => {
    const anonymous = await t.client();
    for (const url of ['/api/v1/people', '/api/v1/people/departments', '/api/v1/people/import-template']) {
      const r = await anonymous.get(url);
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error.code).toBe('auth/unauthenticated');
    }
    const r = await importAs(anonymous, {}, { name: 'hr.csv', bytes: Buffer.from(HEADER) });
    expect(r.statusCode).toBe(401);
  });

  it('answers 403 to METI users and employees for reading, and to readers for writing', async () => {
    for (const email of [METI, EMPLOYEE]) {
      const client = await signIn(email);
      for (const url of ['/api/v1/people', '/api/v1/people/departments']) {
        const r = await client.get(url);
        expect(r.statusCode, `${email} ${url}`).toBe(403);
        expect(r.json().error.code).toBe('auth/forbidden');
      }
    }
    const legal = await signIn(LEGAL);
    expect((await legal.get('/api/v1/people')).statusCode).toBe(200);
    const list = (await legal.get('/api/v1/people')).json();
    const someone = list.items[0];
    expect(someone.abilities).toEqual({ edit: false });
    expect((await legal.get(`/api/v1/people/${someone.id}`)).statusCode).toBe(200);
    expect((await legal.post('/api/v1/people', personBody())).statusCode).toBe(403);
    expect((await put(legal, `/api/v1/people/${someone.id}`, { person: personBody(), version: 1 })).statusCode).toBe(
      403,
    );
    expect((await del(legal, `/api/v1/people/${someone.id}`)).statusCode).toBe(403);
    expect((await legal.get('/api/v1/people/import-template')).statusCode).toBe(403);
    const r = await importAs(legal, {}, { name: 'hr.csv', bytes: Buffer.from(`${HEADER}\r\nX,Y,,,,,従業員,,,,,`) });
    expect(r.statusCode).toBe(403);
    const meti = await signIn(METI);
    expect((await meti.get(`/api/v1/people/${someone.id}`)).statusCode).toBe(403);
  });
});

describe('people API: the form', () => {
  let id = '';

  it('creates a person (201) and reads it back', async () => {
    const hr = await signIn(HR);
    const r = await hr.post('/api/v1/people', personBody({ email: 'API.Person@Example.co.jp' }));
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ employeeId: 'API-001', email: 'api.person@example.co.jp', version: 1, userId: null });
    expect(body.abilities).toEqual({ edit: true });
    id = body.id;
    const read = await hr.get(`/api/v1/people/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().name).toBe('結合 試験');
  });

  it('validates the body (400) and refuses a taken employee id (409)', async () => {
    const hr = await signIn(HR);
    const missing = await hr.post('/api/v1/people', personBody({ name: '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('request/invalid');
    const leaving = await hr.post('/api/v1/people', personBody({ employeeId: 'API-002', status: 'leaving' }));
    expect(leaving.statusCode).toBe(400);
    expect(leaving.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('lastWorkingDay');
    const badType = await hr.post('/api/v1/people', personBody({ employeeId: 'API-003', employmentType: 'intern' }));
    expect(badType.statusCode).toBe(400);
    const taken = await hr.post('/api/v1/people', personBody());
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('people/employee_id_taken');
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const hr = await signIn(HR);
    expect((await hr.get('/api/v1/people/not-a-uuid')).statusCode).toBe(400);
    const unknown = await hr.get('/api/v1/people/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('people/not_found');
  });

  it('updates with the version read and answers 409 to a stale version', async () => {
    const officer = await signIn(OFFICER);
    const r = await put(officer, `/api/v1/people/${id}`, { person: personBody({ jobTitle: '主任' }), version: 1 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ jobTitle: '主任', version: 2 });
    const stale = await put(officer, `/api/v1/people/${id}`, { person: personBody({ jobTitle: '係長' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('people/version_conflict');
    const invalid = await put(officer, `/api/v1/people/${id}`, { person: personBody(), version: 0 });
    expect(invalid.statusCode).toBe(400);
  });

  it('deletes a person (200) and refuses one that the register refers to (409)', async () => {
    const hr = await signIn(HR);
    const r = await del(hr, `/api/v1/people/${id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
    expect((await hr.get(`/api/v1/people/${id}`)).statusCode).toBe(404);
    const holder = await t.db.system((tx) => tx.execute(sql`select person_id from know_how_holdings limit 1`));
    const inUse = await del(hr, `/api/v1/people/${holder.rows[0]?.person_id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('people/in_use');
  });
});

describe('people API: list, departments, export', () => {
  it('lists with search, filters and paging, and validates the query', async () => {
    const hr = await signIn(HR);
    const all = (await hr.get('/api/v1/people?pageSize=500')).json();
    expect(all.total).toBeGreaterThan(2);
    const someone = all.items.find((p: { department: string | null }) => p.department !== null);
    const byDepartment = (await hr.get(`/api/v1/people?department=${encodeURIComponent(someone.department)}`)).json();
    expect(byDepartment.items.every((p: { department: string }) => p.department === someone.department)).toBe(true);
    const byName = (await hr.get(`/api/v1/people?q=${encodeURIComponent(someone.name.slice(1, 3))}`)).json();
    expect(byName.items.map((p: { id: string }) => p.id)).toContain(someone.id);
    const page = (await hr.get('/api/v1/people?pageSize=1&page=2')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).toBe(all.items[1].id);
    expect((await hr.get('/api/v1/people?status=retired')).statusCode).toBe(400);
    expect((await hr.get('/api/v1/people?sort=salary')).statusCode).toBe(400);
    const departments = (await hr.get('/api/v1/people/departments')).json();
    expect(departments.items).toContain(someone.department);
  });

  it('exports CSV with Japanese headers that imports back unchanged, audited as people.exported', async () => {
    const hr = await signIn(HR);
    const r = await hr.get('/api/v1/people?format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{8}\.csv"$/);
    expect(r.body.startsWith(`\uFEFF${HEADER}`)).toBe(true);
    const exported = await t.db.system((tx) =>
      tx.execute(sql`select payload from audit_events where type = 'people.exported' order by seq desc limit 1`),
    );
    const total = (await hr.get('/api/v1/people')).json().total;
    expect(exported.rows[0]?.payload).toEqual({ format: 'csv', rows: total });

    const again = await importAs(hr, { dryRun: 'true' }, { name: 'people.csv', bytes: Buffer.from(r.body, 'utf8') });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ totalRows: total, unchanged: total, created: 0, updated: 0, invalidRows: 0 });
  });

  it('exports XLSX', async () => {
    const hr = await signIn(HR);
    const r = await hr.get('/api/v1/people?format=xlsx&status=active');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = (await loadWorkbook(r.rawPayload)).worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('社員番号');
    expect(sheet.getRow(1).getCell(9).value).toBe('在籍状況');
    expect(sheet.getRow(2).getCell(9).value).toBe('在籍');
  });
});

describe('people API: import template', () => {
  it('serves an XLSX template with an explanation sheet and a CSV template', async () => {
    const hr = await signIn(HR);
    const xlsx = await hr.get('/api/v1/people/import-template?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="people-import-template.xlsx"');
    const workbook = await loadWorkbook(xlsx.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['人員名簿', '記入方法']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(7).value).toBe('雇用区分');

    const csv = await hr.get('/api/v1/people/import-template?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')[0]).toBe(`\uFEFF${HEADER}`);
    expect((await hr.get('/api/v1/people/import-template?format=pdf')).statusCode).toBe(400);
  });
});

describe('people API: import', () => {
  it('imports a Shift_JIS CSV and reports the result', async () => {
    const hr = await signIn(HR);
    const bytes = encodeShiftJis(
      [
        HEADER,
        'IMP-1,取込 一郎,ﾄﾘｺﾐ ｲﾁﾛｳ,,取込API部,,従業員,,,,,',
        'IMP-2,取込 二郎,,,取込API部,,業務委託,外部社,,,,',
      ].join('\r\n'),
    );
    const r = await importAs(hr, { mode: 'all_or_nothing' }, { name: '人員.csv', bytes });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      totalRows: 2,
      validRows: 2,
      created: 2,
      committed: true,
      dryRun: false,
      mode: 'all_or_nothing',
      issues: [],
      issuesTruncated: false,
    });
    const listed = (await hr.get(`/api/v1/people?department=${encodeURIComponent('取込API部')}`)).json();
    expect(listed.items.map((p: { nameKana: string | null }) => p.nameKana)).toEqual(['ﾄﾘｺﾐ ｲﾁﾛｳ', null]);
  });

  it('refuses an all-or-nothing import with an invalid row (422 with the report), or previews it by dry run', async () => {
    const hr = await signIn(HR);
    const file = {
      name: 'hr.csv',
      bytes: Buffer.from(`${HEADER}\r\nIMP-3,有効,,,,,従業員,,,,,\r\nIMP-4,,,,,,従業員,,,,,\r\n`),
    };
    const refused = await importAs(hr, {}, file);
    expect(refused.statusCode).toBe(422);
    const error = refused.json().error;
    expect(error.code).toBe('import/rejected');
    expect(error.details).toMatchObject({ committed: false, invalidRows: 1, validRows: 1 });
    expect(error.details.issues).toEqual([
      { row: 3, column: '氏名', code: 'required', message: '「氏名」は必須です。', value: null },
    ]);
    expect((await hr.get('/api/v1/people?q=IMP-3')).json().total).toBe(0);

    const preview = await importAs(hr, { dryRun: 'true' }, file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, committed: false, invalidRows: 1, created: 1 });

    const partial = await importAs(hr, { mode: 'valid_rows_only' }, file);
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ committed: true, created: 1, invalidRows: 1 });
    expect((await hr.get('/api/v1/people?q=IMP-3')).json().total).toBe(1);
  });

  it('answers 422 with a stable code for unreadable, empty, undecodable and incomplete files', async () => {
    const hr = await signIn(HR);
    const cases: [{ name: string; bytes: Buffer }, string][] = [
      [{ name: 'hr.xlsx', bytes: Buffer.from('PK\u0003\u0004 definitely not a workbook') }, 'import/unreadable_file'],
      [{ name: 'hr.xlsx', bytes: Buffer.from('plain text') }, 'import/unreadable_file'],
      [{ name: 'hr.csv', bytes: Buffer.alloc(0) }, 'import/empty_file'],
      [{ name: 'hr.csv', bytes: Buffer.from(`${HEADER}\r\n`) }, 'import/empty_file'],
      [{ name: 'hr.csv', bytes: Buffer.from([0x81, 0x20, 0xff, 0x2c, 0x80]) }, 'import/unsupported_encoding'],
      [{ name: 'hr.csv', bytes: Buffer.from('社員番号,氏名\r\nE-1,山田\r\n') }, 'import/missing_columns'],
    ];
    for (const [file, code] of cases) {
      const r = await importAs(hr, {}, file);
      expect(r.statusCode, file.name + code).toBe(422);
      expect(r.json().error.code).toBe(code);
    }
    const missing = await importAs(hr, {}, { name: 'hr.csv', bytes: Buffer.from('社員番号\r\nE-1\r\n') });
    expect(missing.json().error.details.missing.map((m: { key: string }) => m.key)).toEqual(['name', 'employmentType']);
  });

  it('answers 400 for missing parts and bad options, 415 for JSON and 413 beyond the upload limit', async () => {
    const hr = await signIn(HR);
    const noFile = await importAs(hr, { mode: 'all_or_nothing' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['file']);
    const badMode = await importAs(hr, { mode: 'some' }, { name: 'hr.csv', bytes: Buffer.from(HEADER) });
    expect(badMode.statusCode).toBe(400);
    const json = await hr.post('/api/v1/people/import', { mode: 'all_or_nothing' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('request/unsupported_media_type');
    const huge = await importAs(hr, {}, { name: 'hr.csv', bytes: Buffer.alloc(1024 * 1024 + 10, 0x41) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('request/too_large');
  });
});
