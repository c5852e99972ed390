import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { DEMO_PASSWORD } from '../../modules/demo';

let t: TestApp;
const sessions = new Map<string, TestClient>();
// A TOTP code is accepted once, so each demo user signs in once per file and the session is reused.
const signIn = async (email: string) => {
  if (!sessions.has(email)) sessions.set(email, await t.signIn(email));
  return sessions.get(email)!;
};
const idOf = async (email: string) =>
  (await t.db.system((tx) => tx.execute(sql`select id, tenant_id from users where email = ${email}`))).rows[0] as {
    id: string;
    tenant_id: string;
  };
const notify = async (email: string, n: number) => {
  const user = await idOf(email);
  await t.db.tenant(user.tenant_id, (tx) =>
    t.services.notifier.notify(tx, user.tenant_id, user.id, {
      kind: 'test.notice',
      titleJa: `通知${n}`,
      titleEn: `Notice ${n}`,
      bodyJa: `本文${n}`,
      bodyEn: `Body ${n}`,
      link: `/jobs/${n}`,
    }),
  );
};

beforeAll(async () => {
  t = await createTestApp();
  await t.db.system((tx) => tx.execute(sql`update users set locale = 'en' where email = 'hr@minato-ceramics.example'`));
  for (const n of [1, 2, 3]) await notify('officer@minato-ceramics.example', n);
  await notify('hr@minato-ceramics.example', 4);
  await notify('case@meti.example', 5);
});
afterAll(async () => {
  await t?.close();
});

describe('GET /notifications', () => {
  it('lists the caller’s own notifications in their language with the unread count', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const r = await officer.get('/api/v1/notifications?pageSize=2');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2, total: 3, unread: 3 });
    expect(body.items.map((i: { title: string }) => i.title)).toEqual(['通知3', '通知2']);
    expect(body.items[0]).toMatchObject({ kind: 'test.notice', body: '本文3', link: '/jobs/3', readAt: null });
    expect((await officer.get('/api/v1/session')).json().unreadNotifications).toBe(3);

    const hr = await signIn('hr@minato-ceramics.example');
    const english = (await hr.get('/api/v1/notifications')).json();
    expect(english.items.map((i: { title: string }) => i.title)).toEqual(['Notice 4']);
  });

  it('exports the caller’s notifications as XLSX', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const r = await officer.get('/api/v1/notifications?format=xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('needs a full session and names invalid query fields', async () => {
    expect((await (await t.client()).get('/api/v1/notifications')).statusCode).toBe(401);
    const pending = await t.client();
    await pending.post('/api/v1/auth/sign-in', { email: 'tech@minato-ceramics.example', password: DEMO_PASSWORD });
    const halfway = await pending.get('/api/v1/notifications');
    expect(halfway.statusCode).toBe(401);
    expect(halfway.json().error.code).toBe('auth/second_factor_required');
    const officer = await signIn('officer@minato-ceramics.example');
    const bad = await officer.get('/api/v1/notifications?unreadOnly=maybe&page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request/invalid');
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['page', 'unreadOnly']);
  });
});

describe('POST /notifications/:id/read and /notifications/read-all', () => {
  it('marks one of the caller’s notifications read and refuses anyone else’s', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const [first] = (await officer.get('/api/v1/notifications')).json().items;
    const r = await officer.post(`/api/v1/notifications/${first.id}/read`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, unread: 2 });
    const unread = (await officer.get('/api/v1/notifications?unreadOnly=true')).json();
    expect(unread.total).toBe(2);
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(first.id);

    const colleague = await signIn('hr@minato-ceramics.example');
    const theirs = await colleague.post(`/api/v1/notifications/${first.id}/read`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('notifications/not_found');
    const meti = await signIn('case@meti.example');
    expect((await meti.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);

    const bad = await officer.post('/api/v1/notifications/42/read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });

  it('marks all of the caller’s notifications read', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const r = await officer.post('/api/v1/notifications/read-all');
    expect(r.json()).toEqual({ ok: true, unread: 0 });
    const meti = await signIn('case@meti.example');
    expect((await meti.get('/api/v1/notifications')).json().unread).toBe(1);
  });

  it('needs a session and the CSRF token', async () => {
    const anonymous = await t.client();
    expect((await anonymous.post('/api/v1/notifications/read-all')).statusCode).toBe(401);
    const officer = await signIn('officer@minato-ceramics.example');
    const forged = await officer.request({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      payload: {},
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('auth/csrf_failed');
  });
});
