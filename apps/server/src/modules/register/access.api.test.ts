import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { people } from '../people/people.schema';

let t: TestApp;
/** One signed-in client per demo user: a TOTP code is accepted once, so each user signs in once per file. */
const as = signInOnce(() => t);

const OFFICER = 'officer@minato-ceramics.example';
const OWNER = 'tech@minato-ceramics.example';
const EMPLOYEE = 'engineer@minato-ceramics.example';
const METI = 'case@meti.example';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A state-changing request that also refreshes the CSRF token, like the client's post/patch helpers. */
const send = async (client: TestClient, method: 'POST' | 'PATCH', url: string, payload: unknown = {}) => {
  const r = await client.request({ method, url, payload });
  await client.get('/api/v1/session');
  return r;
};

let technologyId = '';
let engineerPerson = '';
let contractor = '';
let grantId = '';

beforeAll(async () => {
  t = await createTestApp();
  const officer = await as(OFFICER);
  const r = await officer.post('/api/v1/register/technologies', {
    code: 'AA-1',
    nameJa: 'アクセス試験用の技術',
    classificationCode: 'top_secret',
    isCore: true,
    coreReason: '独自配合',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  technologyId = r.json().id;
  const tenantId = String(
    (await t.db.system((tx) => tx.execute(sql`select tenant_id from users where email = ${OFFICER}`))).rows[0]
      ?.tenant_id,
  );
  const found = await t.db.tenant(tenantId, (tx) =>
    tx.execute<{ id: string }>(sql`select id from people where lower(email) = ${EMPLOYEE} and status <> 'left'`),
  );
  engineerPerson =
    found.rows[0]?.id ??
    (
      (
        await t.db.tenant(tenantId, (tx) =>
          tx
            .insert(people)
            .values({ tenantId, employeeId: 'AA-E', name: '小林 誠', email: EMPLOYEE, employmentType: 'employee' })
            .returning({ id: people.id }),
        )
      )[0] as { id: string }
    ).id;
  const [row] = await t.db.tenant(tenantId, (tx) =>
    tx
      .insert(people)
      .values({ tenantId, employeeId: 'AA-C1', name: '委託 次郎', employmentType: 'contractor' })
      .returning({ id: people.id }),
  );
  contractor = (row as { id: string }).id;
  const grant = await send(officer, 'POST', `/api/v1/register/technologies/${technologyId}/grants`, {
    granteeKind: 'person',
    personId: contractor,
    reason: '試作委託',
  });
  if (grant.statusCode !== 200) throw new Error(grant.body);
  grantId = grant.json().id;
});
afterAll(async () => {
  await t?.close();
});

const routes = () =>
  [
    ['GET', `/api/v1/register/technologies/${technologyId}/grants`, undefined],
    [
      'POST',
      `/api/v1/register/technologies/${technologyId}/grants`,
      { granteeKind: 'department', department: '積層技術部', reason: '共有' },
    ],
    ['PATCH', `/api/v1/register/grants/${grantId}`, { reason: '変更' }],
    ['POST', `/api/v1/register/grants/${grantId}/revoke`, { reason: null }],
    ['GET', '/api/v1/register/access-review', undefined],
    ['GET', '/api/v1/register/access-review?format=csv', undefined],
  ] as const;

describe('access to the grant routes', () => {
  it('every route needs a session (401) and answers 403 to a METI user', async () => {
    const anonymous = await t.client();
    const meti = await as(METI);
    for (const [method, url, body] of routes()) {
      const r =
        method === 'GET' ? await anonymous.get(url) : await anonymous.request({ method, url, payload: body ?? {} });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      const forbidden = method === 'GET' ? await meti.get(url) : await send(meti, method, url, body);
      expect(forbidden.statusCode, `${method} ${url}`).toBe(403);
      expect(forbidden.json().error.code).toBe('auth/forbidden');
    }
  });

  it('an employee without access gets 404 for the grants and 403 for every change and the review', async () => {
    const employee = await as(EMPLOYEE);
    const list = await employee.get(`/api/v1/register/technologies/${technologyId}/grants`);
    expect(list.statusCode).toBe(404);
    expect(list.json().error.code).toBe('register/not_found');
    for (const [method, url, body] of routes().slice(1)) {
      const r = method === 'GET' ? await employee.get(url) : await send(employee, method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('a technology owner gets 404 for a technology that is not theirs', async () => {
    const owner = await as(OWNER);
    expect((await owner.get(`/api/v1/register/technologies/${technologyId}/grants`)).statusCode).toBe(404);
    const r = await send(owner, 'PATCH', `/api/v1/register/grants/${grantId}`, { reason: '横取り' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('register/grant_not_found');
  });
});

describe('validation', () => {
  const grants = () => `/api/v1/register/technologies/${technologyId}/grants`;

  it.each<[string, Record<string, unknown>]>([
    ['a person grant without a person', { granteeKind: 'person', reason: '理由' }],
    ['a department grant without a department', { granteeKind: 'department', department: '', reason: '理由' }],
    ['no reason', { granteeKind: 'person', personId: MISSING, reason: ' ' }],
    [
      'an impossible expiry date',
      { granteeKind: 'person', personId: MISSING, reason: '理由', expiresOn: '2026-02-30' },
    ],
    ['an unknown grantee kind', { granteeKind: 'group', reason: '理由' }],
  ])('refuses %s (400)', async (_name, body) => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'POST', grants(), body);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a person outside the directory', { granteeKind: 'person', personId: MISSING }, 'register/unknown_person'],
    [
      'a department nobody belongs to',
      { granteeKind: 'department', department: '架空部' },
      'register/unknown_department',
    ],
    [
      'an expiry in the past',
      { granteeKind: 'person', personId: MISSING, expiresOn: '2020-01-01' },
      'register/expiry_in_past',
    ],
  ])('refuses %s (422) with a stable code', async (_name, body, code) => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'POST', grants(), { reason: '理由', ...body });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe(code);
  });

  it('refuses a second grant to the same person (409) and a change to an unknown grant (404)', async () => {
    const officer = await as(OFFICER);
    const r = await send(officer, 'POST', grants(), { granteeKind: 'person', personId: contractor, reason: '再' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('register/grant_exists');
    const missing = await send(officer, 'PATCH', `/api/v1/register/grants/${MISSING}`, { reason: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('register/grant_not_found');
  });
});

describe('need-to-know end to end', () => {
  it('a new grant immediately lets the grantee read the technology; revoking closes it again', async () => {
    const officer = await as(OFFICER);
    const employee = await as(EMPLOYEE);
    const detail = `/api/v1/register/technologies/${technologyId}`;
    expect((await employee.get(detail)).statusCode).toBe(404);

    const granted = await send(officer, 'POST', `/api/v1/register/technologies/${technologyId}/grants`, {
      granteeKind: 'person',
      personId: engineerPerson,
      reason: '設計レビューに参加',
      expiresOn: '2099-03-31',
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ state: 'active', personName: '小林 誠', findings: [] });

    const view = await employee.get(detail);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ code: 'AA-1', abilities: { read: true, manageAccess: false } });
    const list = await employee.get('/api/v1/register/technologies?q=AA-1');
    expect(list.json().items.find((i: { id: string }) => i.id === technologyId)?.access).toBe('full');
    // Reading the technology does not make the grants list theirs to see.
    expect((await employee.get(`/api/v1/register/technologies/${technologyId}/grants`)).statusCode).toBe(403);

    const revoked = await send(officer, 'POST', `/api/v1/register/grants/${granted.json().id}/revoke`, {
      reason: 'レビュー終了',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().state).toBe('revoked');
    expect((await employee.get(detail)).statusCode).toBe(404);
    const twice = await send(officer, 'POST', `/api/v1/register/grants/${granted.json().id}/revoke`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('register/grant_revoked');
  });
});

describe('changing a grant and the review', () => {
  it('changes the expiry and lists the contractor’s grant in the access review and its export', async () => {
    const officer = await as(OFFICER);
    const patched = await send(officer, 'PATCH', `/api/v1/register/grants/${grantId}`, { expiresOn: '2099-01-31' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      expiresOn: '2099-01-31',
      findings: ['external_on_core', 'external_on_top_level'],
    });

    const review = await officer.get('/api/v1/register/access-review?finding=external_on_core&pageSize=500');
    expect(review.statusCode).toBe(200);
    expect(review.json().items.map((g: { id: string }) => g.id)).toContain(grantId);

    const csv = await officer.get('/api/v1/register/access-review?format=csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('指摘事項');
    const line = lines.find((l) => l.startsWith('AA-1,') && l.includes('委託 次郎'));
    expect(line).toContain('業務委託');
    expect(line).toContain('派遣・出向・業務委託の人がコア技術にアクセス可能');

    const list = await officer.get(`/api/v1/register/technologies/${technologyId}/grants`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((g: { state: string }) => g.state)).toEqual(['active', 'revoked']);
  });

  it('refuses a review query with an unknown finding (400)', async () => {
    const officer = await as(OFFICER);
    expect((await officer.get('/api/v1/register/access-review?finding=suspicious')).statusCode).toBe(400);
  });
});
