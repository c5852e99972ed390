import { REGISTER_IMPORT_COLUMNS } from '@kakine/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

let t: TestApp;
/** One signed-in client per demo user: a TOTP code is accepted once, so each user signs in once per file. */
const as = signInOnce(() => t);

const OFFICER = 'officer@minato-ceramics.example';
const OWNER = 'tech@minato-ceramics.example';
const EMPLOYEE = 'engineer@minato-ceramics.example';
const METI = 'case@meti.example';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A state-changing request that also refreshes the CSRF token, like the client's post/patch helpers. */
const send = async (client: TestClient, method: 'PUT' | 'DELETE' | 'POST', url: string, payload?: unknown) => {
  const r = await client.request({ method, url, ...(payload === undefined ? {} : { payload }) });
  await client.get('/api/v1/session');
  return r;
};

const technology = (overrides: Record<string, unknown> = {}) => ({
  code: 'A-MLCC',
  nameJa: '積層セラミックコンデンサの薄層化',
  nameEn: 'MLCC thin layers',
  description: '誘電体層 0.5µm 以下',
  products: ['車載ECU', 'スマートフォン'],
  classificationCode: 'top_secret',
  isCore: true,
  coreReason: '他社にない',
  designatedCodes: ['MLCC'],
  exportControl: {
    status: 'applicable',
    listItemRef: '2の項(1)',
    assessorName: '輸出管理室',
    assessedOn: '2026-01-15',
  },
  locations: [
    { kind: 'site', name: 'タイ工場', countryCode: 'TH', detail: 'Ayutthaya' },
    { kind: 'system', name: 'ファイルサーバー', detail: '\\\\fs01\\開発' },
  ],
  reviewIntervalMonths: 6,
  lastReviewedOn: '2026-01-20',
  ...overrides,
});

let secret: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  const owner = await as(OWNER);
  const r = await owner.post('/api/v1/register/technologies', technology());
  if (r.statusCode !== 200) throw new Error(r.body);
  secret = r.json();
});
afterAll(async () => {
  await t?.close();
});

/** Every route of the module, `:id` standing for the test technology. */
const routes: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/api/v1/register/settings' },
  {
    method: 'PUT',
    path: '/api/v1/register/settings',
    body: {
      classificationLevels: [{ code: 'secret', nameJa: '秘', nameEn: 'Secret', rank: 1, secret: true }],
      inaccessibleVisibility: 'names',
      defaultReviewIntervalMonths: 12,
      reminderLeadDays: 30,
    },
  },
  { method: 'GET', path: '/api/v1/register/owners' },
  { method: 'GET', path: '/api/v1/register/technologies' },
  { method: 'GET', path: '/api/v1/register/technologies?format=csv' },
  { method: 'POST', path: '/api/v1/register/technologies', body: technology({ code: 'A-NEW' }) },
  { method: 'GET', path: '/api/v1/register/technologies/:id' },
  {
    method: 'PUT',
    path: '/api/v1/register/technologies/:id',
    body: { technology: technology(), version: 1 },
  },
  { method: 'POST', path: '/api/v1/register/technologies/:id/archive', body: {} },
  { method: 'POST', path: '/api/v1/register/technologies/:id/restore', body: {} },
  { method: 'DELETE', path: '/api/v1/register/technologies/:id' },
  {
    method: 'PUT',
    path: '/api/v1/register/technologies/:id/trade-secret/usefulness',
    body: { status: 'met' },
  },
  { method: 'GET', path: '/api/v1/register/technologies/:id/history' },
];

describe('access to every route', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s needs a session (401) and answers 403 to a METI user',
    async (_name, route) => {
      const url = route.path.replace(':id', secret.id);
      const anonymous = await t.client();
      const r = await send(anonymous, route.method as 'PUT', url, route.body);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('auth/unauthenticated');
      const meti = await as(METI);
      const forbidden = await send(meti, route.method as 'PUT', url, route.body);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('auth/forbidden');
    },
  );

  it.each([
    ['POST', '/api/v1/register/technologies', technology({ code: 'A-EMP' })],
    ['PUT', '/api/v1/register/settings', routes[1]!.body],
    ['DELETE', '/api/v1/register/technologies/:id', undefined],
  ] as const)('refuses an employee %s %s with 403', async (method, url, body) => {
    const employee = await as(EMPLOYEE);
    const r = await send(employee, method, url.replace(':id', secret.id), body);
    expect(r.statusCode).toBe(403);
  });

  it('refuses the technology owner deleting and changing settings', async () => {
    const owner = await as(OWNER);
    expect((await send(owner, 'DELETE', `/api/v1/register/technologies/${secret.id}`)).statusCode).toBe(403);
    expect((await send(owner, 'PUT', '/api/v1/register/settings', routes[1]!.body)).statusCode).toBe(403);
  });

  it('answers 404 to an employee who sees the technology by name only', async () => {
    const employee = await as(EMPLOYEE);
    const list = await employee.get('/api/v1/register/technologies?q=%E8%96%84%E5%B1%A4');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === secret.id);
    expect(item).toMatchObject({ access: 'name_only', classificationCode: null, products: [] });
    expect(JSON.stringify(item)).not.toContain('車載ECU');
    for (const url of [
      `/api/v1/register/technologies/${secret.id}`,
      `/api/v1/register/technologies/${secret.id}/history`,
    ]) {
      const r = await employee.get(url);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('register/not_found');
    }
  });
});

describe('validation', () => {
  it('names the invalid fields of a technology (400)', async () => {
    const officer = await as(OFFICER);
    const r = await officer.post('/api/v1/register/technologies', {
      code: 'bad code!',
      nameJa: '',
      classificationCode: 'secret',
      isCore: true,
      locations: [{ kind: 'site', name: '海外拠点' }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    const paths = r.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'nameJa']));
  });

  it.each([
    ['a core technology without a reason', { isCore: true, coreReason: null }, 'coreReason'],
    ['a site without a country', { locations: [{ kind: 'site', name: '拠点' }] }, 'locations.0.countryCode'],
    [
      'a classification result without its date',
      { exportControl: { status: 'applicable', assessedOn: null } },
      'exportControl.assessedOn',
    ],
    ['a duplicate designated code', { designatedCodes: ['MLCC', 'MLCC'] }, 'designatedCodes'],
    ['a control character in the name', { nameJa: '技術\u0007' }, 'nameJa'],
  ])('refuses %s (400)', async (_name, overrides, path) => {
    const officer = await as(OFFICER);
    const r = await officer.post('/api/v1/register/technologies', technology({ code: 'A-VAL', ...overrides }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it.each([
    ['classification', { classificationCode: 'ultra' }, 'register/unknown_classification'],
    ['designated technology', { designatedCodes: ['NOT_IN_CATALOGUE'] }, 'register/unknown_designated_technology'],
    ['country', { locations: [{ kind: 'site', name: '拠点', countryCode: 'ZZ' }] }, 'register/unknown_country'],
    ['owner', { ownerUserId: MISSING }, 'register/unknown_owner'],
    [
      'evidence file',
      { exportControl: { status: 'undetermined', evidenceFileIds: [MISSING] } },
      'register/unknown_file',
    ],
  ])('refuses an unknown %s (422) with a stable code', async (_name, overrides, code) => {
    const officer = await as(OFFICER);
    const r = await officer.post('/api/v1/register/technologies', technology({ code: 'A-REF', ...overrides }));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe(code);
  });

  it('refuses a taken code (409)', async () => {
    const officer = await as(OFFICER);
    const r = await officer.post('/api/v1/register/technologies', technology());
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('register/code_taken');
  });

  it.each([
    '/api/v1/register/technologies?sort=secretness',
    '/api/v1/register/technologies?core=yes',
    '/api/v1/register/technologies?pageSize=100000',
    '/api/v1/register/technologies?ownerUserId=someone',
    '/api/v1/register/technologies/not-a-uuid',
    '/api/v1/register/technologies/not-a-uuid/history',
    `/api/v1/register/technologies/${MISSING}/history?page=0`,
  ])('refuses the malformed request %s (400)', async (url) => {
    const officer = await as(OFFICER);
    const r = await officer.get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
  });

  it('refuses an unknown requirement and a bad status (400)', async () => {
    const owner = await as(OWNER);
    const base = `/api/v1/register/technologies/${secret.id}/trade-secret`;
    expect((await send(owner, 'PUT', `${base}/beauty`, { status: 'met' })).statusCode).toBe(400);
    expect((await send(owner, 'PUT', `${base}/usefulness`, { status: 'great' })).statusCode).toBe(400);
  });

  it('refuses settings with duplicate codes (400) and answers 404 for a technology that does not exist', async () => {
    const officer = await as(OFFICER);
    const level = { code: 'secret', nameJa: '秘', nameEn: 'Secret', rank: 1, secret: true };
    const r = await send(officer, 'PUT', '/api/v1/register/settings', {
      ...(routes[1]!.body as object),
      classificationLevels: [level, { ...level, rank: 2 }],
    });
    expect(r.statusCode).toBe(400);
    const missing = await officer.get(`/api/v1/register/technologies/${MISSING}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('register/not_found');
  });
});

describe('the register through HTTP', () => {
  it('reads and changes settings; removing a level in use answers 409', async () => {
    const officer = await as(OFFICER);
    const current = (await officer.get('/api/v1/register/settings')).json();
    expect(current).toMatchObject({ inaccessibleVisibility: 'names', abilities: { edit: true } });
    const removing = await send(officer, 'PUT', '/api/v1/register/settings', {
      ...current,
      classificationLevels: current.classificationLevels.filter((l: { code: string }) => l.code !== 'top_secret'),
    });
    expect(removing.statusCode).toBe(409);
    expect(removing.json().error).toMatchObject({
      code: 'register/classification_in_use',
      details: { codes: ['top_secret'] },
    });
    const changed = await send(officer, 'PUT', '/api/v1/register/settings', { ...current, reminderLeadDays: 14 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().reminderLeadDays).toBe(14);
  });

  it('lists owners', async () => {
    const r = await (await as(EMPLOYEE)).get('/api/v1/register/owners');
    expect(r.statusCode).toBe(200);
    const emails = r.json().items.map((o: { email: string }) => o.email);
    expect(emails).toEqual(expect.arrayContaining([OFFICER, OWNER]));
    expect(emails).not.toContain(EMPLOYEE);
  });

  it('edits with the version read and answers 409 to a stale one', async () => {
    const owner = await as(OWNER);
    const url = `/api/v1/register/technologies/${secret.id}`;
    const ok = await send(owner, 'PUT', url, { technology: technology({ nameEn: 'MLCC thinner layers' }), version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, nameEn: 'MLCC thinner layers', nextReviewOn: '2026-07-20' });
    const stale = await send(owner, 'PUT', url, { technology: technology({ nameEn: 'stale' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('register/version_conflict');
  });

  it('archives, refuses edits while archived, and restores', async () => {
    const owner = await as(OWNER);
    const url = `/api/v1/register/technologies/${secret.id}`;
    const archived = await owner.post(`${url}/archive`, { reason: '量産終了' });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    const edit = await send(owner, 'PUT', url, { technology: technology(), version: archived.json().version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('register/archived');
    const restored = await owner.post(`${url}/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json().status).toBe('active');
    const again = await owner.post(`${url}/restore`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('register/not_archived');
  });

  it('records a trade-secret requirement and shows it in the history', async () => {
    const owner = await as(OWNER);
    const url = `/api/v1/register/technologies/${secret.id}`;
    const r = await send(owner, 'PUT', `${url}/trade-secret/usefulness`, {
      status: 'met',
      note: '主力製品の歩留まりに直結',
      reviewedOn: '2026-02-01',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().tradeSecret.failing).toEqual(['secrecy_management', 'non_public']);
    const history = await owner.get(`${url}/history?pageSize=2`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items[0]).toMatchObject({
      type: 'technology.requirement_reviewed',
      typeLabel: '営業秘密要件の評価',
      details: { code: 'A-MLCC', requirement: 'usefulness' },
    });
    expect(history.json().items).toHaveLength(2);
  });

  it('uploads evidence for the technology and serves it only to readers with full access', async () => {
    const owner = await as(OWNER);
    const upload = await owner.request({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart(
        { recordType: 'technology', recordId: secret.id },
        { name: '該非判定書.txt', bytes: Buffer.from('該非判定書（写し）') },
      ),
    });
    expect(upload.statusCode).toBe(201);
    const fileId = upload.json().id;
    expect((await owner.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await as(EMPLOYEE)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    const employeeUpload = await (await as(EMPLOYEE)).request({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart({ recordType: 'technology', recordId: secret.id }, { name: 'x.txt', bytes: Buffer.from('x') }),
    });
    expect(employeeUpload.statusCode).toBe(403);
  });

  it('exports CSV with the import template headers, lists on separate lines and locations in template syntax', async () => {
    const officer = await as(OFFICER);
    const r = await officer.get('/api/v1/register/technologies?format=csv&q=A-MLCC');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="technologies-\d{8}\.csv"$/);
    expect(r.body.startsWith('\uFEFF技術コード,技術名,技術名（英語）,概要,使用製品,技術オーナー（メール）')).toBe(true);
    expect(r.body).toContain('"車載ECU\nスマートフォン"');
    expect(r.body).toContain(OWNER);
    expect(r.body).toContain('"拠点|タイ工場|TH|Ayutthaya\nシステム|ファイルサーバー||\\\\fs01\\開発"');
    expect(r.body).toContain(',該当,2の項(1),輸出管理室,2026-01-15,');
    expect(r.body).toContain(',6,2026-01-20');
  });

  it('exports XLSX with the import template headers', async () => {
    const officer = await as(OFFICER);
    const r = await officer.get('/api/v1/register/technologies?format=xlsx&q=A-MLCC');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTER_IMPORT_COLUMNS.map((c) => c.ja));
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe('A-MLCC');
    expect(row[REGISTER_IMPORT_COLUMNS.findIndex((c) => c.key === 'designatedCodes')]).toBe('MLCC');
    expect(row[REGISTER_IMPORT_COLUMNS.findIndex((c) => c.key === 'reviewIntervalMonths')]).toBe(6);
    expect(sheet.rowCount).toBe(2);
  });

  it('deletes a technology for the officer', async () => {
    const officer = await as(OFFICER);
    const created = await officer.post(
      '/api/v1/register/technologies',
      technology({ code: 'A-TMP', designatedCodes: [] }),
    );
    expect(created.statusCode).toBe(200);
    const r = await send(officer, 'DELETE', `/api/v1/register/technologies/${created.json().id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
    expect((await officer.get(`/api/v1/register/technologies/${created.json().id}`)).statusCode).toBe(404);
  });
});
