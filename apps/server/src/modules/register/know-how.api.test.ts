import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { people } from '../people/people.schema';

let t: TestApp;
/** One signed-in client per demo user: a TOTP code is accepted once, so each user signs in once per file. */
const as = signInOnce(() => t);

const OFFICER = 'officer@minato-ceramics.example';
const EMPLOYEE = 'engineer@minato-ceramics.example';
const LEGAL = 'legal@minato-ceramics.example';
const METI = 'case@meti.example';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A state-changing request that also refreshes the CSRF token, like the client's post/patch helpers. */
const send = async (client: TestClient, method: 'PUT' | 'POST', url: string, payload?: unknown) => {
  const r = await client.request({ method, url, ...(payload === undefined ? {} : { payload }) });
  await client.get('/api/v1/session');
  return r;
};

let technology: { id: string; version: number };
let holder = '';

const map = (overrides: Record<string, unknown> = {}) => ({
  steps: [
    { key: 'a', name: '開発A' },
    { key: 'b', name: '生産B' },
  ],
  holdings: [
    { stepKey: 'a', personId: holder, depth: 3 },
    { stepKey: 'b', personId: holder, depth: 3 },
  ],
  version: technology.version,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const officer = await as(OFFICER);
  const r = await officer.post('/api/v1/register/technologies', {
    code: 'KA-1',
    nameJa: 'API試験用コア技術',
    classificationCode: 'top_secret',
    isCore: true,
    coreReason: '独自の焼成条件',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  technology = r.json();
  const tenantId = String(
    (await t.db.system((tx) => tx.execute(sql`select tenant_id from users where email = ${OFFICER}`))).rows[0]
      ?.tenant_id,
  );
  const [row] = await t.db.tenant(tenantId, (tx) =>
    tx
      .insert(people)
      .values({
        tenantId,
        employeeId: 'KA-P1',
        name: '全工程 知子',
        employmentType: 'employee',
        status: 'leaving',
        lastWorkingDay: '2099-12-31',
      })
      .returning({ id: people.id }),
  );
  holder = (row as { id: string }).id;
});
afterAll(async () => {
  await t?.close();
});

const routes = () =>
  [
    ['GET', `/api/v1/register/technologies/${technology.id}/know-how`, undefined],
    ['PUT', `/api/v1/register/technologies/${technology.id}/know-how`, map()],
    ['GET', '/api/v1/register/concentration', undefined],
    ['GET', '/api/v1/register/concentration?format=csv', undefined],
  ] as const;

describe('access to the know-how routes', () => {
  it('every route needs a session (401) and answers 403 to a METI user', async () => {
    const anonymous = await t.client();
    const meti = await as(METI);
    for (const [method, url, body] of routes()) {
      const r = await anonymous.request({ method, url, ...(body ? { payload: body } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      const forbidden =
        method === 'GET' ? await meti.get(url) : await send(meti, method, url, body as Record<string, unknown>);
      expect(forbidden.statusCode, `${method} ${url}`).toBe(403);
      expect(forbidden.json().error.code).toBe('auth/forbidden');
    }
  });

  it('an employee without access gets 404 for the map, 403 for a change, and no row in the ranking', async () => {
    const employee = await as(EMPLOYEE);
    const r = await employee.get(`/api/v1/register/technologies/${technology.id}/know-how`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('register/not_found');
    expect(
      (await send(employee, 'PUT', `/api/v1/register/technologies/${technology.id}/know-how`, map())).statusCode,
    ).toBe(403);
    const ranking = await employee.get('/api/v1/register/concentration?pageSize=500');
    expect(ranking.statusCode).toBe(200);
    expect(ranking.json().items.map((i: { code: string }) => i.code)).not.toContain('KA-1');
  });

  it('legal reads the map but may not change it', async () => {
    const legal = await as(LEGAL);
    const r = await legal.get(`/api/v1/register/technologies/${technology.id}/know-how`);
    expect(r.statusCode).toBe(200);
    expect(r.json().abilities).toEqual({ edit: false });
    expect(
      (await send(legal, 'PUT', `/api/v1/register/technologies/${technology.id}/know-how`, map())).statusCode,
    ).toBe(403);
  });
});

describe('saving the map', () => {
  const url = () => `/api/v1/register/technologies/${technology.id}/know-how`;

  it.each<[string, () => Record<string, unknown>]>([
    [
      'duplicate step keys',
      () =>
        map({
          steps: [
            { key: 'a', name: 'A' },
            { key: 'a', name: 'B' },
          ],
          holdings: [],
        }),
    ],
    ['a depth outside 1–3', () => map({ holdings: [{ stepKey: 'a', personId: holder, depth: 4 }] })],
    ['a person id that is not a UUID', () => map({ holdings: [{ stepKey: 'a', personId: 'someone', depth: 2 }] })],
    [
      'the same person twice on a step',
      () => map({ holdings: [1, 2].map((depth) => ({ stepKey: 'a', personId: holder, depth })) }),
    ],
    ['an empty step name', () => map({ steps: [{ key: 'a', name: ' ' }], holdings: [] })],
    ['no version', () => map({ version: undefined })],
  ])('refuses %s (400)', async (_name, body) => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'PUT', url(), body());
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
  });

  it.each<[string, () => Record<string, unknown>, string]>([
    [
      'a holding of an unknown step',
      () => map({ holdings: [{ stepKey: 'z', personId: holder, depth: 2 }] }),
      'register/step_unknown',
    ],
    [
      'a person outside the directory',
      () => map({ holdings: [{ stepKey: 'a', personId: MISSING, depth: 2 }] }),
      'register/unknown_person',
    ],
  ])('refuses %s (422) with a stable code', async (_name, body, code) => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'PUT', url(), body());
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe(code);
  });

  it('answers 404 for a technology that does not exist and 400 for a malformed id', async () => {
    const officer = await as(OFFICER);
    expect((await officer.get(`/api/v1/register/technologies/${MISSING}/know-how`)).statusCode).toBe(404);
    expect((await officer.get('/api/v1/register/technologies/not-a-uuid/know-how')).statusCode).toBe(400);
  });

  it('saves the whole map, answers the analysis and refuses the stale version afterwards (409)', async () => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'PUT', url(), map());
    expect(r.statusCode).toBe(200);
    const view = r.json();
    expect(view.steps.map((s: { name: string }) => s.name)).toEqual(['開発A', '生産B']);
    expect(view.analysis).toMatchObject({ level: 'critical', busFactor: 1, singlePersonAllSteps: [holder] });
    expect(view.version).toBe(technology.version + 1);
    const stale = await send(officer, 'PUT', url(), map());
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('register/version_conflict');
    const again = await officer.get(url());
    expect(again.json()).toEqual(view);
  });
});

describe('concentration ranking', () => {
  it('ranks the technology with its critical person, and exports it as CSV and XLSX in Japanese', async () => {
    const officer = await as(OFFICER);
    const r = await officer.get('/api/v1/register/concentration?level=critical&pageSize=500');
    expect(r.statusCode).toBe(200);
    const row = r.json().items.find((i: { code: string }) => i.code === 'KA-1');
    expect(row).toMatchObject({
      steps: 2,
      holders: 1,
      concentration: { level: 'critical', busFactor: 1, singlePersonAllSteps: true, departingHolders: 1 },
      criticalPeople: [{ id: holder, name: '全工程 知子', status: 'leaving' }],
    });

    const csv = await officer.get('/api/v1/register/concentration?format=csv&core=true');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('技術コード');
    expect(lines[0]).toContain('集中リスク');
    expect(lines.find((l) => l.startsWith('KA-1,'))).toContain('全工程 知子（退職予定）');
    expect(lines.find((l) => l.startsWith('KA-1,'))).toContain('重大');

    const xlsx = await officer.get('/api/v1/register/concentration?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('技術コード');
  });

  it('refuses an unknown level (400)', async () => {
    const officer = await as(OFFICER);
    expect((await officer.get('/api/v1/register/concentration?level=extreme')).statusCode).toBe(400);
  });
});
