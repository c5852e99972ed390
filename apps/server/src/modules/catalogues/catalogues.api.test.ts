import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

const officialWorkbook = readFileSync(
  fileURLToPath(new URL('../../../../../catalogues/end-user-list/meti-end-user-list-2025-09-29.xlsx', import.meta.url)),
);

let t: TestApp;
let company: TestClient;
let catalogueAdmin: TestClient;
/** One signed-in client per demo user: a TOTP code is accepted once, so each user signs in once per file. */
const as = signInOnce(() => t);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const publishFields = {
  effectiveFrom: '2026-02-01',
  label: '外国ユーザーリスト（試験）',
  source: 'METI',
  sourceUrl: 'https://www.meti.go.jp/policy/anpo/law00.html',
  attribution: '出典：経済産業省「外国ユーザーリスト」(2026年1月20日)',
};

const postVersion = (client: TestClient, segment: string, body: ReturnType<typeof multipart>) =>
  client.request({ method: 'POST', url: `/api/v1/catalogues/${segment}/versions`, ...body });

const fieldPaths = (response: { json: () => { error: { details: { fields: { path: string }[] } } } }) =>
  response
    .json()
    .error.details.fields.map((f) => f.path)
    .sort();

beforeAll(async () => {
  t = await createTestApp();
  company = await as('engineer@minato-ceramics.example');
  catalogueAdmin = await as('catalogue@meti.example');
});
afterAll(async () => {
  await t?.services.jobs.stop();
  await t?.close();
});

describe('reading catalogues', () => {
  it.each([
    '/api/v1/catalogues',
    '/api/v1/catalogues/designated-technologies',
    '/api/v1/catalogues/countries',
    '/api/v1/catalogues/end-user-list',
  ])('needs a session for %s', async (url) => {
    const r = await (await t.client()).get(url);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('auth/unauthenticated');
  });

  it.each(['engineer@minato-ceramics.example', 'case@meti.example', 'auditor@tics-cert.example'])(
    'lets %s read every catalogue',
    async (email) => {
      const c = await as(email);
      const list = await c.get('/api/v1/catalogues');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { catalogue: string }) => i.catalogue)).toEqual([
        'designated_technologies',
        'countries',
        'end_user_list',
      ]);
      const technologies = await c.get('/api/v1/catalogues/designated-technologies?asOf=2025-01-01');
      expect(technologies.json().items).toHaveLength(10);
      const later = await c.get('/api/v1/catalogues/designated-technologies?asOf=2025-06-09');
      expect(later.json().items).toHaveLength(15);
    },
  );

  it('answers Group A and End User List queries', async () => {
    const korea = await company.get('/api/v1/catalogues/countries?asOf=2020-01-01&q=KR');
    expect(korea.json().items[0]).toMatchObject({ alpha2: 'KR', groupA: false, groupAMembership: null });
    const eul = await company.get(
      '/api/v1/catalogues/end-user-list?asOf=2025-12-01&q=amnokkang%20development&pageSize=5',
    );
    expect(eul.json()).toMatchObject({
      total: 1,
      attribution: '経済産業省「外国ユーザーリスト」(2025年9月29日)を加工して作成',
      items: [{ number: 301 }],
    });
  });

  it.each<[string, string]>([
    ['/api/v1/catalogues/designated-technologies?asOf=2025-13-01', 'asOf'],
    ['/api/v1/catalogues/countries?asOf=2025-02-30', 'asOf'],
    ['/api/v1/catalogues/countries?groupA=maybe', 'groupA'],
    ['/api/v1/catalogues/countries?pageSize=0', 'pageSize'],
    ['/api/v1/catalogues/end-user-list?concern=X', 'concern'],
    ['/api/v1/catalogues/designated-technologies?versionId=12', 'versionId'],
    ['/api/v1/catalogues/end-user-list/versions/not-a-uuid/diff/00000000-0000-4000-8000-000000000000', 'a'],
  ])('names the invalid field of %s', async (url, field) => {
    const r = await company.get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('answers 404 for a version of another catalogue or none', async () => {
    const list = await company.get('/api/v1/catalogues');
    const technologies = list.json().items[0].versions[0].id as string;
    const endUsers = list.json().items[2].versions[0].id as string;
    const r = await company.get(`/api/v1/catalogues/end-user-list/versions/${technologies}/diff/${endUsers}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('catalogue/version_not_found');
  });
});

describe('OpenAPI', () => {
  it('documents every catalogue route', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths).filter((p) => p.startsWith('/api/v1/catalogues'));
    expect(paths.sort()).toEqual([
      '/api/v1/catalogues',
      '/api/v1/catalogues/countries',
      '/api/v1/catalogues/designated-technologies',
      '/api/v1/catalogues/end-user-list',
      '/api/v1/catalogues/{catalogue}/versions',
      '/api/v1/catalogues/{catalogue}/versions/{a}/diff/{b}',
    ]);
  });
});

describe('exports', () => {
  it('exports the End User List as CSV with the attribution the terms require', async () => {
    const r = await company.get('/api/v1/catalogues/end-user-list?asOf=2025-12-01&country=イラン&format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="end-user-list-\d{8}\.csv"/);
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'No.,国名・地域名,国名・地域名（英語）,企業名・組織名,別名,懸念区分（B生物・C化学・Mミサイル・N核）,通常兵器',
    );
    expect(lines.slice(-4)).toEqual([
      ',,,,,,',
      '出典：経済産業省「外国ユーザーリスト」(2025年9月29日),,,,,,',
      '経済産業省「外国ユーザーリスト」(2025年9月29日)を加工して作成,,,,,,',
      '政府標準利用規約（第2.0版）に準拠して利用しています。,,,,,,',
    ]);
    expect(lines).toHaveLength(1 + 257 + 4);
  });

  it('exports the End User List as XLSX with the attribution rows', async () => {
    const r = await company.get('/api/v1/catalogues/end-user-list?asOf=2025-12-01&format=xlsx&concern=CW');
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    const values = (row: number) => String(sheet?.getRow(row).getCell(1).value ?? '');
    expect(sheet?.rowCount).toBe(1 + 240 + 4);
    expect(values(243)).toBe('出典：経済産業省「外国ユーザーリスト」(2025年9月29日)');
    expect(values(244)).toBe('経済産業省「外国ユーザーリスト」(2025年9月29日)を加工して作成');
  });

  it('exports Group A members with the version and source lines, in the user’s own language', async () => {
    const r = await company.request({
      method: 'GET',
      url: '/api/v1/catalogues/countries?asOf=2024-01-01&groupA=true&format=csv',
      headers: { 'accept-language': 'en' },
    });
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    // The demo user's own preference (Japanese) wins over Accept-Language.
    expect(lines[0]?.startsWith('alpha-2,alpha-3,数字コード')).toBe(true);
    expect(lines).toHaveLength(1 + 27 + 3);
    expect(lines.find((line) => line.startsWith('KR,'))).toContain('はい');
    expect(lines.at(-2)).toMatch(/^版：.*（2019-08-02発効）／基準日：2024-01-01/);
  });

  it('exports the designated technologies of a date', async () => {
    const r = await company.get('/api/v1/catalogues/designated-technologies?asOf=2025-06-09&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('番号');
    expect(sheet?.getRow(16).getCell(2).value).toBe('SEPARATOR_MFG_EQUIPMENT');
    expect(sheet?.rowCount).toBe(1 + 15 + 3);
  });
});

describe('publishing a version', () => {
  const workbook = { name: 'eul.xlsx', bytes: officialWorkbook, type: XLSX_TYPE };

  it.each(['admin@minato-ceramics.example', 'admin@meti.example', 'case@meti.example', 'admin@tics-cert.example'])(
    'refuses %s (403)',
    async (email) => {
      const c = await as(email);
      const r = await postVersion(c, 'end-user-list', multipart(publishFields, workbook));
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('auth/forbidden');
    },
  );

  it('refuses a request without a session (401)', async () => {
    const c = await t.client();
    const r = await postVersion(c, 'end-user-list', multipart(publishFields, workbook));
    expect(r.statusCode).toBe(401);
  });

  it('names the missing fields and file', async () => {
    const r = await postVersion(
      catalogueAdmin,
      'end-user-list',
      multipart({ effectiveFrom: '2026-13-01', source: 'x' }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(fieldPaths(r)).toEqual(['effectiveFrom', 'file', 'label']);
  });

  it('needs the attribution for the End User List', async () => {
    const { attribution: _a, ...withoutAttribution } = publishFields;
    const r = await postVersion(catalogueAdmin, 'end-user-list', multipart(withoutAttribution, workbook));
    expect(r.statusCode).toBe(400);
    expect(fieldPaths(r)).toEqual(['attribution']);
  });

  it('refuses a JSON body and an unknown catalogue', async () => {
    const json = await catalogueAdmin.post('/api/v1/catalogues/end-user-list/versions', publishFields);
    expect(json.statusCode).toBe(415);
    const unknown = await postVersion(catalogueAdmin, 'tics-standard', multipart(publishFields, workbook));
    expect(unknown.statusCode).toBe(400);
    expect(fieldPaths(unknown)).toEqual(['catalogue']);
  });

  it('refuses an existing effective date with 409', async () => {
    const r = await postVersion(
      catalogueAdmin,
      'end-user-list',
      multipart({ ...publishFields, effectiveFrom: '2025-10-09' }, workbook),
    );
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('catalogue/version_exists');
  });

  it('lets the METI catalogue administrator publish (202 and a job that succeeds)', async () => {
    const r = await postVersion(catalogueAdmin, 'end-user-list', multipart(publishFields, workbook));
    expect(r.statusCode).toBe(202);
    const { jobId } = r.json();
    await t.services.jobs.drain();
    const job = await catalogueAdmin.get(`/api/v1/jobs/${jobId}`);
    expect(job.json()).toMatchObject({ kind: 'catalogue.publish', status: 'succeeded', progressDone: 835 });
    const list = await company.get('/api/v1/catalogues');
    const versions = list.json().items[2].versions;
    expect(versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2026-02-01', '2025-10-09']);
    const diff = await company.get(
      `/api/v1/catalogues/end-user-list/versions/${versions[1].id}/diff/${versions[0].id}`,
    );
    expect(diff.statusCode).toBe(200);
    expect(diff.json().summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 835 });
  });
});
